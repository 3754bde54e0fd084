import type { Lang } from "../model.js";
import type { StoredArticle } from "../store/article-store.js";
import type { NewsStores } from "../store/news-stores.js";
import { LAST_CHUNK } from "../store/search-index.js";
import { searchMarker } from "../summaries/search-query.js";
import type { StoryVocabulary } from "./article-features.js";
import { type ArticleReading, ReadingCache } from "./article-reading.js";
import { CHAT_SUMMARY, summarizeArticles } from "./summarize-development.js";
import type { TermStats } from "./term-stats.js";

// Headline and summary are drawn from at most this many reports of a development.
const MAX_ARTICLES = 60;
// Reports per search row: a new report rewrites its chunk's row, at most this many reports, not its development's.
const REPORTS_PER_CHUNK = 4;

/** Recomputes a development's headline, summary, actors, publishers and search terms from its articles. */
export function refreshDevelopment(
  news: NewsStores,
  vocabulary: StoryVocabulary,
  stats: TermStats,
  developmentId: number,
  now: number,
  readings: ReadingCache = new ReadingCache(0, vocabulary),
): void {
  const outline = news.articles.outlineOf(developmentId);
  if (!outline) return;
  const sample = news.articles.latestOriginals(developmentId, MAX_ARTICLES);
  const headline: Partial<Record<Lang, string>> = {};
  const summary: Partial<Record<Lang, string>> = {};
  const read = (article: StoredArticle) => readings.of(article);
  const concepts = new Set(sample.flatMap((article) => read(article).concepts));
  for (const lang of ["es", "en"] as const) {
    const result = summarizeArticles(
      sample.filter((article) => article.lang === lang),
      lang,
      (term) => stats.idf(term),
      CHAT_SUMMARY,
      read,
    );
    if (result) {
      headline[lang] = result.headline;
      summary[lang] = result.summary;
    }
  }
  news.developments.update(
    {
      id: developmentId,
      headline,
      summary,
      actorIds: news.mentions.actorsOf(developmentId).filter((id) => vocabulary.tracked.has(id)),
      publishers: outline.publishers,
      articleCount: outline.articleCount,
      firstSeen: outline.firstSeen,
      lastSeen: outline.lastSeen,
      relevance: outline.relevance,
      conceptIds: [...concepts].sort(),
    },
    now,
  );
  indexNewReports(news, developmentId, read);
}

/**
 * Adds the development's originals filed since its last refresh to the search index: each goes to the chunk of
 * REPORTS_PER_CHUNK reports its place in filing order gives, and only the chunks they fall in are rewritten (with the
 * chunk's earlier reports), so the cost follows the new reports, not the development's size.
 */
function indexNewReports(
  news: NewsStores,
  developmentId: number,
  read: (article: StoredArticle) => ArticleReading,
): void {
  const progress = news.developments.searchProgress(developmentId);
  const fresh = news.articles.originalsAfter(developmentId, progress.through);
  if (fresh.length === 0) return;
  const firstChunk = Math.floor(progress.originals / REPORTS_PER_CHUNK);
  const earlier = news.articles.originalsUpTo(
    developmentId,
    progress.through,
    progress.originals - firstChunk * REPORTS_PER_CHUNK,
  );
  const reports = [...earlier, ...fresh].map((filed) => filed.article);
  for (let start = 0; start < reports.length; start += REPORTS_PER_CHUNK) {
    // A development past LAST_CHUNK chunks (over 260,000 reports) keeps only its latest few in the last one.
    const chunk = Math.min(firstChunk + start / REPORTS_PER_CHUNK, LAST_CHUNK);
    news.search.indexChunk(developmentId, chunk, searchTerms(reports.slice(start, start + REPORTS_PER_CHUNK), read));
  }
  news.developments.markSearched(developmentId, {
    through: fresh.at(-1)!.filed,
    originals: progress.originals + fresh.length,
  });
}

/**
 * Stems of the titles (twice) and texts, in order, so a phrase search finds a glossary phrase or a name where its
 * words follow one another; then one marker per place the reports name (see searchMarker), so a search finds "La Haya"
 * though its stems are a stopword and "hay".
 */
function searchTerms(articles: readonly StoredArticle[], read: (article: StoredArticle) => ArticleReading): string {
  const terms: string[] = [];
  const places = new Set<string>();
  // Closes each title and text: a number, which no search term ever is, so no phrase spans two of them.
  const boundary = "0";
  for (const article of articles) {
    const reading = read(article);
    // Appended one by one: spreading an input-sized array into push() overflows the stack on a huge text.
    for (const run of [reading.titleStems, reading.titleStems, reading.textStems]) {
      for (const stem of run) terms.push(stem);
      terms.push(boundary);
    }
    for (const id of reading.places) places.add(id);
  }
  for (const id of places) terms.push(searchMarker(`p:${id}`));
  return terms.join(" ");
}
