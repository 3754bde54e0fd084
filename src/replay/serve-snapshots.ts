import { type FeedRequest, type FetchFeedOptions, feedTtlMinutes } from "../digest/feeds/fetch-feed.js";
import { FeedError, type FetchResult } from "../digest/index.js";
import type { FeedSnapshots } from "./feed-snapshots.js";

/**
 * A fetch function for the poller that serves each feed file as it stood at the poll's time (`options.now`), keyed
 * by feed URL. The etag is the number of items served, so a poll that finds nothing new gets "unchanged", as a
 * conditional GET would, and the pipeline parses a feed only when it changed.
 */
export function serveSnapshots(
  feeds: ReadonlyMap<string, FeedSnapshots>,
): (request: FeedRequest, options: FetchFeedOptions) => Promise<FetchResult> {
  return async (request, options) => {
    const feed = feeds.get(request.url);
    if (!feed) return { kind: "failed", error: new FeedError(request.url, "http", "not one of the replayed files") };
    const items = feed.itemsAt(options.now);
    // Before its first item a feed has nothing to show; "unchanged" keeps the poller from counting it as failing.
    if (items === 0 || request.etag === etagOf(items)) return { kind: "unchanged", status: 304 };
    const snapshot = feed.snapshotAt(options.now);
    const bytes = Buffer.from(snapshot.text, "utf8");
    return {
      kind: "fresh",
      status: 200,
      bytes,
      contentType: "application/xml; charset=utf-8",
      etag: etagOf(snapshot.items),
      finalUrl: request.url,
      // A feed's <ttl> slows its polling live, so it does in the replay too.
      ttlMinutes: feedTtlMinutes(bytes),
    };
  };
}

function etagOf(items: number): string {
  return `"items-${items}"`;
}
