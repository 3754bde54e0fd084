import type { Actor } from "../content/story-pack.js";
import { tokenize, type Token } from "../text/tokenize.js";
import { PhraseMatcher } from "./phrase-matcher.js";

/** One place in a text that names an actor. */
export interface ActorMention {
  actorId: string;
  /** The words as written in the text, e.g. "Trump" for "Trump's". */
  phrase: string;
  /** UTF-16 offsets into the text; end is exclusive. */
  start: number;
  end: number;
  via: "name" | "alias" | "descriptive";
}

/** Finds the actors a text names. */
export interface ActorMatcher {
  /** Mentions in text order; publishedAt (ms since the epoch) decides which descriptive phrases apply. */
  match(text: string, publishedAt: number): ActorMention[];
}

interface Entry {
  actorId: string;
  via: ActorMention["via"];
  /** Inclusive window in ms for descriptive phrases; open ends are infinite. */
  from: number;
  to: number;
}

const DAY_MS = 86_400_000;

/**
 * Indexes every name, alias and descriptive phrase of the actors, matched case- and accent-insensitively
 * on whole words. When one phrase names two actors, a mention is returned for each actor whose
 * phrase applies on the date: the text alone cannot tell them apart, and dropping both would hide a real mention.
 */
export function createActorMatcher(actors: readonly Actor[]): ActorMatcher {
  const matcher = new PhraseMatcher<Entry>();
  const add = (phrase: string, entry: Entry) => matcher.add(foldedTokens(phrase), entry);
  for (const actor of actors) {
    const always = { actorId: actor.id, from: -Infinity, to: Infinity };
    for (const name of [actor.names.es, actor.names.en]) {
      for (const part of nameParts(name)) add(part, { ...always, via: "name" });
    }
    for (const alias of actor.aliases) add(alias, { ...always, via: "alias" });
    for (const d of actor.descriptive) {
      const entry: Entry = {
        actorId: actor.id,
        via: "descriptive",
        from: d.from ? Date.parse(d.from) : -Infinity,
        to: d.to ? Date.parse(d.to) + DAY_MS - 1 : Infinity, // the whole "to" day, UTC
      };
      add(d.phrase, entry);
      // Spanish contracts "de el" and "a el": "del mandatario venezolano" names him as well.
      const [first, ...rest] = foldedTokens(d.phrase);
      if (first === "el" && rest.length > 0) {
        matcher.add(["del", ...rest], entry);
        matcher.add(["al", ...rest], entry);
      }
    }
  }

  return {
    match(text, publishedAt) {
      const tokens = tokenize(text);
      const applies = (entry: Entry) => publishedAt >= entry.from && publishedAt <= entry.to;
      const folded = tokens.map((t) => t.folded);
      const mentions: ActorMention[] = [];
      // A name never runs across a sentence end: "…from Venezuela. President Trump" is not "Venezuela's president".
      const matches = sentenceSpans(tokens).flatMap(([from, to]) =>
        matcher.matchAll(folded.slice(from, to), applies).map((m) => ({ ...m, start: m.start + from, end: m.end + from })),
      );
      for (const m of matches) {
        const start = tokens[m.start]!.start;
        const end = tokens[m.end - 1]!.end;
        const phrase = text.slice(start, end);
        const seen: string[] = [];
        // Names are indexed before aliases and descriptive phrases, so an actor's first entry is its strongest.
        for (const entry of m.values) {
          if (seen.includes(entry.actorId)) continue;
          seen.push(entry.actorId);
          mentions.push({ actorId: entry.actorId, phrase, start, end, via: entry.via });
        }
      }
      return mentions;
    },
  };
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
