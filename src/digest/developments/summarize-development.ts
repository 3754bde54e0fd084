import type { Lang } from "../model.js";
import { tokenize } from "../text/tokenize.js";
import { type ArticleReading, readArticle } from "./article-reading.js";
import { addInto, cachedScale, countVector, type SparseVector, unitVector, weightedCosine } from "./sparse-vector.js";
import { SpaceSum, type SpaceVector, TermSpace } from "./term-space.js";

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
  return SummaryDraft.draw(articles, idf, read).result(options);
}

// A drawing kept for the next report keeps the reports closest to its centre: those with the best titles, and those
// with the best sentences. Enough for a headline and a two-sentence summary after the reports that follow shift the
// centre a little; new reports join them.
const REPORT_POOL = 30;
const SENTENCE_POOL = 48;

interface Candidate {
  text: string;
  vector: SparseVector;
  placed: SpaceVector;
  /** A report's first sentence (never a title). */
  lead: boolean;
  score: number;
  /** The names and numbers it gives (see factsIn), once asked for. */
  facts?: string[];
}

/** One report among the candidates: its title and sentences, and its share of what all the reports say. */
interface Entry<A> {
  from: A;
  report: SpaceVector;
  title: Candidate;
  sentences: Candidate[];
}

/**
 * One language's drawing of a development: the centre of its reports (each report once, its title twice), what
 * they share, and the reports that give its headline and summary. `draw` reads every report; `add` and `remove` take
 * one report in or out at the cost of that report and the kept candidates, so a development that gains a report per
 * poll is not read whole each time. Words are weighed as they were at `draw` (a word first seen later, as it is
 * then); a new drawing catches up with the weights and every candidate.
 */
export class SummaryDraft<A extends { title: string } = { title: string }> {
  private readonly space: TermSpace;
  private readonly centroid: SpaceSum;
  private readonly shared: SpaceSum;
  /** Candidate reports, in the reports' order. */
  private entries: Entry<A>[] = [];
  /** Reports in the centre. */
  members = 0;

  private constructor(
    private readonly weight: (key: string) => number,
    private readonly read: (article: A) => ArticleReading,
    private readonly before: (a: A, b: A) => boolean,
  ) {
    this.space = new TermSpace(weight);
    this.centroid = new SpaceSum(this.space);
    this.shared = new SpaceSum(this.space);
  }

  /**
   * Reads every report, in their order: candidates that score the same are taken in it. `before` tells that order
   * for a report added later (by default it goes after every other).
   */
  static draw<A extends { title: string }>(
    articles: readonly A[],
    idf: (term: string) => number,
    read: (article: A) => ArticleReading,
    before: (a: A, b: A) => boolean = () => false,
  ): SummaryDraft<A> {
    // Every comparison is with the same few large vectors: their norms, and each term's weight, once.
    const draft = new SummaryDraft(cachedScale(idf), read, before);
    for (const article of articles) draft.add(article);
    return draft;
  }

  /** Takes one more report in. */
  add(article: A): void {
    const part = this.partsOf(article);
    this.centroid.add(part.centre);
    this.shared.add(part.report);
    this.members += 1;
    const candidate = (text: string, vector: SparseVector, lead: boolean): Candidate => ({
      text,
      vector,
      placed: this.space.place(vector),
      lead,
      score: 0,
    });
    const entry: Entry<A> = {
      from: article,
      report: part.report,
      title: candidate(article.title, part.titleVector, false),
      sentences: this.read(article).sentences.map(({ text, stems }, position) =>
        candidate(text, countVector(stems), position === 0),
      ),
    };
    let at = this.entries.length;
    while (at > 0 && this.before(article, this.entries[at - 1]!.from)) at -= 1;
    this.entries.splice(at, 0, entry);
  }

  /** Takes a report out (it left the newest the development is drawn from). */
  remove(article: A): void {
    const part = this.partsOf(article);
    this.centroid.add(part.centre, -1);
    this.shared.add(part.report, -1);
    this.members -= 1;
    this.entries = this.entries.filter((entry) => entry.from !== article);
  }

