import { createActorMatcher, type ActorMatcher } from "../actors/match-actors.js";
import { PhraseMatcher } from "../actors/phrase-matcher.js";
import type { StoryPack } from "../content/load-story-pack.js";
import type { Lang } from "../model.js";
import { stem } from "../text/stem.js";
import { isStopword } from "../text/stopwords.js";
import { tokenize, type Token } from "../text/tokenize.js";
import type { GroupingFeatures } from "./group-articles.js";
import type { SparseVector } from "./sparse-vector.js";

/** The story's names and concepts, compiled once for matching. */
export interface StoryVocabulary {
  actors: ActorMatcher;
  /** Glossary phrases over stemmed tokens, per language → concept id. */
  concepts: Record<Lang, PhraseMatcher<string>>;
  /** Place names over folded tokens → place id. */
  places: PhraseMatcher<string>;
  /** Stems of every word of a concept in both languages, so a search in one language finds reports in the other. */
  conceptTerms: Map<string, string[]>;
}

/** Everything Hilo derives from one article's words. */
export interface ArticleFeatures extends GroupingFeatures {
  actorIds: string[];
}

/** Compiles the story pack's actors, glossary and places into matchers. */
export function buildVocabulary(pack: Pick<StoryPack, "actors" | "glossary" | "places">): StoryVocabulary {
  const concepts: Record<Lang, PhraseMatcher<string>> = { es: new PhraseMatcher(), en: new PhraseMatcher() };
  const conceptTerms = new Map<string, string[]>();
  for (const concept of pack.glossary) {
    const terms = new Set<string>();
    for (const lang of ["es", "en"] as const) {
      for (const phrase of concept[lang]) {
        const stems = contentStems(tokenize(phrase), lang);
        if (stems.length > 0) concepts[lang].add(stems, concept.id);
        for (const term of stems) terms.add(term);
      }
    }
    conceptTerms.set(concept.id, [...terms]);
  }
  const places = new PhraseMatcher<string>();
  for (const place of pack.places) {
    for (const name of place.names) {
      const tokens = tokenize(name).map((token) => token.folded);
      if (tokens.length > 0) places.add(tokens, place.id);
    }
  }
  return { actors: createActorMatcher(pack.actors, pack.places), concepts, places, conceptTerms };
}

/** Terms (stemmed, title counted twice) and language-independent anchors of one article. */
export function extractFeatures(
  vocabulary: StoryVocabulary,
  article: { title: string; text: string; lang: Lang; publishedAt: number },
): ArticleFeatures {
  const { lang } = article;
  const titleTokens = tokenize(article.title);
  const bodyTokens = tokenize(article.text);
  const counts = new Map<string, number>();
  const anchors = new Set<string>();
  const stemsOf = (tokens: Token[], weight: number) => {
    const stems: string[] = [];
    for (const token of tokens) {
      if (token.kind === "number") {
        if (token.folded.length >= 2) anchors.add(`n:${token.folded}`);
        continue;
      }
      if (token.folded.length < 2 || isStopword(token.folded, lang)) continue;
      const term = stem(token.folded, lang);
      stems.push(term);
      counts.set(term, (counts.get(term) ?? 0) + weight);
      // A capitalised word inside a sentence is a name; names carry across languages unstemmed.
      if (token.capitalised && !token.sentenceStart) anchors.add(`e:${token.folded}`);
    }
    return stems;
  };
  const stems = [...stemsOf(titleTokens, 2), ...stemsOf(bodyTokens, 1)];

  for (const match of vocabulary.concepts[lang].matchAll(stems)) for (const id of match.values) anchors.add(`c:${id}`);
  const folded = [...titleTokens, ...bodyTokens].map((token) => token.folded);
  for (const match of vocabulary.places.matchAll(folded)) for (const id of match.values) anchors.add(`p:${id}`);
  const actorIds = [...new Set(vocabulary.actors.matchArticle(article, article.publishedAt).map((mention) => mention.actorId))].sort();
  for (const id of actorIds) anchors.add(`a:${id}`);

  const terms: SparseVector = new Map();
  for (const [term, count] of counts) terms.set(term, 1 + Math.log(count));
  return { lang, publishedAt: article.publishedAt, terms, anchors, actorIds };
}

/** Stems of the words that carry meaning (stopwords and numbers left out). */
export function contentStems(tokens: readonly Token[], lang: Lang): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    if (token.kind !== "word" || token.folded.length < 2 || isStopword(token.folded, lang)) continue;
    out.push(stem(token.folded, lang));
  }
  return out;
}
