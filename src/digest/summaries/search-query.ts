import type { StoryPack } from "../content/load-story-pack.js";
import { contentStems } from "../developments/article-features.js";
import type { Lang } from "../model.js";
import { stem } from "../text/stem.js";
import { isStopword } from "../text/stopwords.js";
import { foldPhrase, type Token, tokenize } from "../text/tokenize.js";

/** What a search needs of a story pack: its concepts and the names of its actors and places. */
export type SearchPack = Pick<StoryPack, "glossary" | "actors" | "places"> &
  Partial<Pick<StoryPack, "world" | "worldPlaces">>;

/**
 * A user's search as FTS5 expressions over the stems `searchTerms` indexes. Each unit is one thing the query asks
 * for, as quoted phrases joined by OR:
 * - a glossary phrase ("medidas provisionales", "aircraft carrier") or an actor's or place's name ("Corte
 *   Internacional de Justicia", "La Haya") is one unit, searched as phrases (its stems in a row): the user's words,
 *   and every phrase the pack gives that concept, actor or place in either language ("provisional measures",
 *   "ICJ", "The Hague");
 * - every other word that is not a stopword in either language is a unit of its own, by its Spanish and English
 *   stems.
 * A development is an answer only when it matches `minMatched` units: every unit of a query with one or two, and
 * at least two of a longer one, those matching more first. So every answer holds one of the query's words, or a
 * phrase of a concept, actor or place it names; never only a stopword, a number or a word of a longer phrase.
 */
export interface SearchQuery {
  /** FTS5 expressions in the query's order, e.g. `"medid provisional" OR "provisional measur" OR …`; none when the query has nothing to search for. */
  units: string[];
  /** How many units a development must match to be an answer. */
  minMatched: number;
  /** Each unit's phrases as stems separated by spaces ("medid provisional"), to find them in a sentence. */
  phrases: string[][];
}

const LANGS: readonly Lang[] = ["es", "en"];
// Long questions rarely match every word; past six units, the first six carry the question.
const MAX_UNITS = 6;
// A chat message may be long; a search reads its beginning.
const MAX_QUERY_CHARS = 500;

/** The pack's phrases as the index sees them: content stems in a row. */
interface SearchVocabulary {
  /** "es:medid provisional" → the concepts, actors and places spelled so in that language. */
  spellings: Map<string, Set<string>>;
  /** A concept, actor or place → every stem phrase it is searched by. */
  phrases: Map<string, Set<string>>;
  /** Stems in the longest phrase. */
  longest: number;
}

const compiled = new WeakMap<SearchPack, SearchVocabulary>();

/** The search for a user's text (see SearchQuery for what it matches). */
export function searchQuery(text: string, pack: SearchPack): SearchQuery {
  let vocabulary = compiled.get(pack);
  if (!vocabulary) {
    vocabulary = compileVocabulary(pack);
    compiled.set(pack, vocabulary);
  }
  const tokens = tokenize(text.slice(0, MAX_QUERY_CHARS));
  const spans = namedSpans(tokens, vocabulary);
  const units: string[] = [];
  const unitPhrases: string[][] = [];
  const seen = new Set<string>();
  for (let i = 0; i < tokens.length && units.length < MAX_UNITS; ) {
    const span = spans.get(i);
    const own = span ? tokens.slice(i, span.end) : [tokens[i]!];
    i = span ? span.end : i + 1;
    if (!span && !isContentWord(own[0]!)) continue;
    const phrases = ownPhrases(own);
    const typed = [...phrases];
    for (const key of span?.keys ?? []) {
      for (const phrase of vocabulary.phrases.get(key) ?? []) {
        // "aircraft carrier" typed asks more than the glossary's "carrier", which finds every airline the news calls
        // a carrier: a concept's shorter phrase inside the user's words is left out. An actor's alias ("Maduro" in
        // "Nicolás Maduro") names the same one, and stays.
        const inside = typed.some((own) => own !== phrase && ` ${own} `.includes(` ${phrase} `));
        if (!(inside && key.startsWith("c:"))) phrases.add(phrase);
      }
    }
    // A place of the pack is also found by the marker its reports carry: "La Haya" is a stopword and "hay" to the index.
    for (const key of span?.keys ?? []) if (key.startsWith("p:")) phrases.add(searchMarker(key));
    // "asilo asylum" names one concept: it counts once towards the units a development must match.
    const identity = span ? [...span.keys].sort().join(" ") : [...phrases].sort().join(" ");
    if (phrases.size === 0 || seen.has(identity)) continue;
    seen.add(identity);
    unitPhrases.push([...phrases]);
    units.push([...phrases].map((phrase) => `"${phrase.replaceAll('"', '""')}"`).join(" OR "));
  }
  return { units, minMatched: Math.min(units.length, 2), phrases: unitPhrases };
}

/**
 * The index term that stands for a place ("p:the-hague") in a development whose reports name it: letters only, so
 * FTS5 reads it as one word, and prefixed so no stem of a real word is ever one.
 */
export function searchMarker(key: string): string {
  return `qq${key.toLowerCase().replace(/[^a-z0-9]/g, "")}`;
}

