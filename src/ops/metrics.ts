import { Counter, collectDefaultMetrics, Gauge, Registry } from "prom-client";
import type { LiveTick } from "../digest/index.js";
import type { LiveStatus } from "./live-status.js";

/** What the gauges read at scrape time. */
export interface MetricsSources {
  /** Outbox rows not yet sent or given up. */
  outboxDepth(): number;
  status: LiveStatus;
  /** Platforms whose rate-limit counter shows 0 before their first 429, so a dashboard finds the series. */
  platforms: readonly string[];
}

/**
 * Hilo's Prometheus metrics, in a registry of its own (not prom-client's global one), fed from what each live
 * tick reports; Node's default metrics, event-loop lag among them, come along.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly feedPolls: Counter<"outcome">;
  private readonly articles: Counter;
  private readonly developments: Counter;
  private readonly queued: Counter<"kind">;
  private readonly deliveries: Counter<"result">;
  private readonly rateLimits: Counter<"platform">;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.feedPolls = new Counter({
      name: "hilo_feed_polls_total",
      help: "Feed reads by outcome: fresh (new content), unchanged (not modified) or failed.",
      labelNames: ["outcome"],
      registers,
    });
    this.articles = new Counter({
      name: "hilo_articles_ingested_total",
      help: "Articles new to Hilo, read from feeds.",
      registers,
    });
    this.developments = new Counter({
      name: "hilo_developments_created_total",
      help: "Developments started by new articles.",
      registers,
    });
    this.queued = new Counter({
      name: "hilo_messages_queued_total",
      help: "Digests, alerts and updates the scheduler put in the outbox.",
      labelNames: ["kind"],
      registers,
    });
    this.deliveries = new Counter({
      name: "hilo_deliveries_total",
      help: "Outbox rows per drain: sent, failed (retried later), deferred (left pending, e.g. by a rate limit) or closed (given up).",
      labelNames: ["result"],
      registers,
    });
    this.rateLimits = new Counter({
      name: "hilo_rate_limits_total",
      help: "Sends a platform refused with a rate limit (HTTP 429).",
      labelNames: ["platform"],
      registers,
    });
    // The gauges read their value at scrape time; being registered is all they need, so none is kept in a field.
    new Gauge({
      name: "hilo_outbox_depth",
      help: "Outbox rows waiting to be sent (pending or mid-send).",
      registers,
      collect() {
        try {
          this.set(sources.outboxDepth());
        } catch {
          // A database that cannot be read must not take the other metrics down; /healthz says what is wrong.
          this.set(Number.NaN);
        }
      },
    });
    new Gauge({
      name: "hilo_last_feed_success_timestamp_seconds",
      help: "When a feed last answered (Unix time); 0 before the first.",
      registers,
      collect() {
        this.set((sources.status.lastFeedSuccessAt ?? 0) / 1000);
      },
    });
    new Gauge({
      name: "hilo_last_delivery_timestamp_seconds",
      help: "When a message was last delivered (Unix time); 0 before the first.",
      registers,
      collect() {
        this.set((sources.status.lastDeliveryAt ?? 0) / 1000);
      },
    });
    // Every label value shows from the first scrape, at 0, so rate() and alerts work before the first event.
    for (const outcome of ["fresh", "unchanged", "failed"]) this.feedPolls.inc({ outcome }, 0);
    for (const kind of ["digest", "alert", "update"]) this.queued.inc({ kind }, 0);
    for (const result of ["sent", "failed", "deferred", "closed"]) this.deliveries.inc({ result }, 0);
    for (const platform of sources.platforms) this.rateLimits.inc({ platform }, 0);
  }

  /** Adds what one live tick did. */
  record(tick: LiveTick): void {
    for (const feed of tick.polled.feeds) this.feedPolls.inc({ outcome: feed.outcome });
    this.articles.inc(tick.polled.added);
    this.developments.inc(tick.polled.developmentsCreated);
    this.queued.inc({ kind: "digest" }, tick.scheduled.digests);
    this.queued.inc({ kind: "alert" }, tick.scheduled.alerts);
    this.queued.inc({ kind: "update" }, tick.scheduled.updates);
    const { sent, failed, deferred, closed } = tick.drained;
    this.deliveries.inc({ result: "sent" }, sent);
    this.deliveries.inc({ result: "failed" }, failed);
    this.deliveries.inc({ result: "deferred" }, deferred);
    this.deliveries.inc({ result: "closed" }, closed);
  }

  /** Counts one rate-limited send (see countRateLimits). */
  rateLimited(platform: string): void {
    this.rateLimits.inc({ platform });
  }

  /** The exposition text and its content type, for GET /metrics. */
  async scrape(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
