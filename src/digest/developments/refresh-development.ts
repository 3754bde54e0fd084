import type { Lang } from "../model.js";
import type { DevelopmentStore, StoredArticle } from "../store/development-store.js";
import { tokenize } from "../text/tokenize.js";
import { contentStems, type StoryVocabulary } from "./article-features.js";
import { summarizeArticles } from "./summarize-development.js";
import type { TermStats } from "./term-stats.js";

// Headline, summary and search terms are drawn from at most this many reports of a development.
const MAX_ARTICLES = 60;

/** Recomputes a development's headline, summary, actors, publishers and search terms from its articles. */
export function refreshDevelopment(
  store: DevelopmentStore,
  vocabulary: StoryVocabulary,
  stats: TermStats,
  developmentId: number,
  now: number,
): void {
  const outline = store.outlineOf(developmentId);
  if (!outline) return;
  const sample = store.latestOriginals(developmentId, MAX_ARTICLES);
  const headline: Partial<Record<Lang, string>> = {};
  const summary: Partial<Record<Lang, string>> = {};
  const search = searchTerms(sample, vocabulary);
  for (const lang of ["es", "en"] as const) {
    const result = summarizeArticles(
      sample.filter((article) => article.lang === lang),
      lang,
      (term) => stats.idf(term),
    );
    if (result) {
      headline[lang] = result.headline;
      summary[lang] = result.summary;
    }
  }
  store.update(
    {
      id: developmentId,
      headline,
      summary,
      actorIds: store.actorsOf(developmentId).filter((id) => vocabulary.tracked.has(id)),
      publishers: outline.publishers,
      articleCount: outline.articleCount,
      firstSeen: outline.firstSeen,
      lastSeen: outline.lastSeen,
      relevance: outline.relevance,
      conceptIds: [...search.concepts].sort(),
      searchTerms: search.terms,
    },
    now,
  );
}

/** Stems of the titles (twice) and texts, plus every word of the concepts they touch in both languages; and those concepts. */
function searchTerms(articles: readonly StoredArticle[], vocabulary: StoryVocabulary): { terms: string; concepts: Set<string> } {
  const terms: string[] = [];
  const concepts = new Set<string>();
  for (const article of articles) {
    const title = contentStems(tokenize(article.title), article.lang);
    const text = contentStems(tokenize(article.text), article.lang);
    // Appended one by one: spreading an input-sized array into push() overflows the stack on a huge text.
    for (const stem of title) terms.push(stem, stem);
    for (const stem of text) terms.push(stem);
    for (const match of vocabulary.concepts[article.lang].matchAll(title.concat(text))) {
      for (const id of match.values) concepts.add(id);
    }
  }
  for (const id of concepts) {
    for (const term of vocabulary.conceptTerms.get(id) ?? []) terms.push(term);
  }
  return { terms: terms.join(" "), concepts };
}
