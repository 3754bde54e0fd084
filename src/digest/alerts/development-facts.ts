import type { StoredArticle } from "../store/article-store.js";
import { foldText } from "../text/fold-text.js";
import { tokenize } from "../text/tokenize.js";

/** The facts of a development an alert was sent with; an update is due when a later report adds to them. */
export interface DevelopmentFacts {
  actors: string[];
  /** Numbers in the headlines ("11", "50000000"): casualties, sums, counts. Years are left out. */
  numbers: string[];
  /** A report denies or reverses what was said. */
  denial: boolean;
}

// Folded words that mark a denial or a reversal, in both languages.
export const DENIAL =
  /\b(niega|niegan|nego|negaron|desmiente|desmienten|desmintio|rectifica|rectifico|revierte|revirtio|marcha atras|deny|denies|denied|reverses|reversed|retracts|retracted|backtracks|walks back|u-turn)\b/;

/**
 * The facts told by these articles: the story's actors in a main role (named in a headline), the numbers headlines
 * give, and whether a report denies or reverses what was said.
 */
export function developmentFacts(
  articles: readonly StoredArticle[],
  headlineActors: (article: StoredArticle) => readonly string[],
): DevelopmentFacts {
  const numbers = new Set<string>();
  const actors = new Set<string>();
  let denial = false;
  for (const article of articles) {
    if (article.copyOf) continue;
    for (const actor of headlineActors(article)) actors.add(actor);
    for (const token of tokenize(article.title)) {
      if (token.kind === "number" && token.folded.length >= 2 && !/^(19|20)\d\d$/.test(token.folded))
        numbers.add(token.folded);
    }
    if (DENIAL.test(foldText(`${article.title} ${article.text}`))) denial = true;
  }
  return { actors: [...actors].sort(), numbers: [...numbers].sort(), denial };
}

/** What `now` adds to `before`: new actors, new numbers, a denial that wasn't there; empty when nothing. */
export function newFacts(
  before: DevelopmentFacts,
  now: DevelopmentFacts,
): { actors: string[]; numbers: string[]; denial: boolean } {
  return {
    actors: now.actors.filter((actor) => !before.actors.includes(actor)),
    numbers: now.numbers.filter((number) => !before.numbers.includes(number)),
    denial: now.denial && !before.denial,
  };
}

/** True when there is something new to tell. */
export function hasNewFacts(added: ReturnType<typeof newFacts>): boolean {
  return added.actors.length > 0 || added.numbers.length > 0 || added.denial;
}
