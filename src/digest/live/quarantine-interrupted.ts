import { quarantineRetryAt } from "../feeds/plan-next-poll.js";
import type { Logger } from "../logger.js";
import type { Pipeline } from "../pipeline.js";
import type { FeedRecord } from "../store/feed-store.js";

/**
 * Feeds whose reading the process that filed news before this one died in are quarantined, each logged: at start, and
 * when a replica takes the filing over from one that died.
 */
export function quarantineInterrupted(pipeline: Pipeline, log: Logger, now: number): FeedRecord[] {
  const quarantined = pipeline.quarantineInterrupted(now, (feed, suspects) => quarantineRetryAt(feed, now, suspects));
  for (const feed of quarantined) {
    log.warn("feed quarantined: the bot stopped while reading it; it is read again alone", {
      feed: feed.url,
      readTogetherWith: quarantined.length - 1,
    });
  }
  return quarantined;
}
