import { schedule } from "node-cron";
import { ConsoleNotifier } from "./adapters/console/console-notifier.js";
import type { Config } from "./config.js";
import {
  createLive,
  type Db,
  describeError,
  type Hilo,
  type LiveTick,
  type Logger,
  type Notifier,
  type StoryPack,
  systemClock,
} from "./digest/index.js";

/** Hears what each live tick did, or why it failed (for /metrics and /healthz). */
export interface TickObserver {
  tick(tick: LiveTick, now: number): void;
  failed(detail: string, now: number): void;
}

/**
 * Live operation: the live path (createLive) ticks at start and then every minute of the wall clock, never two at
 * once; each tick is logged and `observe` hears what it did or why it failed. Returns a function that stops it.
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
  const live = createLive({
    hilo,
    db,
    pack,
    log,
    feeds: config.feedUrls
      ? config.feedUrls.map((url) => ({ url, lang: undefined, trusted: false }))
      : pack.settings.feeds,
    notifiers,
    clock: systemClock,
    digestBudget: config.digestChars,
    poller: {
      intervalMinutes: config.pollMinutes,
      allowPrivate: config.allowPrivateFeeds,
      onFeedDisabled: (feed, reason) =>
        log.warn("feed disabled after repeated failures; re-probed daily", { feed: feed.url, reason }),
      onFeedReenabled: (feed) => log.info("feed answers again", { feed: feed.url }),
    },
    limits: { messagesPerSecond: config.sendRate },
  });
  const tick = async (now: number) => {
    try {
      const done = await live.tick(now);
      const { polled, scheduled, drained } = done;
      log.info("tick", {
        feeds: polled.feeds.length,
        failed: polled.feeds.filter((feed) => feed.outcome === "failed").length,
        added: polled.added,
        ...scheduled,
        sent: drained.sent,
        deferred: drained.deferred,
      });
      observe.tick(done, now);
    } catch (error) {
      // The next tick tries again; until one finishes, /healthz says this one failed.
      log.error("tick failed", { error: describeError(error) });
      observe.failed(describeError(error), now);
    }
  };
  await tick(Date.now());
  const task = schedule("* * * * *", () => tick(Date.now()), { noOverlap: true, name: "hilo-tick" });
  return () => void task.stop();
}
