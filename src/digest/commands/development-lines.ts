import { developmentStatus } from "../developments/development-status.js";
import { ON_STORY } from "../developments/story-relevance.js";
import type { Development } from "../model.js";
import { formatShortDate } from "../summaries/format-date.js";
import { linksNewestFirst } from "../summaries/source-links.js";
import { toldIn } from "../summaries/told-in.js";
import type { DevelopmentLine, Reply } from "../summaries/views.js";
import type { Request } from "./request.js";

/** Which report's date a listed development shows: the first (a timeline's order) or the last (newest first). */
export type Dated = "first" | "last";

/** One development as a list shows it, in the request's language, with links to up to three outlets. */
export function developmentLine(request: Request, development: Development, dated: Dated = "first"): DevelopmentLine {
  const { m, lang, context } = request;
  const status = developmentStatus(development, request.now);
  return {
    developmentId: development.id,
    status,
    statusLabel: m.status[status],
    date: formatShortDate(
      dated === "first" ? development.firstSeen : development.lastSeen,
      m,
      context.pack.settings.timeZone,
    ),
    headline: toldIn(development, lang).headline,
    publishersLabel: m.publishers(development.publishers.length, 0),
    offStory: development.relevance >= ON_STORY ? undefined : m.offStory,
    // Newest originals, read until three outlets are found (at most 30): not every report of a large development.
    links: linksNewestFirst(context.articles.sourcesOf(development.id, 30), 3),
  };
}

/** A titled list, one line per development (a development listed twice shows once); `empty` when there are none. */
export function developmentList(
  request: Request,
  title: string,
  developments: readonly Development[],
  empty: string,
  dated: Dated = "first",
): Reply {
  if (developments.length === 0) return { kind: "text", title, lines: [empty] };
  const seen = new Set<number>();
  const once = developments.filter((development) => !seen.has(development.id) && seen.add(development.id));
  return {
    kind: "developments",
    title,
    intro: undefined,
    lines: once.map((development) => developmentLine(request, development, dated)),
  };
}
