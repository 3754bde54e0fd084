import { contentStems } from "../developments/article-features.js";
import type { Lang } from "../model.js";
import type { StoredArticle } from "../store/article-store.js";
import { splitIntoSentences } from "../text/split-into-sentences.js";
import { tokenize } from "../text/tokenize.js";
import type { SearchQuery } from "./search-query.js";

/** A sentence of a report that answers a question, with where it comes from. */
export interface AnswerSentence {
  text: string;
  lang: Lang;
  developmentId: number;
  publisher: string;
  publishedAt: number;
  url: string;
}

// An answer is short: a phone screen, not an article.
const MAX_SENTENCES = 3;
// Shorter is a fragment or a kicker; longer is a paragraph the splitter could not cut.
const MIN_CHARS = 40;
const MAX_CHARS = 400;
// Two sentences sharing this share of their words tell the same fact (a wire copy reworded).
const SAME_FACT = 0.5;
// Only the start of a long report is read: news puts who did what first.
const SENTENCES_PER_REPORT = 12;

interface Candidate extends AnswerSentence {
  /** Units the sentence holds, twice, plus those only its report's title holds. */
  matched: number;
  /** Order of its development among the search's hits (0 is best). */
  rank: number;
  /** Its place in its report (0 is the first sentence). */
  position: number;
  stems: Set<string>;
}

/**
 * Up to three sentences, taken whole from the reports of the developments a search found, that answer the question:
 * each holds as many of the question's units (its words, concepts and names) as a development must match, the
 * most first. Those in `lang` are taken when any answers; only when none does are those of the other language.
 * No two come from the same report or tell the same fact. Empty when no sentence answers: the caller says "not yet".
 */
export function answerSentences(
  query: Pick<SearchQuery, "phrases" | "minMatched">,
  hits: readonly { developmentId: number; articles: readonly StoredArticle[] }[],
  lang: Lang,
): AnswerSentence[] {
  if (query.phrases.length === 0) return [];
  const candidates: Candidate[] = [];
  hits.forEach((hit, rank) => {
    for (const article of hits[rank]!.articles) {
      // A syndicated copy says what its original says.
      if (article.copyOf) continue;
      const titled = unitsIn(contentStems(tokenize(article.title), article.lang), query.phrases);
      splitIntoSentences(article.text)
        .slice(0, SENTENCES_PER_REPORT)
        .forEach((text, position) => {
          if (!isWholeStatement(text)) return;
          const stems = contentStems(tokenize(text), article.lang);
          const own = unitsIn(stems, query.phrases);
          // A sentence is read under its report's title: "his words fed talk of Belarus as a refuge" answers who
          // offers Maduro asylum under "Lukashenko: Maduro will always be welcome". It must hold one unit itself.
          const inContext = new Set([...own, ...titled]).size;
          if (own.size === 0 || inContext < query.minMatched) return;
          // Units the sentence holds count double those only its title gives.
          const matched = own.size * 2 + (inContext - own.size);
          candidates.push({
            text,
            lang: article.lang,
            developmentId: hit.developmentId,
            publisher: article.publisher,
            publishedAt: article.publishedAt,
            url: article.url ?? "",
            matched,
            rank,
            position,
            stems: new Set(stems),
          });
        });
    }
  });
  const own = candidates.filter((candidate) => candidate.lang === lang);
  const pool = own.length > 0 ? own : candidates;
  pool.sort(
    (a, b) => b.matched - a.matched || a.rank - b.rank || a.position - b.position || b.publishedAt - a.publishedAt,
  );
  const chosen: Candidate[] = [];
  // Each development's best sentence first (who offered asylum: each government once), then seconds if room is left.
  for (const distinctEvents of [true, false]) {
    for (const candidate of pool) {
      if (chosen.length === MAX_SENTENCES) break;
      if (distinctEvents && chosen.some((other) => other.developmentId === candidate.developmentId)) continue;
      if (chosen.some((other) => other.url === candidate.url || overlap(other.stems, candidate.stems) >= SAME_FACT))
        continue;
      chosen.push(candidate);
    }
  }
  return chosen.map(({ text, lang: language, developmentId, publisher, publishedAt, url }) => ({
    text,
    lang: language,
    developmentId,
    publisher,
    publishedAt,
    url,
  }));
}

/** Which of the question's units (by index) a text holds: one of a unit's phrases, as stems in a row. */
function unitsIn(stems: readonly string[], units: readonly string[][]): Set<number> {
  const line = ` ${stems.join(" ")} `;
  const found = new Set<number>();
  units.forEach((phrases, i) => {
    if (phrases.some((phrase) => line.includes(` ${phrase} `))) found.add(i);
  });
  return found;
}

/** A sentence a reader can take as an answer: whole, ending in its own full stop, not a question or a fragment. */
function isWholeStatement(text: string): boolean {
  if (text.length < MIN_CHARS || text.length > MAX_CHARS) return false;
  if (text.includes("…") || text.endsWith("...")) return false;
  return /[.!]["'”’»)]*$/u.test(text) && /^[\p{Lu}\p{N}"“«'‘(¡]/u.test(text);
}

/** Shared words over the smaller sentence's words. */
function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const word of small) if (large.has(word)) shared += 1;
  return shared / small.size;
}
