import type { Actor } from "../content/story-pack.js";
import { isStopword } from "../text/stopwords.js";
import { tokenize } from "../text/tokenize.js";

/** What a typed actor query resolves to. */
export type ActorLookup =
  | { kind: "found"; actor: Actor }
  | { kind: "ambiguous"; candidates: Actor[] }
  | { kind: "unknown"; suggestions: Actor[] };

interface Phrase {
  /** Folded tokens joined by single spaces. */
  key: string;
  tokens: string[];
  isName: boolean;
  /** An alias the pack marks as shared with someone or something else. */
  ambiguous: boolean;
}

// Shorthand must be unmistakable; "petr" could be Petro or Petróleos de Venezuela.
const MIN_PREFIX_LETTERS = 4;
// A query one letter short of a word is more often another word ("petroleo" vs "petróleos") than shorthand.
const MIN_LETTERS_LEFT = 2;
const MAX_SUGGESTIONS = 3;

/**
 * Resolves what a user typed to one actor, in this order: its id; the whole of a name, alias or descriptive phrase
 * ("el exvicepresidente ecuatoriano"); whole words of exactly one actor ("corina"); a prefix of 4+ letters that
 * leaves 2+ letters of a name word ("luka"); otherwise close spellings are only suggested, so "petroleo" never
 * silently becomes Petro or PDVSA. A whole alias the pack calls ambiguous ("Noboa": the president or his father)
 * is ambiguous with every actor whose name holds it, the alias's owner first.
 */
export function findActor(query: string, actors: readonly Actor[]): ActorLookup {
  const byId = actors.find((actor) => actor.id === query.trim());
  if (byId) return { kind: "found", actor: byId };
  const q = tokenize(query).map((t) => t.folded);
  if (q.length === 0) return { kind: "unknown", suggestions: [] };
  const key = q.join(" ");
  const indexed = actors.map((actor) => ({ actor, phrases: phrasesOf(actor) }));

  const exact = indexed.filter(({ phrases }) => phrases.some((p) => p.key === key));
  if (exact.length === 1 && exact[0]!.phrases.some((p) => p.key === key && p.ambiguous)) {
    const namesakes = indexed.filter(
      (e) => e !== exact[0] && e.phrases.some((p) => p.isName && containsRun(p.tokens, q)),
    );
    if (namesakes.length > 0)
      return { kind: "ambiguous", candidates: [exact[0]!.actor, ...namesakes.map((e) => e.actor)] };
  }
  if (exact.length > 0) return resolve(exact.map((e) => e.actor));
  const described = actors.filter((actor) => descriptiveKeys(actor).includes(key));
  if (described.length > 0) return resolve(described);

  if (q.some((token) => !isStopword(token, "es") && !isStopword(token, "en"))) {
    const byWords = indexed.filter(({ phrases }) => phrases.some((p) => containsRun(p.tokens, q)));
    if (byWords.length > 0) return resolve(byWords.map((e) => e.actor));
  }

  if (key.length - (q.length - 1) >= MIN_PREFIX_LETTERS) {
    const byPrefix = indexed.filter(({ phrases }) => phrases.some((p) => completesRun(p.tokens, q)));
    if (byPrefix.length > 0) return resolve(byPrefix.map((e) => e.actor));
  }

  return { kind: "unknown", suggestions: closeSpellings(key, indexed) };
}

