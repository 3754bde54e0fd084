import type { WriteProbe } from "../digest/index.js";
import type { LiveStatus } from "./live-status.js";

const MINUTE = 60_000;

/** The /healthz answer: 200 with `healthy`, 503 without, and a JSON body saying why either way. */
export interface HealthReport {
  healthy: boolean;
  body: {
    status: "ok" | "failing";
    uptimeSeconds: number;
    /** ISO 8601, or null before the first one. */
    lastFeedSuccessAt: string | null;
    lastDeliveryAt: string | null;
    /** Whether this replica polls the feeds (holds the work lease); one that does not only sends and answers. */
    pollsFeeds: boolean;
    /** Each reason for "failing", in words an operator can act on; empty when ok. */
    problems: string[];
  };
}

export interface HealthInput {
  status: Pick<LiveStatus, "startedAt" | "lastFeedSuccessAt" | "lastDeliveryAt" | "lastTickFailure" | "pollingSince">;
  database: WriteProbe;
  now: number;
  /** Minutes without a successful feed read after which the bot counts as stuck. */
  staleMinutes: number;
}

/**
 * Healthy means the database takes writes (the outbox depends on it), the last tick finished, and, on the replica that
 * polls, some feed was read within the limit.
 * A quiet spell without deliveries is normal (no news, no subscribers), so it is reported but never fails the check.
 */
export function checkHealth({ status, database, now, staleMinutes }: HealthInput): HealthReport {
  const problems: string[] = [];
  if (!database.ok) problems.push(`the database does not take writes: ${database.error}`);
  const failure = status.lastTickFailure;
  if (failure)
    problems.push(`the last tick failed at ${new Date(failure.at).toISOString()}: ${failure.detail}; see the logs`);
  // Feeds are the business of the replica that polls them, counted from when it began to.
  const polling = status.pollingSince;
  const since = Math.max(status.lastFeedSuccessAt ?? status.startedAt, polling ?? 0);
  const quietMinutes = Math.floor((now - since) / MINUTE);
  if (polling !== undefined && now - since > staleMinutes * MINUTE) {
    problems.push(
      status.lastFeedSuccessAt === undefined
        ? `no feed has answered since ${polling > status.startedAt ? "this replica took over polling" : "the start"}, ${quietMinutes} min ago (limit ${staleMinutes} min); check the feed URLs and the network`
        : `no feed has answered for ${quietMinutes} min (limit ${staleMinutes} min); check the feed URLs and the network`,
    );
  }
  return {
    healthy: problems.length === 0,
    body: {
      status: problems.length === 0 ? "ok" : "failing",
      uptimeSeconds: Math.max(0, Math.floor((now - status.startedAt) / 1000)),
      lastFeedSuccessAt: isoOrNull(status.lastFeedSuccessAt),
      lastDeliveryAt: isoOrNull(status.lastDeliveryAt),
      pollsFeeds: polling !== undefined,
      problems,
    },
  };
}

function isoOrNull(at: number | undefined): string | null {
  return at === undefined ? null : new Date(at).toISOString();
}
