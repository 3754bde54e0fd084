import type { Notifier } from "../digest/index.js";

/**
 * Wraps a notifier so that each "rate-limited" answer is counted for its platform. The outcome, and any throw,
 * pass through untouched: the sender decides what a rate limit means, this only keeps the tally for /metrics.
 */
export function countRateLimits(notifier: Notifier, count: (platform: string) => void): Notifier {
  return {
    platform: notifier.platform,
    send: async (target, message) => {
      const outcome = await notifier.send(target, message);
      if (outcome.kind === "rate-limited") count(notifier.platform);
      return outcome;
    },
  };
}
