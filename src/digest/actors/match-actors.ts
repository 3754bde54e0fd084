import type { Actor, Place } from "../content/story-pack.js";
import { type Token, tokenize } from "../text/tokenize.js";
import { PhraseMatcher } from "./phrase-matcher.js";

/** One place in a text that names an actor. */
export interface ActorMention {
  actorId: string;
  /** The words as written in the text, e.g. "Trump" for "Trump's". */
  phrase: string;
  /** UTF-16 offsets into the text; end is exclusive. */
  start: number;
  end: number;
  /** "world": a country or international body from the shared gazetteer, linked but never a grouping anchor. */
  via: "name" | "alias" | "descriptive" | "world";
}

/** Finds the actors a text names. */
export interface ActorMatcher {
  /** Mentions in text order; publishedAt (ms since the epoch) decides which descriptive phrases apply. */
  match(text: string, publishedAt: number): ActorMention[];
  /**
   * Mentions in an article's title and text: an ambiguous alias counts only when the article names the actor
   * otherwise or says one of its context words.
   */
  matchArticle(
    article: { title: string; text: string },
    publishedAt: number,
  ): (ActorMention & { field: "title" | "text" })[];
}

type Entry =
  | {
      kind: "actor";
      actorId: string;
      via: ActorMention["via"];
      /** Inclusive window in ms for descriptive phrases; open ends are infinite. */
      from: number;
      to: number;
      /** Per word of the phrase: how it must be written in the text to match (see `caseOf`). */
      proper: readonly WordCase[] | undefined;
      /** An alias that is also a common word or another's name: it needs the article to confirm it. */
      ambiguous: boolean;
    }
  /** A place whose name holds an actor's ("Ciudad de México", "Mexico City"): matched, it hides the actor inside it. */
  | { kind: "place" };

const DAY_MS = 86_400_000;
/** A word of a short name: any case, a capital first letter ("Roca"), or all capitals (an acronym: "US", not "us"). */
type WordCase = "any" | "capital" | "upper";
// Names of this many words or fewer, written with capitals, are proper names only when capitalised in the text:
// "la casa blanca" is a white house, "La Roca" lower-cased is a rock. Longer ones read unmistakably in any case.
const CASE_SENSITIVE_UP_TO = 2;

/**
 * Indexes every name, alias and descriptive phrase of the actors, matched accent-insensitively on whole words, and
 * case-insensitively except that short capitalised names need capitals in the text. When one phrase names two
 * actors, a mention is returned for each actor whose phrase applies on the date: the text alone cannot tell them
 * apart, and dropping both would hide a real mention. `places` names that contain an actor's name hide it.
 */
