import type { Config } from "./config.js";
import {
  type Db,
  describeError,
  type Hilo,
  type Logger,
  type Notifier,
  Outbox,
  type StoryPack,
  type WorkLease,
} from "./digest/index.js";
import { countRateLimits } from "./ops/count-rate-limits.js";
import { startHealthServer } from "./ops/health-server.js";
import { LiveStatus } from "./ops/live-status.js";
import { Metrics } from "./ops/metrics.js";
import { runLive } from "./run-live.js";

/** What live operation needs from main; `running` collects what a signal must stop. */
export interface LiveParts {
  hilo: Hilo;
  db: Db;
  pack: StoryPack;
  config: Config;
  log: Logger;
  notifiers: Notifier[];
  running: (() => void | Promise<void>)[];
  /** Whether this replica polls and schedules (see createLive), and what it does when it takes that over. */
  work: WorkLease;
  onWorkTaken: () => void;
  /** This replica's name in the outbox's claims (host:pid:random). */
  replica: string;
}

/**
 * Feeds and deliveries every minute (runLive), with /healthz and /metrics beside them unless HILO_HEALTH_PORT is 0:
 * each tick's reports feed the counters and the health status, and each notifier's rate limits are counted.
 */
export async function startLive(parts: LiveParts): Promise<void> {
  const { db, config, log, notifiers, running } = parts;
  if (!config.health) {
    running.push(await runLive(parts, notifiers));
    return;
  }
  const { host, port, staleMinutes } = config.health;
  const status = new LiveStatus(Date.now());
  const outbox = new Outbox(db);
  const metrics = new Metrics({
    outboxDepth: () => outbox.depth(),
    status,
    platforms: notifiers.map((notifier) => notifier.platform),
  });
  const server = await startHealthServer({ host, port, db, status, metrics, staleMinutes, now: Date.now, log }).catch(
    (error: unknown) => {
      throw new Error(
        `the health server cannot listen on ${host}:${port} (${describeError(error)}); set HILO_HEALTH_PORT to a free port, or to 0 to turn it off`,
      );
    },
  );
  running.push(() => server.close());
  log.info("health server listening", { healthz: `${server.url}/healthz`, metrics: `${server.url}/metrics` });
  const counted = notifiers.map((notifier) => countRateLimits(notifier, (platform) => metrics.rateLimited(platform)));
  running.push(
    await runLive(parts, counted, {
      tick: (tick, now) => {
        status.record(tick, now);
        metrics.record(tick);
      },
      failed: (detail, now) => status.recordFailure(detail, now),
    }),
  );
}