function compileVocabulary(pack: SearchPack): SearchVocabulary {
  const vocabulary: SearchVocabulary = { spellings: new Map(), phrases: new Map(), longest: 1 };
  for (const concept of pack.glossary) {
    for (const lang of LANGS)
      for (const phrase of concept[lang]) addPhrase(vocabulary, `c:${concept.id}`, phrase, [lang]);
  }
  // A name may appear in a report of either language ("Cartel de los Soles" in English news), so it is read in both.
  for (const actor of pack.actors) {
    const ambiguous = new Set(actor.ambiguousAliases.map(foldPhrase));
    for (const name of [actor.names.es, actor.names.en, ...actor.aliases]) {
      // "Noboa" may be the president or his father: an ambiguous alias stays the user's words alone.
      if (!ambiguous.has(foldPhrase(name))) addPhrase(vocabulary, `a:${actor.id}`, name, LANGS);
    }
  }
  for (const actor of pack.world ?? []) {
    for (const name of [actor.names.es, actor.names.en, ...actor.aliases])
      addPhrase(vocabulary, `w:${actor.id}`, name, LANGS);
  }
  for (const place of pack.places) for (const name of place.names) addPhrase(vocabulary, `p:${place.id}`, name, LANGS);
  // content/world/places.json groups names by kind (cities, regions, demonyms), not by place: each is its own.
  for (const place of pack.worldPlaces ?? [])
    for (const name of place.names) addPhrase(vocabulary, `n:${foldPhrase(name)}`, name, LANGS);
  return vocabulary;
}

function addPhrase(vocabulary: SearchVocabulary, key: string, phrase: string, langs: readonly Lang[]): void {
  const tokens = tokenize(phrase);
  for (const lang of langs) {
    const stems = contentStems(tokens, lang);
    // "La Paz" or "en tierra" is one common word to the index once its function words are gone: searching for
    // that word would find peace and land everywhere, so the phrase is not searched in that language.
    if (stems.length === 0 || (stems.length === 1 && tokens.length > 1) || !stems.every(isTerm)) continue;
    const spelling = stems.join(" ");
    addTo(vocabulary.spellings, `${lang}:${spelling}`, key);
    addTo(vocabulary.phrases, key, spelling);
    vocabulary.longest = Math.max(vocabulary.longest, stems.length);
  }
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const values = map.get(key);
  if (values) values.add(value);
  else map.set(key, new Set([value]));
}

/**
 * Where the query names a concept, actor or place: token ranges [start, end) keyed by their start, each with what it
 * names. Read in each language's stems (the query's language is unknown); the longest wins, and a range two
 * languages both read names what either reads.
 */
function namedSpans(
  tokens: readonly Token[],
  vocabulary: SearchVocabulary,
): Map<number, { end: number; keys: Set<string> }> {
  const found: { start: number; end: number; keys: Set<string> }[] = [];
  for (const lang of LANGS) {
    const sequence: { index: number; stem: string }[] = [];
    tokens.forEach((token, index) => {
      if (token.kind === "word" && token.folded.length >= 2 && !isStopword(token.folded, lang))
        sequence.push({ index, stem: stem(token.folded, lang) });
    });
    for (let a = 0; a < sequence.length; a += 1) {
      for (let b = a + 1; b <= Math.min(sequence.length, a + vocabulary.longest); b += 1) {
        const keys = vocabulary.spellings.get(
          `${lang}:${sequence
            .slice(a, b)
            .map((entry) => entry.stem)
            .join(" ")}`,
        );
        const start = sequence[a]!.index;
        const end = sequence[b - 1]!.index + 1;
        // One word is a name only when it would be searched as a word at all ("the" is no place, whatever Spanish stems say).
        if (keys && (end - start > 1 || isContentWord(tokens[start]!))) found.push({ start, end, keys });
      }
    }
  }
  found.sort((x, y) => y.end - y.start - (x.end - x.start) || x.start - y.start);
  const chosen = new Map<number, { end: number; keys: Set<string> }>();
  const covered = new Set<number>();
  for (const span of found) {
    const same = chosen.get(span.start);
    if (same?.end === span.end) {
      for (const key of span.keys) same.keys.add(key);
      continue;
    }
    let free = true;
    for (let i = span.start; i < span.end && free; i += 1) free = !covered.has(i);
    if (!free) continue;
    chosen.set(span.start, { end: span.end, keys: new Set(span.keys) });
    for (let i = span.start; i < span.end; i += 1) covered.add(i);
  }
  return chosen;
}

/** The user's own words as phrases: their stems in each language, and a single word also as written. */
function ownPhrases(tokens: readonly Token[]): Set<string> {
  const phrases = new Set<string>();
  if (tokens.length === 1 && isTerm(tokens[0]!.folded)) phrases.add(tokens[0]!.folded);
  for (const lang of LANGS) {
    const stems = contentStems(tokens, lang);
    if (stems.length > 0 && stems.every(isTerm)) phrases.add(stems.join(" "));
  }
  return phrases;
}

/** A word worth searching for: not a number, not a letter, and no stopword in either language. */
function isContentWord(token: Token): boolean {
  return (
    token.kind === "word" &&
    token.folded.length >= 2 &&
    !isStopword(token.folded, "es") &&
    !isStopword(token.folded, "en")
  );
}

// What the index holds and a quoted FTS5 string cannot misread: letters and digits only.
function isTerm(term: string): boolean {
  return /^[\p{L}\p{N}]+$/u.test(term);
}
