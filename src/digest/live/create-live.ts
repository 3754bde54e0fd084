import type { StoryPack } from "../content/load-story-pack.js";
import { FeedPoller, type FeedPollerOptions, type LiveFeed, type PollReport } from "../feeds/poll-feeds.js";
import type { Hilo } from "../hilo.js";
import type { Logger } from "../logger.js";
import type { Clock, Notifier } from "../notify/notifier.js";
import { Outbox } from "../notify/outbox.js";
import { type DrainReport, Sender, type SenderLimits, type SenderOptions } from "../notify/sender.js";
import { Scheduler, type TickReport } from "../schedule/scheduler.js";
import { AlertStateStore } from "../store/alert-state-store.js";
import type { Db } from "../store/open-database.js";
import { engineOf } from "../store/sql-database.js";
import { quarantineInterrupted } from "./quarantine-interrupted.js";
import type { LeaseState, WorkLease } from "./work-lease.js";

/** What one live tick did: the feeds it polled, what the scheduler queued and what the sender delivered. */
export interface LiveTick {
  /** Whether this process polled and scheduled ("taken" or "held"), or left it to another replica ("elsewhere"). */
  work: LeaseState;
  polled: PollReport;
  scheduled: TickReport;
  drained: DrainReport;
}

/** What the live path is built from; the clock and the poller's fetch are the parts a replay or a test swaps. */
export interface LiveDeps {
  hilo: Hilo;
  db: Db;
  pack: StoryPack;
  log: Logger;
  /** The feeds to poll (the story's, or HILO_FEEDS); none for a path that only delivers. */
  feeds: readonly LiveFeed[];
  notifiers: readonly Notifier[];
  clock: Clock;
  /** Characters one digest may take. */
  digestBudget: number;
  poller?: Partial<FeedPollerOptions> | undefined;
  limits?: Partial<SenderLimits> | undefined;
  /**
   * Whether this process polls and schedules, among replicas sharing the database; held from the start by default (a
   * process alone on its database). Taken later, the pipeline's memory is read again and feeds the last holder died
   * reading are quarantined, before `onWorkTaken`.
   */
  work?: WorkLease | undefined;
  onWorkTaken?: ((now: number) => void) | undefined;
  /** The sender's place among replicas: its name in claims, how long a claim lasts, the shared send budget. */
  replica?: Pick<SenderOptions, "holder" | "claimMs" | "budget"> | undefined;
}

const ALWAYS_HELD: WorkLease = { hold: () => "held", release: () => undefined };
const NOTHING_POLLED: PollReport = { feeds: [], added: 0, developmentsCreated: 0 };
const NOTHING_SCHEDULED: TickReport = { digests: 0, alerts: 0, updates: 0, heldBack: 0 };

/** The path from feed to chat, built once: `tick(now)` polls, files, schedules and delivers. */
export interface Live {
  poller: FeedPoller;
  outbox: Outbox;
  scheduler: Scheduler;
  sender: Sender;
  /**
   * Polls the due feeds (their news is filed as it arrives) and queues what is due, when this process holds the work
   * lease (taking it over if it is free); the outbox is left to the sender.
   */
  work(now: number): Promise<Omit<LiveTick, "drained">>;
  /** One pass at `now`: `work`, then drain the outbox (every replica sends). */
  tick(now: number): Promise<LiveTick>;
}

/**
 * Builds the live path: feed → poller → pipeline (developments) → scheduler → outbox → sender → notifier → chat.
 * `npm start`, `hilo replay` and the end-to-end tests all run it through here, so they cannot drift apart.
 */
export function createLive(deps: LiveDeps): Live {
  const { hilo, db, log } = deps;
  const pipeline = hilo.pipeline;
  const poller = new FeedPoller(pipeline.feeds, (documents, now) => pipeline.ingest(documents, now), log, deps.poller);
  poller.syncFeeds(deps.feeds);
  const outbox = new Outbox(db);
  const scheduler = new Scheduler({
    pack: deps.pack,
    developments: pipeline.developments,
    articles: pipeline.articles,
    feeds: pipeline.feeds,
    chats: hilo.chats,
    subscriptions: hilo.subscriptions,
    alerts: new AlertStateStore(db),
    outbox,
    log,
    digestBudget: deps.digestBudget,
  });
  const sender = new Sender({
    outbox,
    chats: hilo.chats,
    subscriptions: hilo.subscriptions,
    notifiers: new Map(deps.notifiers.map((notifier) => [notifier.platform, notifier])),
    clock: deps.clock,
    log,
    limits: deps.limits,
    // SQLite has a single writer: a claim found at start is a dead process's.
    alone: engineOf(db) === "sqlite",
    ...deps.replica,
  });
  const work = deps.work ?? ALWAYS_HELD;
  const live: Live = {
    poller,
    outbox,
    scheduler,
    sender,
    async work(now) {
      const state = work.hold();
      if (state === "taken") {
        log.info("this replica takes over polling and scheduling");
        pipeline.reload();
        quarantineInterrupted(pipeline, log, now);
        deps.onWorkTaken?.(now);
      }
      if (state === "elsewhere") return { work: state, polled: NOTHING_POLLED, scheduled: NOTHING_SCHEDULED };
      const polled = await poller.pollDue(now);
      return { work: state, polled, scheduled: scheduler.tick(now) };
    },
    async tick(now) {
      const worked = await live.work(now);
      return { ...worked, drained: await sender.drain(now) };
    },
  };
  return live;
}
