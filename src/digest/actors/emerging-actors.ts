import { isStopword } from "../text/stopwords.js";
import { isTitleCase } from "../text/title-case.js";
import { type Token, tokenize } from "../text/tokenize.js";

/** The part of an article that name finding reads. */
export interface EmergingActorDoc {
  id: string;
  publisher: string;
  title: string;
  text: string;
  publishedAt: number;
}

/** A capitalised name that keeps coming up and is not in the registry yet. */
export interface EmergingActor {
  /** The most frequent way it was written, e.g. "Delcy Rodríguez". */
  name: string;
  articles: number;
  publishers: number;
  lastSeen: number;
}

export interface EmergingActorOptions {
  minArticles: number;
  minPublishers: number;
}

// Lowercase words that may sit inside a name: "Cartel de los Soles", "Ortega y Gasset", "Bank of America".
const CONNECTORS = new Set(["de", "del", "la", "las", "los", "y", "da", "van", "von", "of", "the"]);
// Capitalised in English and sometimes in Spanish, never a name. Short forms that are also words ("mar", "sun") are left out.
const CALENDAR = new Set(
  (
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre " +
    "lunes martes miercoles jueves viernes sabado domingo " +
    "january february march april may june july august september october november december " +
    "monday tuesday wednesday thursday friday saturday sunday jan feb aug sept oct nov dec"
  ).split(" "),
);
// Titles that precede a name ("President Trump"); trimmed from the ends so they never surface alone.
export const PERSON_TITLES = new Set(
  (
    "president presidente presidenta vicepresidente vicepresidenta vice minister ministro ministra senator " +
    "senador senadora secretary secretario secretaria general gen gral admiral almirante governor gobernador " +
    "gobernadora mayor alcalde alcaldesa rep congressman congresista diputado diputada canciller chancellor " +
    "prime primer primera king rey queen reina sr sra mr mrs ms dr dra don dona senor senora commander " +
    "comandante captain capitan colonel coronel lieutenant teniente sergeant sargento fiscal attorney judge " +
    "juez jueza ambassador embajador embajadora spokesman portavoz vocero vocera leader lider"
  ).split(" "),
);

/** One place where a name outside the registry is written. */
export interface NameMention {
  doc: EmergingActorDoc;
  field: "title" | "text";
  /** UTF-16 offsets into the doc's title or text; end is exclusive. */
  start: number;
  end: number;
  /** Folded words, the key under which spellings of one name meet ("delcy rodriguez"). */
  key: string;
  /** A single word that opens a sentence, kept only with `keepInitial`: a name only if it is one elsewhere too. */
  initial?: boolean;
}

/**
 * Recurring capitalised names outside the registry, for a person to review: the mentions findNameMentions
 * finds, kept when enough articles and publishers share them. Ranked by publishers, then articles.
 */
export function findEmergingActors(
  docs: readonly EmergingActorDoc[],
  isKnown: (foldedPhrase: string) => boolean,
  opts: EmergingActorOptions = { minArticles: 3, minPublishers: 2 },
): EmergingActor[] {
  const byKey = new Map<
    string,
    { forms: Map<string, number>; docs: Set<string>; publishers: Set<string>; lastSeen: number }
  >();
  for (const { doc, field, start, end, key } of findNameMentions(docs, isKnown)) {
    const form = doc[field].slice(start, end);
    let entry = byKey.get(key);
    if (!entry) {
      entry = { forms: new Map(), docs: new Set(), publishers: new Set(), lastSeen: doc.publishedAt };
      byKey.set(key, entry);
    }
    entry.forms.set(form, (entry.forms.get(form) ?? 0) + 1);
    entry.docs.add(doc.id);
    entry.publishers.add(doc.publisher);
    entry.lastSeen = Math.max(entry.lastSeen, doc.publishedAt);
  }

  const found: EmergingActor[] = [];
  for (const entry of byKey.values()) {
    if (entry.docs.size < opts.minArticles || entry.publishers.size < opts.minPublishers) continue;
    found.push({
      name: mostFrequent(entry.forms),
      articles: entry.docs.size,
      publishers: entry.publishers.size,
      lastSeen: entry.lastSeen,
    });
  }
  return found.sort(
    (a, b) =>
      b.publishers - a.publishers || b.articles - a.articles || b.lastSeen - a.lastSeen || a.name.localeCompare(b.name),
  );
}

/**
 * Every mention of a capitalised name outside the registry: maximal runs of capitalised words in titles
 * and texts, minus stopwords, dates, titles and whatever `isKnown` (given folded phrases, as foldPhrase
 * makes them) says is a known actor or place.
 */
