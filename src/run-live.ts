import { schedule } from "node-cron";
import { ConsoleNotifier } from "./adapters/console/console-notifier.js";
import {
  createLive,
  type DrainReport,
  describeError,
  type LiveTick,
  type Notifier,
  PostgresDatabase,
  SharedSpacing,
  systemClock,
} from "./digest/index.js";
import type { LiveParts } from "./start-live.js";

/** Hears what each live tick did, or why it failed (for /metrics and /healthz). */
export interface TickObserver {
  tick(tick: LiveTick, now: number): void;
  failed(detail: string, now: number): void;
}

/**
 * Live operation: the live path (createLive) ticks at start and then every HILO_TICK_SECONDS of the wall clock (a
 * minute by default), never two at once; each tick is logged and `observe` hears what it did or why it failed.
 * The sender drains the outbox beside the ticks (each tick starts it if it is idle); on PostgreSQL the replicas'
 * senders share one send budget. Returns a function that stops both, once the sends under way are done.
 */
export async function runLive(
  { hilo, db, pack, config, log, work, onWorkTaken, replica }: Omit<LiveParts, "notifiers" | "running">,
  notifiers: readonly Notifier[] = [new ConsoleNotifier(process.stdout)],
  observe: TickObserver = { tick: () => undefined, failed: () => undefined },
): Promise<() => Promise<void>> {
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
    // A fan-out longer than a tick goes on over several, so polling and scheduling keep their pace meanwhile.
    limits: { messagesPerSecond: config.sendRate, maxDrainMs: config.tickSeconds * 1000 },
    work,
    onWorkTaken,
    replica: {
      holder: replica,
      claimMs: config.sendClaimSeconds * 1000,
      budget: db instanceof PostgresDatabase ? new SharedSpacing(db, systemClock, config.sendRate) : undefined,
    },
  });
  // The outbox is drained apart from the ticks: a fan-out longer than a tick goes on drain after drain (each stops
  // claiming at the tick's length, to report), while ticks keep polling, queueing and trying the work lease.
  let drained = noneDrained();
  let pumping: Promise<void> | undefined;
  const pump = () => {
    pumping ??= (async () => {
      try {
        for (;;) {
          const report = await live.sender.drain();
          drained = addDrained(drained, report);
          // A stopped sender's drain is never truncated: the loop ends with it.
          if (!report.truncated) break;
        }
      } catch (error) {
        log.error("sending failed", { error: describeError(error) });
        observe.failed(`sending failed: ${describeError(error)}`, Date.now());
      } finally {
        pumping = undefined;
      }
    })();
  };
  const tick = async (now: number) => {
    try {
      const done = await live.work(now);
      pump();
      const { polled, scheduled } = done;
      const sent = drained;
      drained = noneDrained();
      log.info("tick", {
        work: done.work,
        feeds: polled.feeds.length,
        failed: polled.feeds.filter((feed) => feed.outcome === "failed").length,
        added: polled.added,
        ...scheduled,
        sent: sent.sent,
        deferred: sent.deferred,
      });
      observe.tick({ ...done, drained: sent }, now);
    } catch (error) {
      // The next tick tries again; until one finishes, /healthz says this one failed.
      log.error("tick failed", { error: describeError(error) });
      observe.failed(describeError(error), now);
    }
  };
  await tick(Date.now());
  const every = config.tickSeconds === 60 ? "* * * * *" : `*/${config.tickSeconds} * * * * *`;
  const task = schedule(every, () => tick(Date.now()), { noOverlap: true, name: "hilo-tick" });
  return async () => {
    task.stop();
    await live.sender.stop();
    await pumping;
  };
}

function noneDrained(): DrainReport {
  return { sent: 0, deferred: 0, closed: 0, failed: 0, resumed: 0, truncated: false };
}

/** Two drains' reports as one (what was delivered between two ticks). */
function addDrained(a: DrainReport, b: DrainReport): DrainReport {
  return {
    sent: a.sent + b.sent,
    deferred: a.deferred + b.deferred,
    closed: a.closed + b.closed,
    failed: a.failed + b.failed,
    resumed: a.resumed + b.resumed,
    truncated: b.truncated,
  };
}
