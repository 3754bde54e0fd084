import type { GlossaryConcept } from "../content/story-pack.js";
import { contentStems } from "../developments/article-features.js";
import { stem } from "../text/stem.js";
import { isStopword } from "../text/stopwords.js";
import { tokenize } from "../text/tokenize.js";

/**
 * An FTS5 expression for a user's search, in both languages: each word becomes its Spanish and English
 * stems, and a glossary word brings its concept's words in the other language ("asilo" also finds "asylum").
 * `all` wants every word; `any`, the fallback when nothing has them all, wants any two of them.
 */
export function searchQuery(text: string, glossary: readonly GlossaryConcept[]): { all: string; any: string } {
  const concepts = glossary.map((concept) => ({
    words: new Set([...concept.es.flatMap((w) => contentStems(tokenize(w), "es")), ...concept.en.flatMap((w) => contentStems(tokenize(w), "en"))]),
  }));
  const groups: string[][] = [];
  for (const token of tokenize(text)) {
    // The query's language is unknown: a function word of either language carries nothing to search for.
    if (token.folded.length < 2 || isStopword(token.folded, "es") || isStopword(token.folded, "en")) continue;
    const variants = new Set([token.folded, stem(token.folded, "es"), stem(token.folded, "en")]);
    for (const concept of concepts) {
      if ([...variants].some((variant) => concept.words.has(variant))) for (const word of concept.words) variants.add(word);
    }
    groups.push([...variants].filter((variant) => /^[\p{L}\p{N}]+$/u.test(variant)));
  }
  // Long questions rarely match every word; past six words, the first six carry the question.
  const usable = groups.filter((group) => group.length > 0).slice(0, 6);
  const or = (group: string[]) => `(${group.map((term) => `"${term}"`).join(" OR ")})`;
  const pairs: string[] = [];
  for (let i = 0; i < usable.length; i += 1) {
    for (let j = i + 1; j < usable.length; j += 1) pairs.push(`(${or(usable[i]!)} AND ${or(usable[j]!)})`);
  }
  return {
    all: usable.map(or).join(" AND "),
    // The fallback still wants two of the words: one common word alone matches too much to be an answer.
    any: usable.length > 2 ? pairs.join(" OR ") : "",
  };
}
