import type { FeedRecord } from "../store/feed-store.js";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// A publisher's <ttl> or Retry-After may ask for a pause; more than a day would quietly drop the feed.
const LONGEST_REQUESTED_WAIT = DAY;

/** How often to poll and when to give up on a feed. */
export interface PollPolicy {
  intervalMinutes: number;
  /** Longest wait between attempts while a feed fails. */
  maxBackoffMs: number;
  /** A feed failing for this long in a row is disabled. */
  disableAfterMs: number;
  /** How often a disabled feed is tried again. */
  reprobeMs: number;
}

/** What one poll found, as scheduling needs it. */
export interface PollOutcome {
  ok: boolean;
  retryAfterMs?: number | undefined;
}

/** When to poll next, and whether this failure is the one that disables the feed. */
export interface PollPlan {
  nextPollAt: number;
  disable: boolean;
}

/**
 * Plans the next poll of a feed whose row already records this poll's outcome: the feed's interval,
 * raised to its `<ttl>` and to Retry-After; on failure the interval doubles per failure in a row (up to
 * `maxBackoffMs`), and a feed failing for `disableAfterMs` is disabled and then only re-probed every `reprobeMs`.
 */
export function planNextPoll(
  feed: Pick<FeedRecord, "intervalMinutes" | "ttlMinutes" | "state" | "failures" | "failingSince">,
  outcome: PollOutcome,
  now: number,
  policy: PollPolicy,
): PollPlan {
  const interval = (feed.intervalMinutes ?? policy.intervalMinutes) * MINUTE;
  const asked = Math.min(outcome.retryAfterMs ?? 0, LONGEST_REQUESTED_WAIT);
  if (outcome.ok) {
    const ttl = Math.min((feed.ttlMinutes ?? 0) * MINUTE, LONGEST_REQUESTED_WAIT);
    return { nextPollAt: now + Math.max(interval, ttl, asked), disable: false };
  }
  const disable =
    feed.state !== "disabled" && feed.failingSince !== null && now - feed.failingSince >= policy.disableAfterMs;
  if (disable || feed.state === "disabled") {
    return { nextPollAt: now + Math.max(policy.reprobeMs, asked), disable };
  }
  const backoff = Math.max(interval, Math.min(interval * 2 ** feed.failures, policy.maxBackoffMs));
  return { nextPollAt: now + Math.max(backoff, asked), disable };
}

const HOUR = 60 * MINUTE;

/**
 * When a feed read as the process died is read again, alone. Read alone, it was the one: in an hour, doubling with
 * each failure, at most a day. Read with others (`suspects` > 1), any of them may be innocent: at once, each alone.
 */
export function quarantineRetryAt(feed: Pick<FeedRecord, "failures">, now: number, suspects: number): number {
  return suspects > 1 ? now : now + Math.min(HOUR * 2 ** Math.min(feed.failures, 5), DAY);
}