export function findNameMentions(
  docs: readonly EmergingActorDoc[],
  isKnown: (foldedPhrase: string) => boolean,
  options: { keepInitial?: boolean } = {},
): NameMention[] {
  // First pass: collect runs and what the corpus says about each word's case. A sentence-initial word is
  // only trusted as a name if it is also capitalised mid-sentence somewhere.
  const runs: { tokens: Token[]; field: "title" | "text"; doc: EmergingActorDoc }[] = [];
  const capitalisedMidSentence = new Set<string>();
  for (const doc of docs) {
    for (const field of ["title", "text"] as const) {
      const text = doc[field];
      const tokens = tokenize(text);
      if (field === "title" && isTitleCase(tokens)) continue; // "Trump Says Strikes Are Coming" names nothing by case
      for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i]!;
        if (!isNameWord(t)) continue;
        let last = i;
        for (let k = i + 1; k < tokens.length && adjoins(text, tokens[k - 1]!, tokens[k]!); k++) {
          const next = tokens[k]!;
          if (isNameWord(next)) last = k;
          else if (next.capitalised || !CONNECTORS.has(next.folded)) break;
        }
        const run = tokens.slice(i, last + 1);
        for (const r of run) if (!r.sentenceStart && isNameWord(r)) capitalisedMidSentence.add(r.folded);
        runs.push({ tokens: run, field, doc });
        i = last;
      }
    }
  }

  const mentions: NameMention[] = [];
  for (const { tokens, field, doc } of runs) {
    const parts = withoutKnown(tokens, isKnown);
    // Left beside a known name, one word is a fragment of it ("Caribbean Community" without "Caribbean"), not a name.
    const fragmented = parts.reduce((sum, part) => sum + part.length, 0) < tokens.length;
    for (let part of parts) {
      if (fragmented && part.length === 1) continue;
      const head = part[0]!;
      // "Anoche Diosdado Cabello habló": the first word of a sentence is capitalised whatever it is. Alone, it may
      // still be a surname ("Rodríguez told reporters"): with keepInitial it is kept, marked, for a wider count.
      const initial = head === tokens[0] && head.sentenceStart && !capitalisedMidSentence.has(head.folded);
      if (initial && options.keepInitial && part.length === 1 && !isKnown(head.folded)) {
        mentions.push({ doc, field, start: head.start, end: head.end, key: head.folded, initial: true });
        continue;
      }
      if (initial) part = part.slice(1);
      part = trimEdges(part);
      if (part.length === 0 || (part.length === 1 && part[0]!.folded.length < 2)) continue;
      const key = part.map((t) => t.folded).join(" ");
      if (isKnown(key)) continue;
      mentions.push({ doc, field, start: part[0]!.start, end: part[part.length - 1]!.end, key });
    }
  }
  return mentions;
}

function isNameWord(t: Token): boolean {
  return (
    t.kind === "word" &&
    t.capitalised &&
    !isStopword(t.folded, "es") &&
    !isStopword(t.folded, "en") &&
    !CALENDAR.has(t.folded)
  );
}

/** Words of a run are one name only when a single space or hyphen separates them ("J. Trump" allowed). */
function adjoins(text: string, a: Token, b: Token): boolean {
  let i = a.end;
  if (a.text.length === 1 && text.charCodeAt(i) === 46) i++;
  if (b.start - i !== 1) return false;
  const c = text.charCodeAt(i);
  return c === 32 || c === 0xa0 || c === 45;
}

/** Headlines in title case capitalise most long words; sentence-case ones capitalise only names. */

/** The stretches of a run outside its known phrases, found leftmost-longest: "Presidente Nicolás Maduro" leaves "Presidente". */
function withoutKnown(tokens: Token[], isKnown: (foldedPhrase: string) => boolean): Token[][] {
  const parts: Token[][] = [];
  let partStart = 0;
  let i = 0;
  while (i < tokens.length) {
    let knownEnd = -1;
    for (let j = tokens.length; j > i && knownEnd < 0; j--) {
      const phrase = tokens
        .slice(i, j)
        .map((t) => t.folded)
        .join(" ");
      if (isKnown(phrase)) knownEnd = j;
    }
    if (knownEnd < 0) {
      i++;
      continue;
    }
    if (i > partStart) parts.push(tokens.slice(partStart, i));
    partStart = i = knownEnd;
  }
  if (partStart < tokens.length) parts.push(tokens.slice(partStart));
  return parts;
}

function trimEdges(part: Token[]): Token[] {
  const trimmable = (t: Token) => CONNECTORS.has(t.folded) || PERSON_TITLES.has(t.folded);
  let start = 0;
  let end = part.length;
  while (start < end && trimmable(part[start]!)) start++;
  while (end > start && trimmable(part[end - 1]!)) end--;
  return start === 0 && end === part.length ? part : part.slice(start, end);
}

function mostFrequent(counts: Map<string, number>): string {
  let best = "";
  let bestCount = 0;
  for (const [form, count] of counts) {
    if (count > bestCount) {
      best = form;
      bestCount = count;
    }
  }
  return best;
}
