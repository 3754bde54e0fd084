import { ConsoleNotifier } from "./adapters/console/console-notifier.js";
import type { Config } from "./config.js";
import {
  AlertStateStore,
  FeedPoller,
  Outbox,
  Scheduler,
  Sender,
  systemClock,
  type Db,
  type Hilo,
  type Logger,
  type Notifier,
  type StoryPack,
} from "./digest/index.js";

/**
 * Live operation: every minute, poll the feeds that are due, let the scheduler put due digests, alerts and
 * updates in the outbox, and drain it through the notifiers. Returns a function that stops it.
 */
export async function runLive(
  hilo: Hilo,
  db: Db,
  pack: StoryPack,
  config: Config,
  log: Logger,
  notifiers: readonly Notifier[] = [new ConsoleNotifier(process.stdout)],
): Promise<() => void> {
  const poller = new FeedPoller(hilo.pipeline, log, {
    intervalMinutes: config.pollMinutes,
    onFeedDisabled: (feed, reason) => log.warn("feed disabled after repeated failures; re-probed daily", { feed: feed.url, reason }),
    onFeedReenabled: (feed) => log.info("feed answers again", { feed: feed.url }),
  });
  const feeds = config.feedUrls
    ? config.feedUrls.map((url) => ({ url, publisher: publisherOf(url), lang: undefined, trusted: false }))
    : pack.settings.feeds;
  poller.syncFeeds(feeds);
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
    digestBudget: config.digestChars,
  });
  const sender = new Sender({
    outbox,
    chats: hilo.chats,
    subscriptions: hilo.subscriptions,
    notifiers: new Map(notifiers.map((notifier) => [notifier.platform, notifier])),
    clock: systemClock,
    log,
    limits: { messagesPerSecond: config.sendRate },
  });
  const tick = async (now: number) => {
    const polled = await poller.pollDue(now);
    const due = scheduler.tick(now);
    const sent = await sender.drain(now);
    const failed = polled.feeds.filter((feed) => feed.outcome === "failed").length;
    log.info("tick", { feeds: polled.feeds.length, failed, added: polled.added, ...due, sent: sent.sent, deferred: sent.deferred });
  };
  await tick(Date.now());
  return scheduler.startEveryMinute(tick);
}

/** A name for a feed given only by URL: host and path, so two feeds of one server count as two outlets. */
function publisherOf(url: string): string {
  const { host, pathname } = new URL(url);
  return `${host}${pathname === "/" ? "" : pathname}`;
}
