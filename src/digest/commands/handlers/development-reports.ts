import { extractiveSummary } from "../../summaries/extractive-summary.js";
import { formatDateTime, formatShortDate } from "../../summaries/format-date.js";
import { sourceLinks } from "../../summaries/source-links.js";
import { toldIn } from "../../summaries/told-in.js";
import type { Reply } from "../../summaries/views.js";
import type { Request } from "../request.js";

// Sources lists one report per outlet, at most this many; More the newest reports, at most this many.
const SOURCES_LIMIT = 20;
const MORE_REPORTS = 12;

/** Every outlet's report of one development (the "Sources" button): one per outlet, newest first. */
export function developmentSources(request: Request, developmentId: number): Reply {
  const { m, lang, context } = request;
  const development = context.developments.get(developmentId);
  if (!development) return { kind: "error", text: m.unknownDevelopment };
  const timeZone = context.pack.settings.timeZone;
  // Originals with a web address only (what sourceLinks picks).
  const articles = new Map(context.articles.of(developmentId).map((article) => [article.url, article]));
  const links = sourceLinks([...articles.values()], SOURCES_LIMIT);
  return {
    kind: "reports",
    reports: {
      title: m.sourcesOf(toldIn(development, lang).headline),
      summary: undefined,
      reports: links.map((link) => ({
        date: formatShortDate(articles.get(link.url)!.publishedAt, m, timeZone),
        publisher: link.publisher,
        title: link.title,
        url: link.url,
      })),
    },
  };
}

/** A development told in full (the "More" button): a longer summary, then each report in order. */
export function developmentMore(request: Request, developmentId: number): Reply {
  const { m, lang, context } = request;
  const development = context.developments.get(developmentId);
  if (!development) return { kind: "error", text: m.unknownDevelopment };
  const timeZone = context.pack.settings.timeZone;
  const articles = context.articles.of(developmentId).filter((article) => !article.copyOf);
  // A ~100-word summary of the reports in the chat's language (the evaluated extractive one); the short
  // stored summary when there are none in that language.
  const sameLanguage = articles.filter((article) => article.lang === lang);
  const longer = context.idf && sameLanguage.length > 0 ? extractiveSummary(sameLanguage, lang, context.idf).text : "";
  return {
    kind: "reports",
    reports: {
      title: m.moreAbout(toldIn(development, lang).headline),
      summary: longer || toldIn(development, lang).summary,
      reports: articles.slice(-MORE_REPORTS).map((article) => ({
        date: formatDateTime(article.publishedAt, m, timeZone),
        publisher: article.publisher,
        title: article.title,
        url: article.url && /^https?:\/\//.test(article.url) ? article.url : undefined,
      })),
    },
  };
}
