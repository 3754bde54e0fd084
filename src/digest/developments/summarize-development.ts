import type { Lang } from "../model.js";
import { tokenize } from "../text/tokenize.js";
import { contentStems } from "./article-features.js";
import { type ArticleReading, readArticle } from "./article-reading.js";
import {
  addInto,
  cachedScale,
  cosineToKnown,
  cosineToRest,
  countVector,
  type SparseVector,
  squaredNorm,
  unitVector,
  weightedCosine,
} from "./sparse-vector.js";

export interface SummaryOptions {
  /** At most this many sentences. */
  maxSentences: number;
  /** … and at most this many characters in all. */
  maxChars: number;
  /** A candidate this similar to a chosen sentence repeats it and is skipped. */
  maxRedundancy: number;
}

// A report whose closeness to what the reports share is under this share of the closest one's is not mainly about
// the development.
const MAIN_REPORT = 0.5;

export const CHAT_SUMMARY: SummaryOptions = { maxSentences: 2, maxChars: 320, maxRedundancy: 0.5 };

/** The most central title and a short extractive summary of a group of articles in one language. */
export function summarizeArticles<A extends { title: string; text: string }>(
  articles: readonly A[],
  lang: Lang,
  idf: (term: string) => number,
  options: SummaryOptions = CHAT_SUMMARY,
  read: (article: A) => ArticleReading = (article) => readArticle(article, lang),
): { headline: string; summary: string } | undefined {
  if (articles.length === 0) return undefined;
  const readings = articles.map(read);
  const vectorOf = (text: string) => countVector(contentStems(tokenize(text), lang));
  // Every comparison below is with the same few large vectors: their norms, and each term's weight, once.
  const weight = cachedScale(idf);
  const weight2 = (key: string) => weight(key) ** 2;
  // Each title and text is read once; the combinations below are sums of these counts (stems are per word).
  const titles = readings.map((reading) => countVector(reading.titleStems));
  const texts = readings.map((reading) => countVector(reading.textStems));
  const sum = (a: SparseVector, b: SparseVector, aTimes: number) => {
    const out: SparseVector = new Map();
    addInto(out, a, aTimes);
    addInto(out, b);
    return out;
  };
  const centroid: SparseVector = new Map();
  for (let i = 0; i < articles.length; i += 1) addInto(centroid, unitVector(sum(titles[i]!, texts[i]!, 2), weight));

  // Reports mainly about the development: a roundup of the week, or a report that mentions it in passing, sits far
  // from what the other reports share (read without its own weight, title once) and gives neither the headline nor
  // the summary.
  const reports = articles.map((_, i) => unitVector(sum(titles[i]!, texts[i]!, 1), weight));
  const shared: SparseVector = new Map();
  for (const report of reports) addInto(shared, report);
  const sharedNorm = squaredNorm(shared, weight2);
  const closeness = reports.map((report) =>
    reports.length < 3 ? 1 : cosineToRest(report, shared, sharedNorm, weight2),
  );
  const closest = Math.max(...closeness);
  const mainAt = articles.flatMap((_, i) => (closeness[i]! >= MAIN_REPORT * closest ? [i] : []));
  const main = mainAt.map((i) => articles[i]!);

  const centroidNorm = squaredNorm(centroid, weight2);
  let headline = main[0]!.title;
  let bestTitle = -1;
  for (const i of mainAt) {
    const score = cosineToKnown(titles[i]!, centroid, centroidNorm, weight2);
    if (score > bestTitle) {
      bestTitle = score;
      headline = articles[i]!.title;
    }
  }

  const candidates = mainAt.flatMap((i) =>
    readings[i]!.sentences.map(({ text: sentence, stems }, position) => {
      const vector = countVector(stems);
      // Leads of news reports carry the event; a small bonus keeps them ahead of quotes and background.
      const score = cosineToKnown(vector, centroid, centroidNorm, weight2) + (position === 0 ? 0.1 : 0);
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
      (vector) =>
        weightedCosine(candidate.vector, vector, weight) > (vector === headlineVector ? 0.8 : options.maxRedundancy),
    );
    if (similar) continue;
    // A second sentence earns its place with a fact the first and the headline lack (a name, a number): one that
    // only rewords them ("no descarta dar asilo" then "no cierra la puerta al asilo") tells the reader nothing.
    if (chosen.length > 0 && !addsAFact(candidate.sentence, [headline, ...chosen.map((c) => c.sentence)])) continue;
    chosen.push(candidate);
    length += candidate.sentence.length + 1;
  }
  // Keep the chosen sentences in reading order of their score, the best first.
  return { headline, summary: chosen.map((c) => c.sentence).join(" ") };
}

/** True when the sentence names someone or something, or gives a number, that appears nowhere in `told`. */
function addsAFact(sentence: string, told: readonly string[]): boolean {
  const known = new Set(told.flatMap((text) => tokenize(text).map((token) => token.folded)));
  return factsIn(sentence).some((fact) => !known.has(fact));
}

/** Capitalised words past a sentence's first word, and numbers, folded: the names and figures a text gives. */
function factsIn(text: string): string[] {
  const facts: string[] = [];
  tokenize(text).forEach((token, i) => {
    if (token.kind === "number" && !/^(19|20)\d\d$/.test(token.folded)) facts.push(token.folded);
    else if (token.kind === "word" && i > 0 && /^\p{Lu}/u.test(token.text) && token.folded.length > 2)
      facts.push(token.folded);
  });
  return facts;
}
