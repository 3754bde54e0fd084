import { describeFault } from "../errors.js";
import type { Messages } from "../i18n/messages.js";
import type { FeedRecord } from "../store/feed-store.js";
import { formatDateTime } from "./format-date.js";
import type { Reply } from "./views.js";

/** The /sources answer: each feed's state, last good read, items brought and last error with its reason. */
export function buildSourcesReply(feeds: readonly FeedRecord[], messages: Messages, timeZone: string): Reply {
  if (feeds.length === 0) return { kind: "text", title: messages.sourcesTitle, lines: [messages.sourcesEmpty] };
  const lines: string[] = [];
  for (const feed of feeds) {
    const lastSuccess =
      feed.lastSuccessAt === null ? undefined : formatDateTime(feed.lastSuccessAt, messages, timeZone);
    lines.push(messages.sourcesLine(feed.publisher, messages.sourcesState[feed.state], lastSuccess, feed.itemCount));
    // An error older than the last good read is history; a failing or disabled feed always shows why.
    const current =
      feed.state !== "active" || (feed.lastErrorAt !== null && feed.lastErrorAt > (feed.lastSuccessAt ?? -Infinity));
    if (feed.lastError !== null && feed.lastErrorAt !== null && current) {
      lines.push(
        messages.sourcesLastError(formatDateTime(feed.lastErrorAt, messages, timeZone), describeFault(feed.lastError)),
      );
    }
  }
  return { kind: "text", title: messages.sourcesTitle, lines };
}