  /**
   * The title closest to the centre, and up to `maxSentences` sentences closest to it that neither repeat it nor
   * each other, from the reports mainly about the development; then only the best candidates are kept.
   */
  result(options: SummaryOptions = CHAT_SUMMARY): { headline: string; summary: string } | undefined {
    if (this.entries.length === 0) return undefined;
    // Reports mainly about the development: a roundup of the week, or a report that mentions it in passing, sits far
    // from what the other reports share (read without its own weight, title once) and gives neither the headline nor
    // the summary.
    const closeness = this.entries.map((entry) => (this.members < 3 ? 1 : this.shared.cosineToRest(entry.report)));
    const closest = Math.max(0, ...closeness);
    const main = this.entries.filter((_, i) => closeness[i]! >= MAIN_REPORT * closest);
    for (const entry of this.entries) {
      for (const candidate of [entry.title, ...entry.sentences]) {
        candidate.score =
          this.centroid.cosine(candidate.placed) +
          // Leads of news reports carry the event; a small bonus keeps them ahead of quotes and background.
          (candidate.lead ? 0.1 : 0);
      }
    }
    let best = main[0]!.title;
    for (const { title } of main) if (title.score > best.score) best = title;
    const headline = best.text;
    const candidates = main.flatMap((entry) => entry.sentences).sort((a, b) => b.score - a.score);
    const chosen: Candidate[] = [];
    // Every word the headline and the chosen sentences give, folded.
    const told = new Set(tokenize(headline).map((token) => token.folded));
    let length = 0;
    for (const candidate of candidates) {
      if (chosen.length >= options.maxSentences) break;
      if (length + candidate.text.length > options.maxChars) continue;
      const similar = [best.vector, ...chosen.map((c) => c.vector)].some(
        (vector) =>
          weightedCosine(candidate.vector, vector, this.weight) >
          (vector === best.vector ? 0.8 : options.maxRedundancy),
      );
      if (similar) continue;
      // A second sentence earns its place with a fact the first and the headline lack (a name, a number): one that
      // only rewords them ("no descarta dar asilo" then "no cierra la puerta al asilo") tells the reader nothing.
      candidate.facts ??= factsIn(candidate.text);
      if (chosen.length > 0 && candidate.facts.every((fact) => told.has(fact))) continue;
      chosen.push(candidate);
      for (const token of tokenize(candidate.text)) told.add(token.folded);
      length += candidate.text.length + 1;
    }
    this.keepBest();
    // Keep the chosen sentences in reading order of their score, the best first.
    return { headline, summary: chosen.map((c) => c.text).join(" ") };
  }

  /** Keeps the reports with the best titles, and those with the best sentences (only those sentences of theirs). */
  private keepBest(): void {
    // Pruned once the candidates pass half as many again as are kept, not at every report.
    const sentences = this.entries.reduce((sum, entry) => sum + entry.sentences.length, 0);
    if (this.entries.length <= REPORT_POOL * 1.5 && sentences <= SENTENCE_POOL * 2) return;
    const byTitle = [...this.entries].sort((a, b) => b.title.score - a.title.score).slice(0, REPORT_POOL);
    const bestSentences = new Set(
      this.entries
        .flatMap((entry) => entry.sentences)
        .sort((a, b) => b.score - a.score)
        .slice(0, SENTENCE_POOL),
    );
    const kept = new Set(byTitle);
    this.entries = this.entries.flatMap((entry) => {
      const sentences = entry.sentences.filter((sentence) => bestSentences.has(sentence));
      if (!kept.has(entry) && sentences.length === 0) return [];
      return [{ ...entry, sentences }];
    });
  }

  /** A report's vectors: title twice and text for the centre, title once and text for what reports share. */
  private partsOf(article: A): { centre: SpaceVector; report: SpaceVector; titleVector: SparseVector } {
    const reading = this.read(article);
    const titleVector = countVector(reading.titleStems);
    const text = countVector(reading.textStems);
    const centre: SparseVector = new Map();
    addInto(centre, titleVector, 2);
    addInto(centre, text);
    const report: SparseVector = new Map();
    addInto(report, titleVector);
    addInto(report, text);
    return {
      centre: this.space.place(unitVector(centre, this.weight)),
      report: this.space.place(unitVector(report, this.weight)),
      titleVector,
    };
  }
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
