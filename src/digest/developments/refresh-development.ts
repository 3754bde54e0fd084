import type { Lang } from "../model.js";
import type { StoredArticle } from "../store/article-store.js";
import type { NewsStores } from "../store/news-stores.js";
import { searchMarker } from "../summaries/search-query.js";
import type { StoryVocabulary } from "./article-features.js";
import { type ArticleReading, ReadingCache } from "./article-reading.js";
import { CHAT_SUMMARY, summarizeArticles } from "./summarize-development.js";
import type { TermStats } from "./term-stats.js";

// Headline, summary and search terms are drawn from at most this many reports of a development.
const MAX_ARTICLES = 60;

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
  const search = searchTerms(sample, read);
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
      conceptIds: [...search.concepts].sort(),
    },
    now,
  );
  news.search.index(developmentId, search.terms);
}

/**
 * Stems of the titles (twice) and texts, in order, so a phrase search finds a glossary phrase or a name where its
 * words follow one another; then one marker per place the reports name (see searchMarker), so a search finds "La Haya"
 * though its stems are a stopword and "hay"; and the concepts the reports touch.
 */
function searchTerms(
  articles: readonly StoredArticle[],
  read: (article: StoredArticle) => ArticleReading,
): { terms: string; concepts: Set<string> } {
  const terms: string[] = [];
  const concepts = new Set<string>();
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
    for (const id of reading.concepts) concepts.add(id);
    for (const id of reading.places) places.add(id);
  }
  for (const id of places) terms.push(searchMarker(`p:${id}`));
  return { terms: terms.join(" "), concepts };
}