/** Actors whose name or alias starts with the typed text (accents and case ignored), names first, for autocomplete. */
export function suggestActors(prefix: string, actors: readonly Actor[], limit: number): Actor[] {
  const key = tokenize(prefix)
    .map((t) => t.folded)
    .join(" ");
  if (key === "") return actors.slice(0, limit);
  const ranked: { actor: Actor; rank: number; order: number }[] = [];
  actors.forEach((actor, order) => {
    let rank = Infinity;
    for (const p of phrasesOf(actor)) {
      // 0: a name starts so; 1: an alias does; 2: a later word of either does ("mad" → Nicolás Maduro).
      if (p.key.startsWith(key)) rank = Math.min(rank, p.isName ? 0 : 1);
      else if (p.tokens.some((t) => t.startsWith(key))) rank = Math.min(rank, 2);
    }
    if (rank < Infinity) ranked.push({ actor, rank, order });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return ranked.slice(0, limit).map((r) => r.actor);
}

function resolve(matches: Actor[]): ActorLookup {
  return matches.length === 1 ? { kind: "found", actor: matches[0]! } : { kind: "ambiguous", candidates: matches };
}

/**
 * Names, aliases and descriptive phrases. A query has no date, so a descriptive phrase matches whenever it applied;
 * only its whole text does, so it never lends its common words ("el", "presidente") to word or prefix matching.
 */
function phrasesOf(actor: Actor): Phrase[] {
  let phrases = folded.get(actor);
  if (phrases === undefined) {
    phrases = foldPhrases(actor);
    folded.set(actor, phrases);
  }
  return phrases;
}

// Each actor's phrases, folded once: a directory of thousands of discovered actors is searched by every /actor and
// /timeline, and tokenising every name again was most of a lookup. Actors are not changed once made, and the
// directory keeps the same objects while nothing is discovered.
const folded = new WeakMap<Actor, Phrase[]>();

function foldPhrases(actor: Actor): Phrase[] {
  const phrases: Phrase[] = [];
  const ambiguous = new Set(actor.ambiguousAliases.map((alias) => foldPhrase(alias)));
  const add = (text: string, isName: boolean) => {
    const tokens = tokenize(text).map((t) => t.folded);
    const key = tokens.join(" ");
    // A name written alike in both languages is one phrase: a second copy matches nothing the first does not.
    if (tokens.length > 0 && !phrases.some((p) => p.key === key && p.isName === isName))
      phrases.push({ key, tokens, isName, ambiguous: ambiguous.has(key) });
  };
  add(actor.names.es, true);
  add(actor.names.en, true);
  for (const alias of [...actor.aliases, ...actor.ambiguousAliases]) add(alias, false);
  return phrases;
}

function descriptiveKeys(actor: Actor): string[] {
  return actor.descriptive.flatMap((d) => {
    const key = foldPhrase(d.phrase);
    // "el exvicepresidente ecuatoriano" is also asked as "exvicepresidente ecuatoriano".
    return key.startsWith("el ") || key.startsWith("la ") || key.startsWith("the ")
      ? [key, key.replace(/^\S+ /, "")]
      : [key];
  });
}

function foldPhrase(text: string): string {
  return tokenize(text)
    .map((t) => t.folded)
    .join(" ");
}

function containsRun(tokens: readonly string[], run: readonly string[]): boolean {
  outer: for (let i = 0; i + run.length <= tokens.length; i++) {
    for (let j = 0; j < run.length; j++) if (tokens[i + j] !== run[j]) continue outer;
    return true;
  }
  return false;
}

/** Whether the query's words appear in the phrase with its last word cut short: "nicolas mad", "luka". */
function completesRun(tokens: readonly string[], query: readonly string[]): boolean {
  const last = query[query.length - 1]!;
  outer: for (let i = 0; i + query.length <= tokens.length; i++) {
    for (let j = 0; j < query.length - 1; j++) if (tokens[i + j] !== query[j]) continue outer;
    const word = tokens[i + query.length - 1]!;
    if (word.startsWith(last) && word.length - last.length >= MIN_LETTERS_LEFT) return true;
  }
  return false;
}

/** Actors with a name, alias or one of their words within a few typos of the query, closest first. */
function closeSpellings(key: string, indexed: readonly { actor: Actor; phrases: Phrase[] }[]): Actor[] {
  const allowed = key.length >= 6 ? 2 : key.length >= 4 ? 1 : 0;
  if (allowed === 0) return [];
  const scored: { actor: Actor; distance: number; order: number }[] = [];
  indexed.forEach(({ actor, phrases }, order) => {
    let best = Infinity;
    for (const p of phrases) {
      best = Math.min(best, editDistance(key, p.key, allowed));
      for (const t of p.tokens) {
        if (!isStopword(t, "es") && !isStopword(t, "en")) best = Math.min(best, editDistance(key, t, allowed));
      }
    }
    if (best <= allowed) scored.push({ actor, distance: best, order });
  });
  scored.sort((a, b) => a.distance - b.distance || a.order - b.order);
  return scored.slice(0, MAX_SUGGESTIONS).map((s) => s.actor);
}

/**
 * Damerau–Levenshtein distance (optimal string alignment: an adjacent swap costs 1), or max + 1 once
 * it is certain to exceed max.
 */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2]! + 1);
      row[j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    [prevPrev, prev, row] = [prev, row, prevPrev];
  }
  return Math.min(prev[b.length]!, max + 1);
}
