import type { StoryPack } from "../content/load-story-pack.js";
import { FeedPoller, type FeedPollerOptions, type LiveFeed, type PollReport } from "../feeds/poll-feeds.js";
import type { Hilo } from "../hilo.js";
import type { Logger } from "../logger.js";
import type { Clock, Notifier } from "../notify/notifier.js";
import { Outbox } from "../notify/outbox.js";
import { type DrainReport, Sender, type SenderLimits } from "../notify/sender.js";
import { Scheduler, type TickReport } from "../schedule/scheduler.js";
import { AlertStateStore } from "../store/alert-state-store.js";
import type { Db } from "../store/open-database.js";

/** What one live tick did: the feeds it polled, what the scheduler queued and what the sender delivered. */
export interface LiveTick {
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
}

/** The path from feed to chat, built once: `tick(now)` polls, files, schedules and delivers. */
export interface Live {
  poller: FeedPoller;
  outbox: Outbox;
  scheduler: Scheduler;
  sender: Sender;
  /** One pass at `now`: poll the due feeds (their news is filed as it arrives), queue what is due, drain the outbox. */
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
  });
  return {
    poller,
    outbox,
    scheduler,
    sender,
    async tick(now) {
      const polled = await poller.pollDue(now);
      const scheduled = scheduler.tick(now);
      const drained = await sender.drain(now);
      return { polled, scheduled, drained };
    },
  };
}
