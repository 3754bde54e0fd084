import { describeFault } from "../errors.js";
import type { Messages } from "../i18n/messages.js";
import type { FeedRecord } from "../store/feed-store.js";
import { formatDateTime } from "./format-date.js";
import type { Reply } from "./views.js";

/** The /sources answer: each feed's state, last good read, items brought, and its current error with its reason. */
export function buildSourcesReply(feeds: readonly FeedRecord[], messages: Messages, timeZone: string): Reply {
  return {
    kind: "feeds",
    title: messages.sourcesTitle,
    empty: feeds.length === 0 ? messages.sourcesEmpty : undefined,
    feeds: feeds.map((feed) => {
      const lastSuccess =
        feed.lastSuccessAt === null ? undefined : formatDateTime(feed.lastSuccessAt, messages, timeZone);
      // An error older than the last good read is history; a failing or disabled feed always shows why.
      const current =
        feed.state !== "active" || (feed.lastErrorAt !== null && feed.lastErrorAt > (feed.lastSuccessAt ?? -Infinity));
      return {
        publisher: feed.publisher,
        state: feed.state,
        stateLabel: messages.sourcesState[feed.state],
        detail: messages.sourcesDetail(lastSuccess, feed.itemCount),
        error:
          feed.lastError !== null && feed.lastErrorAt !== null && current
            ? messages.sourcesLastError(
                formatDateTime(feed.lastErrorAt, messages, timeZone),
                describeFault(feed.lastError),
              )
            : undefined,
      };
    }),
  };
}
