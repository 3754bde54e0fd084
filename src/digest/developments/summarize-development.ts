import type { Lang } from "../model.js";
import { tokenize } from "../text/tokenize.js";
import { contentStems } from "./article-features.js";
import { addInto, countVector, unitVector, weightedCosine, type SparseVector } from "./sparse-vector.js";

export interface SummaryOptions {
  /** At most this many sentences. */
  maxSentences: number;
  /** … and at most this many characters in all. */
  maxChars: number;
  /** A candidate this similar to a chosen sentence repeats it and is skipped. */
  maxRedundancy: number;
}

export const CHAT_SUMMARY: SummaryOptions = { maxSentences: 2, maxChars: 320, maxRedundancy: 0.5 };

/** The most central title and a short extractive summary of a group of articles in one language. */
export function summarizeArticles(
  articles: readonly { title: string; text: string }[],
  lang: Lang,
  idf: (term: string) => number,
  options: SummaryOptions = CHAT_SUMMARY,
): { headline: string; summary: string } | undefined {
  if (articles.length === 0) return undefined;
  const vectorOf = (text: string) => countVector(contentStems(tokenize(text), lang));
  const centroid: SparseVector = new Map();
  for (const article of articles) addInto(centroid, unitVector(vectorOf(`${article.title} ${article.title} ${article.text}`), idf));

  let headline = articles[0]!.title;
  let bestTitle = -1;
  for (const article of articles) {
    const score = weightedCosine(vectorOf(article.title), centroid, idf);
    if (score > bestTitle) {
      bestTitle = score;
      headline = article.title;
    }
  }

  const candidates = articles.flatMap((article) =>
    splitSentences(article.text).map((sentence, position) => {
      const vector = vectorOf(sentence);
      // Leads of news reports carry the event; a small bonus keeps them ahead of quotes and background.
      const score = weightedCosine(vector, centroid, idf) + (position === 0 ? 0.1 : 0);
      return { sentence, vector, score };
    }),
  );
  candidates.sort((a, b) => b.score - a.score);
  const headlineVector = vectorOf(headline);
  const chosen: typeof candidates = [];
  let length = 0;
  for (const candidate of candidates) {
    if (chosen.length >= options.maxSentences) break;
    if (length + candidate.sentence.length > options.maxChars) continue;
    const similar = [headlineVector, ...chosen.map((c) => c.vector)].some(
      (vector) => weightedCosine(candidate.vector, vector, idf) > (vector === headlineVector ? 0.8 : options.maxRedundancy),
    );
    if (similar) continue;
    chosen.push(candidate);
    length += candidate.sentence.length + 1;
  }
  // Keep the chosen sentences in reading order of their score, the best first.
  return { headline, summary: chosen.map((c) => c.sentence).join(" ") };
}

/** Sentences of a plain text, without the very short fragments feeds leave behind. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+(?=[\p{Lu}¿¡"“«(])/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length >= 30 && /[\p{L}]/u.test(sentence));
}