export function createActorMatcher(
  actors: readonly Actor[],
  places: readonly Place[] = [],
  world: readonly { actorId: string; names: readonly string[] }[] = [],
): ActorMatcher {
  const matcher = new PhraseMatcher<Entry>();
  const contexts = new PhraseMatcher<string>();
  // Each actor's names and aliases, folded, to tell whose a shared surname is.
  const fullNames = new Map(
    actors.map((actor) => [
      actor.id,
      [actor.names.es, actor.names.en, ...actor.aliases].map((name) => foldedTokens(name).join(" ")),
    ]),
  );
  for (const actor of actors) {
    const always = { actorId: actor.id, from: -Infinity, to: Infinity };
    // An ambiguous phrase stays ambiguous however the pack lists it, even as the actor's own name ("La Roca").
    const ambiguous = new Set(actor.ambiguousAliases.map((alias) => foldedTokens(alias).join(" ")));
    const add = (phrase: string, entry: Omit<Extract<Entry, { kind: "actor" }>, "kind" | "proper" | "ambiguous">) => {
      const tokens = tokenize(phrase);
      const key = tokens.map((t) => t.folded);
      matcher.add(key, {
        kind: "actor",
        ...entry,
        proper: properWords(tokens),
        ambiguous: ambiguous.has(key.join(" ")),
      });
    };
    for (const name of [actor.names.es, actor.names.en]) {
      for (const part of nameParts(name)) add(part, { ...always, via: "name" });
    }
    for (const alias of [...actor.aliases, ...actor.ambiguousAliases]) add(alias, { ...always, via: "alias" });
    for (const d of actor.descriptive) {
      const entry = {
        actorId: actor.id,
        via: "descriptive" as const,
        from: d.from ? Date.parse(d.from) : -Infinity,
        to: d.to ? Date.parse(d.to) + DAY_MS - 1 : Infinity, // the whole "to" day, UTC
      };
      add(d.phrase, entry);
      // Spanish contracts "de el" and "a el": "del mandatario venezolano" names him as well.
      const [first, ...rest] = foldedTokens(d.phrase);
      if (first === "el" && rest.length > 0) {
        for (const contracted of ["del", "al"])
          matcher.add([contracted, ...rest], { kind: "actor", ...entry, proper: undefined, ambiguous: false });
      }
    }
    for (const phrase of actor.context) contexts.add(foldedTokens(phrase), actor.id);
  }
  for (const place of places) {
    for (const name of place.names)
      if (foldedTokens(name).length > 1) matcher.add(foldedTokens(name), { kind: "place" });
  }
  for (const entry of world) {
    for (const name of entry.names) {
      const tokens = tokenize(name);
      const always = {
        kind: "actor" as const,
        actorId: entry.actorId,
        via: "world" as const,
        from: -Infinity,
        to: Infinity,
        ambiguous: false,
      };
      matcher.add(
        tokens.map((t) => t.folded),
        { ...always, proper: properWords(tokens) },
      );
    }
  }

  const matchText = (text: string, publishedAt: number): (ActorMention & { ambiguous: boolean })[] => {
    const tokens = tokenize(text);
    const folded = tokens.map((t) => t.folded);
    const mentions: (ActorMention & { ambiguous: boolean })[] = [];
    // A name never runs across a sentence end: "…from Venezuela. President Trump" is not "Venezuela's president".
    for (const [from, to] of sentenceSpans(tokens)) {
      const applies = (entry: Entry, start: number, end: number) =>
        entry.kind === "place" ||
        (publishedAt >= entry.from &&
          publishedAt <= entry.to &&
          capitalsFit(entry.proper, tokens, from + start, from + end));
      for (const m of matcher.matchAll(folded.slice(from, to), applies)) {
        const start = tokens[m.start + from]!.start;
        const end = tokens[m.end + from - 1]!.end;
        const phrase = text.slice(start, end);
        const seen: string[] = [];
        // Names are indexed before aliases and descriptive phrases, so an actor's first entry is its strongest.
        for (const entry of m.values) {
          if (entry.kind === "place" || seen.includes(entry.actorId)) continue;
          seen.push(entry.actorId);
          mentions.push({ actorId: entry.actorId, phrase, start, end, via: entry.via, ambiguous: entry.ambiguous });
        }
      }
    }
    return mentions;
  };

  return {
    match(text, publishedAt) {
      return matchText(text, publishedAt).map(({ ambiguous: _ambiguous, ...mention }) => mention);
    },
    matchArticle(article, publishedAt) {
      const found = (["title", "text"] as const).flatMap((field) =>
        matchText(article[field], publishedAt).map((mention) => ({ ...mention, field })),
      );
      const named = new Set(found.filter((mention) => !mention.ambiguous).map((mention) => mention.actorId));
      const confirmed = new Set(named);
      for (const field of ["title", "text"] as const) {
        for (const m of contexts.matchAll(foldedTokens(article[field]))) for (const id of m.values) confirmed.add(id);
      }
      // "Álvaro Noboa … Noboa fue candidato": a bare shared surname goes to the namesake the article names in full.
      const namesake = (mention: { actorId: string; phrase: string }) => {
        const phrase = ` ${foldedTokens(mention.phrase).join(" ")} `;
        return [...named].some(
          (id) => id !== mention.actorId && (fullNames.get(id) ?? []).some((name) => ` ${name} `.includes(phrase)),
        );
      };
      return found
        .filter(
          (mention) =>
            !mention.ambiguous ||
            (confirmed.has(mention.actorId) && (named.has(mention.actorId) || !namesake(mention))),
        )
        .map(({ ambiguous: _ambiguous, ...mention }) => mention);
    },
  };
}

/** How each word of a pack phrase must be written in a text: only a short name written with capitals is strict. */
function properWords(tokens: readonly Token[]): WordCase[] | undefined {
  const words = tokens.filter((token) => token.kind === "word");
  if (words.length === 0 || words.length > CASE_SENSITIVE_UP_TO || !words.some((token) => token.capitalised))
    return undefined;
  return tokens.map((token) => caseOf(token.text));
}

function caseOf(word: string): WordCase {
  const letters = word.replace(/[^\p{L}]/gu, "");
  if (letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return "upper";
  return /^\p{Lu}/u.test(letters) ? "capital" : "any";
}

function capitalsFit(
  proper: readonly WordCase[] | undefined,
  tokens: readonly Token[],
  start: number,
  end: number,
): boolean {
  if (!proper) return true;
  for (let i = start; i < end; i += 1) {
    const needed = proper[i - start];
    const token = tokens[i]!;
    if (needed === "capital" && !token.capitalised) return false;
    if (needed === "upper" && caseOf(token.text) !== "upper") return false;
  }
  return true;
}

/** Actor ids of the mentions, each once, in the order they first appear. */
export function uniqueActorIds(mentions: readonly ActorMention[]): string[] {
  return [...new Set(mentions.map((m) => m.actorId))];
}

/** [start, end) token ranges of the sentences. */
function sentenceSpans(tokens: readonly Token[]): [number, number][] {
  const spans: [number, number][] = [];
  let start = 0;
  for (let i = 1; i <= tokens.length; i += 1) {
    if (i === tokens.length || tokens[i]!.sentenceStart) {
      spans.push([start, i]);
      start = i;
    }
  }
  return spans;
}

function foldedTokens(phrase: string): string[] {
  return tokenize(phrase).map((t) => t.folded);
}

/** "Gobierno de EE UU (Casa Blanca)" names the actor both ways; a name without brackets is itself. */
function nameParts(name: string): string[] {
  const bracket = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(name);
  return bracket ? [bracket[1]!, bracket[2]!].filter((part) => part.trim() !== "") : [name];
}
