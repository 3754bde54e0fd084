import { DENIAL } from "../alerts/development-facts.js";
import { contentStems } from "../developments/article-features.js";
import { splitSentences } from "../developments/article-reading.js";
import type { Lang } from "../model.js";
import type { StoredArticle } from "../store/article-store.js";
import { foldText } from "../text/fold-text.js";
import { tokenize } from "../text/tokenize.js";

/** Facts already known to be new (an update's reason): numbers, actors' names, a denial. */
export interface NewFactHints {
  numbers?: readonly string[];
  names?: readonly string[];
  denial?: boolean;
}

// A new number, name or denial in a sentence outweighs many new words.
const FACT_WEIGHT = 3;
// Sentences of a report read for what is new: its opening.
const LEAD_SENTENCES = 3;
// A sentence with fewer new words than this, and no new fact, adds nothing worth a line.
const MIN_NEW_WORDS = 3;

/**
 * The sentence that tells what the recent reports add to the earlier ones: a new number, a new name, a denial or a
 * reversal, else the most new words; taken whole from a recent original report in `lang`, so the item keeps one
 * language. Undefined when no recent report in `lang` adds anything.
 */
export function whatIsNew(
  earlier: readonly StoredArticle[],
  recent: readonly StoredArticle[],
  lang: Lang,
  hints: NewFactHints = {},
): string | undefined {
  const knownStems = new Set<string>();
  const knownNumbers = new Set<string>();
  let knownDenial = false;
  for (const article of earlier) {
    const tokens = tokenize(`${article.title} ${article.text}`);
    for (const stem of contentStems(tokens, article.lang)) knownStems.add(stem);
    for (const number of numbersIn(tokens)) knownNumbers.add(number);
    if (DENIAL.test(foldText(`${article.title} ${article.text}`))) knownDenial = true;
  }
  const hintNumbers = new Set(hints.numbers ?? []);
  // A person is often named by surname alone ("Petro" for Gustavo Petro): a name is found by its last word too.
  const hintNames = (hints.names ?? []).map(foldText).filter((name) => name.length >= 3);
  const namePattern = new Map(
    hintNames.map((name) => [
      name,
      new RegExp(`\\b(?:${escapeRegExp(name)}|${escapeRegExp(name.split(" ").at(-1)!)})\\b`),
    ]),
  );

  const candidates: { sentence: string; score: number; hinted: Set<string> }[] = [];
  const newestFirst = recent
    .filter((article) => !article.copyOf && article.lang === lang)
    .sort((a, b) => b.publishedAt - a.publishedAt);
  for (const article of newestFirst) {
    // News comes first in a report; what follows its opening is mostly background ("the two share 2,000 km of border").
    splitSentences(article.text)
      .slice(0, LEAD_SENTENCES)
      .forEach((sentence, position) => {
        const tokens = tokenize(sentence);
        const folded = foldText(sentence);
        const newWords = new Set(contentStems(tokens, lang).filter((stem) => !knownStems.has(stem))).size;
        const sentenceNumbers = numbersIn(tokens);
        const numbers = sentenceNumbers.filter((number) => hintNumbers.has(number) || !knownNumbers.has(number)).length;
        const names = hintNames.filter((name) => namePattern.get(name)!.test(folded));
        const denial = (hints.denial || !knownDenial) && DENIAL.test(folded) ? 1 : 0;
        const facts = numbers + names.length + denial;
        if (facts === 0 && newWords < MIN_NEW_WORDS) return;
        const hinted = new Set([...names, ...sentenceNumbers.filter((number) => hintNumbers.has(number))]);
        // Leads tell the news; a later sentence must add more to be chosen over one.
        candidates.push({ sentence, score: FACT_WEIGHT * facts + newWords - position * 0.5, hinted });
      });
  }
  candidates.sort((a, b) => b.score - a.score);
  const [best] = candidates;
  if (!best) return undefined;
  // The facts an update is about may come from two reports ("Putin backs it", then "Petro comments"): a second
  // sentence tells the hinted facts the first leaves out.
  const left = [...hintNumbers, ...hintNames].filter((fact) => !best.hinted.has(fact));
  const second =
    left.length > 0
      ? candidates.find((candidate) => candidate !== best && left.some((fact) => candidate.hinted.has(fact)))
      : undefined;
  return second ? `${best.sentence} ${second.sentence}` : best.sentence;
}

/** Numbers of two digits or more that are not years: casualties, sums, counts. */
function numbersIn(tokens: ReturnType<typeof tokenize>): string[] {
  return tokens
    .filter((token) => token.kind === "number" && token.folded.length >= 2 && !/^(19|20)\d\d$/.test(token.folded))
    .map((token) => token.folded);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
