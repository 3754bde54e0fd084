import type { Lang } from "../model.js";
import { withoutDateline } from "../summaries/extractive-summary.js";
import { splitIntoSentences } from "../text/split-into-sentences.js";
import { tokenize } from "../text/tokenize.js";
import { contentStems, type StoryVocabulary } from "./article-features.js";

/**
 * What refreshing a development reads of one report: the stems of its title and text, its whole sentences with
 * theirs, and (with the story's vocabulary) the concepts and places it names.
 */
export interface ArticleReading {
  titleStems: readonly string[];
  textStems: readonly string[];
  sentences: readonly { text: string; stems: readonly string[] }[];
  concepts: readonly string[];
  places: readonly string[];
}

/** What filing a report already read of it (see ArticleFeatures): its content stems and the places it names. */
export interface FiledReading {
  stems: { title: readonly string[]; text: readonly string[] };
  places: readonly string[];
}

/**
 * Reads one report: tokenised, stemmed, split into whole sentences and matched against the vocabulary, once. With
 * `filed`, the stems and places the grouping's features found are taken as they are (the same words, stemmed and
 * matched the same way) rather than read twice.
 */
export function readArticle(
  article: { title: string; text: string },
  lang: Lang,
  vocabulary?: StoryVocabulary,
  filed?: FiledReading,
): ArticleReading {
  const tokens = filed ? undefined : [tokenize(article.title), tokenize(article.text)];
  const titleStems = filed?.stems.title ?? contentStems(tokens![0]!, lang);
  const textStems = filed?.stems.text ?? contentStems(tokens![1]!, lang);
  const concepts = new Set<string>();
  const places = new Set<string>(filed?.places);
  if (vocabulary) {
    for (const match of vocabulary.concepts[lang].matchAll(titleStems.concat(textStems)))
      for (const id of match.values) concepts.add(id);
    for (const fieldTokens of tokens ?? []) {
      for (const match of vocabulary.places.matchAll(fieldTokens.map((token) => token.folded)))
        for (const id of match.values) places.add(id);
    }
  }
  return {
    titleStems,
    textStems,
    sentences: splitSentences(article.text).map((text) => ({ text, stems: contentStems(tokenize(text), lang) })),
    concepts: [...concepts],
    places: vocabulary ? [...places] : [],
  };
}

/**
 * The readings of the reports refreshed lately, the most recent `max` kept: a development that gains a report per
 * poll is redrawn from its newest 60 each time, and reading them again was most of the refresh. Reports never change
 * once filed, so a reading kept is a reading right.
 */
export class ReadingCache {
  private readonly kept = new Map<string, ArticleReading>();

  constructor(
    private readonly max: number,
    private readonly vocabulary?: StoryVocabulary,
  ) {}

  of(article: { id: string; title: string; text: string; lang: Lang }): ArticleReading {
    const kept = this.kept.get(article.id);
    if (kept) return this.used(article.id, kept);
    const reading = readArticle(article, article.lang, this.vocabulary);
    if (this.max > 0) this.keep(article.id, reading);
    return reading;
  }

  private keep(id: string, reading: ArticleReading): void {
    this.kept.delete(id);
    this.kept.set(id, reading);
    if (this.kept.size > this.max) this.kept.delete(this.kept.keys().next().value!);
  }

  /** Reads a report being filed with what its features already read (see FiledReading), and keeps the reading. */
  file(article: { id: string; title: string; text: string; lang: Lang }, filed: FiledReading): void {
    if (this.max <= 0) return;
    this.keep(article.id, readArticle(article, article.lang, this.vocabulary, filed));
  }

  /** The reading of the report with this id: the one kept, else one of the report `load` gives (if any). */
  ofId(
    id: string,
    load: () => { id: string; title: string; text: string; lang: Lang } | undefined,
  ): ArticleReading | undefined {
    const kept = this.kept.get(id);
    if (kept) return this.used(id, kept);
    const article = load();
    return article && this.of(article);
  }

  /** Moves a kept reading to the most recently used end, so the oldest is the first to go. */
  private used(id: string, reading: ArticleReading): ArticleReading {
    this.kept.delete(id);
    this.kept.set(id, reading);
    return reading;
  }

  /** Forgets every reading (after reports were removed: an id may come back with another text). */
  clear(): void {
    this.kept.clear();
  }

  get size(): number {
    return this.kept.size;
  }
}

/**
 * Whole sentences of a plain text, without its dateline and without the fragments feeds leave behind: a sentence
 * shorter than 30 characters, one cut by the feed ("…", "...", "[…]") or one that does not end as a sentence does.
 */
export function splitSentences(text: string): string[] {
  return splitIntoSentences(withoutDateline(text)).filter(isWholeSentence);
}

function isWholeSentence(sentence: string): boolean {
  if (sentence.length < 30 || !/\p{L}/u.test(sentence)) return false;
  if (/(?:…|\.\.\.|\[…\]|\[\.\.\.\])["'”’»)\]]*$/u.test(sentence)) return false;
  return /[.!?]["'”’»)\]]*$/u.test(sentence);
}
