import type { GlossaryConcept } from "../content/story-pack.js";
import { stem } from "../text/stem.js";
import { isStopword } from "../text/stopwords.js";
import { tokenize } from "../text/tokenize.js";

/**
 * An FTS5 expression for a user's search, in both languages: each word becomes its Spanish and English
 * stems, and a glossary word brings its concept's words in the other language ("asilo" also finds "asylum").
 * `all` wants every word; `any` is the fallback when nothing has them all.
 */
export function searchQuery(text: string, glossary: readonly GlossaryConcept[]): { all: string; any: string } {
  const groups: string[][] = [];
  for (const token of tokenize(text)) {
    if (token.folded.length < 2 || (isStopword(token.folded, "es") && isStopword(token.folded, "en"))) continue;
    const variants = new Set([token.folded, stem(token.folded, "es"), stem(token.folded, "en")]);
    for (const concept of glossary) {
      const words = [...concept.es.map((w) => stem(fold(w), "es")), ...concept.en.map((w) => stem(fold(w), "en"))];
      if (words.some((word) => variants.has(word))) {
        for (const word of concept.es) for (const part of tokenize(word)) variants.add(stem(part.folded, "es"));
        for (const word of concept.en) for (const part of tokenize(word)) variants.add(stem(part.folded, "en"));
      }
    }
    groups.push([...variants].filter((variant) => /^[\p{L}\p{N}]+$/u.test(variant)));
  }
  const usable = groups.filter((group) => group.length > 0);
  const or = (group: string[]) => `(${group.map((term) => `"${term}"`).join(" OR ")})`;
  return {
    all: usable.map(or).join(" AND "),
    any: usable.length > 1 ? or(usable.flat()) : "",
  };
}

function fold(word: string): string {
  return tokenize(word)[0]?.folded ?? word;
}
