import type { StoredArticle } from "../store/article-store.js";
import type { NewsStores } from "../store/news-stores.js";
import { LAST_CHUNK } from "../store/search-index.js";
import { searchMarker } from "../summaries/search-query.js";
import type { StoryVocabulary } from "./article-features.js";
import { type ArticleReading, ReadingCache } from "./article-reading.js";
import { DraftCache } from "./development-draft.js";
import type { TermStats } from "./term-stats.js";

// Reports per search row: a new report rewrites its chunk's row, at most this many reports, not its development's.
const REPORTS_PER_CHUNK = 4;

/**
 * Brings a development's record up to date with its reports: counts, outlets, actors, headline, summary and search
 * terms. With `drafts`, a development refreshed lately is taken from where its last refresh left it and only the
 * reports filed since are read; without, it is read afresh.
 */
export function refreshDevelopment(
  news: NewsStores,
  vocabulary: StoryVocabulary,
  stats: TermStats,
  developmentId: number,
  now: number,
  readings: ReadingCache = new ReadingCache(0, vocabulary),
  drafts: DraftCache = new DraftCache(0),
): void {
  const draft = drafts.of(news, developmentId);
  if (!draft) return;
  const read = (article: StoredArticle) => readings.of(article);
  const drawing = draft.draw((term) => stats.idf(term), read, vocabulary.tracked);
  news.developments.update({ id: developmentId, ...drawing }, now);
  indexNewReports(news, developmentId, readings);
}

/**
 * Adds the development's originals filed since its last refresh to the search index: each goes to the chunk of
 * REPORTS_PER_CHUNK reports its place in filing order gives, and only the chunks they fall in are rewritten (with the
 * chunk's earlier reports, whose readings are mostly kept), so the cost follows the new reports, not the
 * development's size.
 */
function indexNewReports(news: NewsStores, developmentId: number, readings: ReadingCache): void {
  const progress = news.developments.searchProgress(developmentId);
  const fresh = news.articles.originalsAfter(developmentId, progress.through);
  if (fresh.length === 0) return;
  const firstChunk = Math.floor(progress.originals / REPORTS_PER_CHUNK);
  const earlier = news.articles
    .originalIdsUpTo(developmentId, progress.through, progress.originals - firstChunk * REPORTS_PER_CHUNK)
    .flatMap((id) => readings.ofId(id, () => news.articles.get(id)) ?? []);
  const reports = [...earlier, ...fresh.map(({ article }) => readings.of(article))];
  for (let start = 0; start < reports.length; start += REPORTS_PER_CHUNK) {
    // A development past LAST_CHUNK chunks (over 260,000 reports) keeps only its latest few in the last one.
    const chunk = Math.min(firstChunk + start / REPORTS_PER_CHUNK, LAST_CHUNK);
    news.search.indexChunk(developmentId, chunk, searchTerms(reports.slice(start, start + REPORTS_PER_CHUNK)));
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
function searchTerms(readings: readonly ArticleReading[]): string {
  const terms: string[] = [];
  const places = new Set<string>();
  // Closes each title and text: a number, which no search term ever is, so no phrase spans two of them.
  const boundary = "0";
  for (const reading of readings) {
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
