import type { ActorMatcher } from "../actors/match-actors.js";
import { PhraseMatcher } from "../actors/phrase-matcher.js";
import type { GlossaryConcept } from "../content/story-pack.js";
import type { Lang } from "../model.js";
import { stem } from "../text/stem.js";
import { isStopword } from "../text/stopwords.js";
import { type Token, tokenize } from "../text/tokenize.js";

/**
 * What a headline says happened: the actions of its main clause (expel, raid, break ties) and who did them (the
 * country of the first actor named before the action). Two reports of one event share an action; two events a day
 * apart with the same people ("Ecuador expels the ambassador", "Mexico breaks ties") do not.
 */
export interface EventSignature {
  /** Every action of the main clauses, and those of the first one (the main verb: "condemn" in "X condemn Y's raid"). */
  actions: readonly string[];
  main: readonly string[];
  /** Country code of the actor the headline names first (ISO, "MX"), or the actor id when it has none. */
  agent: string | undefined;
}

export const NO_SIGNATURE: EventSignature = { actions: [], main: [], agent: undefined };

// Words that start the reason or background of a headline: "Mexico breaks ties with Ecuador after embassy raid".
// What follows them is why, not what happened.
const CAUSE_WORDS = new Set([
  "tras",
  "por",
  "ante",
  "pese",
  "despues",
  "luego",
  "after",
  "over",
  "following",
  "amid",
  "despite",
  "as",
]);

/** Reads signatures from headlines with the story's and the shared action concepts. */
export interface SignatureReader {
  read(title: string, lang: Lang, publishedAt: number): EventSignature;
}

export function createSignatureReader(
  actionSources: readonly (readonly GlossaryConcept[])[],
  actors: readonly ActorMatcher[],
  countryOf: ReadonlyMap<string, string>,
): SignatureReader {
  // One matcher per source, so the story's longer phrase ("irrumpe en la embajada") does not hide the shared one ("irrumpe").
  const matchers = actionSources.map((source) => {
    const matcher: Record<Lang, PhraseMatcher<string>> = { es: new PhraseMatcher(), en: new PhraseMatcher() };
    for (const concept of source) {
      if (concept.kind !== "action") continue;
      for (const lang of ["es", "en"] as const) {
        for (const phrase of concept[lang])
          matcher[lang].add(
            stemsOf(tokenize(phrase), lang).map((entry) => entry.stem),
            concept.id,
          );
      }
    }
    return matcher;
  });
  return {
    read(title, lang, publishedAt) {
      const tokens = tokenize(title);
      const kept = mainClauseTokens(title, tokens);
      const stems = stemsOf(kept, lang);
      const found: string[] = [];
      const matches = matchers.flatMap((matcher) => matcher[lang].matchAll(stems.map((entry) => entry.stem)));
      const first = Math.min(...matches.map((match) => match.start));
      const main: string[] = [];
      for (const match of matches.sort((a, b) => a.start - b.start)) {
        for (const id of match.values) {
          if (!found.includes(id)) found.push(id);
          if (match.start === first && !main.includes(id)) main.push(id);
        }
      }
      const firstAction = matches.length > 0 ? stems[first]!.token.start : Number.POSITIVE_INFINITY;
      const mainEnd = kept.at(-1)?.end ?? 0;
      const subject = actors
        .flatMap((matcher) => matcher.match(title, publishedAt))
        .sort((a, b) => a.start - b.start)
        .find(
          (mention) =>
            mention.end <= mainEnd &&
            (found.length === 0 ? mention.start < (tokens[2]?.end ?? mainEnd) : mention.start < firstAction),
        );
      const agent = subject ? (countryOf.get(subject.actorId) ?? subject.actorId) : undefined;
      return { actions: found, main, agent };
    },
  };
}

/**
 * The tokens of a headline's main clauses: each part between colons, semicolons or dashes, cut where its reason
 * begins ("... after embassy raid", "... tras el asalto").
 */
function mainClauseTokens(title: string, tokens: readonly Token[]): Token[] {
  const breaks = [...title.matchAll(/[:;]| [-–—] /g)].map((match) => match.index);
  const kept: Token[] = [];
  let part = -1;
  let cut = false;
  for (const token of tokens) {
    const tokenPart = breaks.filter((at) => at < token.start).length;
    if (tokenPart !== part) {
      part = tokenPart;
      cut = false;
    }
    if (!cut && kept.length > 0 && CAUSE_WORDS.has(token.folded)) cut = true;
    if (!cut) kept.push(token);
  }
  return kept;
}

function stemsOf(tokens: readonly Token[], lang: Lang): { stem: string; token: Token }[] {
  const out: { stem: string; token: Token }[] = [];
  for (const token of tokens) {
    if (token.kind !== "word" || token.folded.length < 2 || isStopword(token.folded, lang)) continue;
    out.push({ stem: stem(token.folded, lang), token });
  }
  return out;
}
