import { ConsoleNotifier } from "./adapters/console/console-notifier.js";
import type { Config } from "./config.js";
import {
  AlertStateStore,
  type Clock,
  type Db,
  type DrainReport,
  describeError,
  FeedPoller,
  type Hilo,
  type Logger,
  type Notifier,
  Outbox,
  type PollReport,
  Scheduler,
  Sender,
  type SenderLimits,
  type StoryPack,
  systemClock,
  type TickReport,
} from "./digest/index.js";

/** What one live tick did: the feeds it polled, what the scheduler queued and what the sender delivered. */
export interface LiveTick {
  polled: PollReport;
  scheduled: TickReport;
  drained: DrainReport;
}

/** Hears what each live tick did, or why it failed (for /metrics and /healthz). */
export interface TickObserver {
  tick(tick: LiveTick, now: number): void;
  failed(detail: string, now: number): void;
}

/**
 * Live operation: every minute, poll the feeds that are due, let the scheduler put due digests, alerts and
 * updates in the outbox, and drain it through the notifiers; `observe` hears what each tick did or why it failed
 * (for /metrics and /healthz). Returns a function that stops it.
 */
export async function runLive(
  hilo: Hilo,
  db: Db,
  pack: StoryPack,
  config: Config,
  log: Logger,
  notifiers: readonly Notifier[] = [new ConsoleNotifier(process.stdout)],
  observe: TickObserver = { tick: () => undefined, failed: () => undefined },
): Promise<() => void> {
  const poller = new FeedPoller(hilo.pipeline, log, {
    intervalMinutes: config.pollMinutes,
    allowPrivate: config.allowPrivateFeeds,
    onFeedDisabled: (feed, reason) =>
      log.warn("feed disabled after repeated failures; re-probed daily", { feed: feed.url, reason }),
    onFeedReenabled: (feed) => log.info("feed answers again", { feed: feed.url }),
  });
  const feeds = config.feedUrls
    ? config.feedUrls.map((url) => ({ url, lang: undefined, trusted: false }))
    : pack.settings.feeds;
  poller.syncFeeds(feeds);
  const { scheduler, sender } = createDelivery({
    hilo,
    db,
    pack,
    log,
    digestBudget: config.digestChars,
    notifiers,
    clock: systemClock,
    limits: { messagesPerSecond: config.sendRate },
  });
  const tick = async (now: number) => {
    try {
      const polled = await poller.pollDue(now);
      const due = scheduler.tick(now);
      const sent = await sender.drain(now);
      const failed = polled.feeds.filter((feed) => feed.outcome === "failed").length;
      log.info("tick", {
        feeds: polled.feeds.length,
        failed,
        added: polled.added,
        ...due,
        sent: sent.sent,
        deferred: sent.deferred,
      });
      observe.tick({ polled, scheduled: due, drained: sent }, now);
    } catch (error) {
      // The next tick tries again; until one finishes, /healthz says this one failed.
      log.error("tick failed", { error: describeError(error) });
      observe.failed(describeError(error), now);
    }
  };
  await tick(Date.now());
  return scheduler.startEveryMinute(tick);
}

export interface DeliveryOptions {
  hilo: Hilo;
  db: Db;
  pack: StoryPack;
  log: Logger;
  /** Characters one digest may take. */
  digestBudget: number;
  notifiers: readonly Notifier[];
  clock: Clock;
  limits?: Partial<SenderLimits> | undefined;
}

/**
 * The delivery path: the scheduler puts due digests, alerts and updates in the outbox, the sender drains it
 * through the platform's notifier. Live operation and the adapters' end-to-end tests build it here alike.
 */
export function createDelivery(options: DeliveryOptions): { outbox: Outbox; scheduler: Scheduler; sender: Sender } {
  const { hilo, db, pack, log } = options;
  const outbox = new Outbox(db);
  const scheduler = new Scheduler({
    pack,
    developments: hilo.pipeline.developments,
    feeds: hilo.pipeline.feeds,
    chats: hilo.chats,
    subscriptions: hilo.subscriptions,
    alerts: new AlertStateStore(db),
    outbox,
    log,
    digestBudget: options.digestBudget,
  });
  const sender = new Sender({
    outbox,
    chats: hilo.chats,
    subscriptions: hilo.subscriptions,
    notifiers: new Map(options.notifiers.map((notifier) => [notifier.platform, notifier])),
    clock: options.clock,
    log,
    limits: options.limits,
  });
  return { outbox, scheduler, sender };
}
