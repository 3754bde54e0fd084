import { newStemmer } from "snowball-stemmers";

/** ROUGE-N recall of one summary: the mean over references, and each reference's own figure. */
export interface RougeRecall {
  recall: number;
  perReference: number[];
}

/** How summaries are prepared before counting, as the published DUC and MultiLing figures were. */
export interface RougeSettings {
  /** Only the summary's first this many words count (ROUGE-1.5.5 `-l`); references are never cut. */
  maxWords?: number;
  /** Porter-stem tokens (ROUGE-1.5.5 `-m`). */
  stem: boolean;
}

export const DUC_ROUGE: RougeSettings = { maxWords: 100, stem: true };
export const MULTILING_ROUGE: RougeSettings = { maxWords: 250, stem: true };

// The original Porter (1980) algorithm, which ROUGE-1.5.5 applies; Hilo's own English stemmer is Porter2,
// whose stems differ often enough ("generalization") to move scores by a few tenths.
const porter = newStemmer("porter");

/**
 * The tokens ROUGE counts: lowercase runs of ASCII letters and digits, so punctuation and hyphens
 * separate words. Like ROUGE-1.5.5, only tokens longer than three characters are stemmed.
 */
export function rougeTokens(text: string, stem: boolean): string[] {
  const tokens = text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((token) => token !== "");
  return stem ? tokens.map((token) => (token.length > 3 ? porter.stem(token) : token)) : tokens;
}

/** The first `maxWords` whitespace-separated words of a text, as ROUGE's length limit reads them. */
export function firstWords(text: string, maxWords: number): string {
  return text.trim().split(/\s+/).slice(0, maxWords).join(" ");
}

/** The longest prefix of a text that fits in `maxBytes` UTF-8 bytes (a cut word stays cut, as in ROUGE `-b`). */
export function firstBytes(text: string, maxBytes: number): string {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= maxBytes) return text;
  // Back off to a character boundary: UTF-8 continuation bytes look like 10xxxxxx.
  let end = maxBytes;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return new TextDecoder().decode(bytes.subarray(0, end));
}

/**
 * ROUGE-N recall of a summary against human references: per reference, the reference's n-grams that the
 * summary also has (each counted at most as often as the summary has it) over all of the reference's
 * n-grams; then the mean over references.
 */
export function rougeRecall(
  summary: string,
  references: readonly string[],
  n: number,
  settings: RougeSettings,
): RougeRecall {
  const cut = settings.maxWords === undefined ? summary : firstWords(summary, settings.maxWords);
  const candidate = ngramCounts(rougeTokens(cut, settings.stem), n);
  const perReference = references.map((reference) => {
    const wanted = ngramCounts(rougeTokens(reference, settings.stem), n);
    let total = 0;
    let matched = 0;
    for (const [gram, count] of wanted) {
      total += count;
      matched += Math.min(count, candidate.get(gram) ?? 0);
    }
    return total === 0 ? 0 : matched / total;
  });
  const recall =
    perReference.length === 0 ? 0 : perReference.reduce((sum, value) => sum + value, 0) / perReference.length;
  return { recall, perReference };
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const gram = tokens.slice(i, i + n).join(" ");
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}
