import { foldWord } from "./fold-text.js";

/** One word or number of a text, with where it sits in the text and its folded form. */
export interface Token {
  /** As written, e.g. "Padrino", "EE.UU.", "4.000". */
  text: string;
  /** Lowercase without accents ("lopez"), dotted acronyms joined ("eeuu"), numbers normalised ("4000", "1.1"). */
  folded: string;
  /** UTF-16 offsets into the text; end is exclusive. */
  start: number;
  end: number;
  /** The first character is an uppercase letter. */
  capitalised: boolean;
  /** First token of the text or of a sentence. */
  sentenceStart: boolean;
  kind: "word" | "number";
}

// Character classes, looked up in a table so the scan never runs a regular expression per character.
const OTHER = 0;
const LOWER = 1; // any letter that is not uppercase, and non-ASCII digits
const UPPER = 2;
const DIGIT = 3; // ASCII digits only: they are what numbers are made of
const MARK = 4; // combining marks and invisible characters: they continue a word, never start one
const APOS = 5;
const UNKNOWN = 255;

const DOT = 46;
const COMMA = 44;
const SPACE = 32;
const LOWER_S = 115;
const UPPER_S = 83;

const bmpClasses = new Uint8Array(0x10000).fill(UNKNOWN);
const astralClasses = new Map<number, number>();
const IS_UPPER = /\p{Lu}|\p{Lt}/u;
const IS_WORD = /\p{L}|\p{N}/u;
const IS_MARK = /\p{M}/u;

for (let c = 0; c < 128; c++) {
  if (c >= 97 && c <= 122) bmpClasses[c] = LOWER;
  else if (c >= 65 && c <= 90) bmpClasses[c] = UPPER;
  else if (c >= 48 && c <= 57) bmpClasses[c] = DIGIT;
  else bmpClasses[c] = OTHER;
}
// Apostrophe look-alikes; U+02BC is formally a letter but feeds use it as an apostrophe.
for (const c of [0x27, 0x60, 0xb4, 0x2018, 0x2019, 0x201b, 0x02bc, 0x2032]) bmpClasses[c] = APOS;
for (const c of [0xad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]) bmpClasses[c] = MARK;

function classify(cp: number): number {
  const ch = String.fromCodePoint(cp);
  if (IS_UPPER.test(ch)) return UPPER;
  if (IS_WORD.test(ch)) return LOWER;
  if (IS_MARK.test(ch)) return MARK;
  return OTHER;
}

function classOf(cp: number): number {
  if (cp < 0x10000) {
    const known = bmpClasses[cp]!;
    if (known !== UNKNOWN) return known;
    const cls = classify(cp);
    bmpClasses[cp] = cls;
    return cls;
  }
  let cls = astralClasses.get(cp);
  if (cls === undefined) {
    cls = classify(cp);
    astralClasses.set(cp, cls);
  }
  return cls;
}

/** Class of the character at i; astral characters are looked up whole. */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff ? classOf(text.codePointAt(i)!) : classOf(c);
}

function widthAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
}

function isWordClass(cls: number): boolean {
  return cls === LOWER || cls === UPPER || cls === DIGIT || cls === MARK;
}

function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

// A dot after these does not end the sentence ("Sr. Maduro", "Gen. Padrino").
const ABBREVIATIONS = new Set([
  "sr",
  "sra",
  "srta",
  "dr",
  "dra",
  "mr",
  "mrs",
  "ms",
  "st",
  "gen",
  "gral",
  "lt",
  "col",
  "sgt",
  "capt",
  "cap",
  "adm",
  "gov",
  "sen",
  "rep",
  "prof",
  "lic",
  "ing",
  "jr",
  "vs",
  "etc",
  "num",
  "av",
  "ave",
]);

// The long texts tokenized last, with their tokens: an article's title and text are read in turn by its features, its
// actor matching and its headline's signature, and each is scanned once. Shorter texts are cheap to scan again.
const RECENT_TEXTS = 4;
const MIN_KEPT_CHARS = 48;
const recentTexts: string[] = [];
const recentTokens: (readonly Token[])[] = [];
let nextSlot = 0;

/** The words and numbers of a text, in order (shared with other callers that asked for the same text: read only). */
export function tokenize(text: string): readonly Token[] {
  if (text.length < MIN_KEPT_CHARS) return scanTokens(text);
  for (let i = 0; i < recentTexts.length; i += 1) if (recentTexts[i] === text) return recentTokens[i]!;
  const tokens = scanTokens(text);
  recentTexts[nextSlot] = text;
  recentTokens[nextSlot] = tokens;
  nextSlot = (nextSlot + 1) % RECENT_TEXTS;
  return tokens;
}

/** Splits a text into words and numbers in one pass (see Token for what each holds). */
function scanTokens(text: string): readonly Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let sentenceStart = true;
  let i = 0;
  while (i < n) {
    const cls = classAt(text, i);
    if (cls === LOWER || cls === UPPER || cls === DIGIT) {
      const token =
        (cls === DIGIT ? scanNumber(text, i) : cls === UPPER ? scanAcronym(text, i) : null) ?? scanWord(text, i);
      token.sentenceStart = sentenceStart;
      sentenceStart = false;
      tokens.push(token);
      i = token.end;
      // "Trump's" → "Trump": the possessive is neither a token nor a word break worth keeping.
      if (i + 1 < n && classAt(text, i) === APOS) {
        const s = text.charCodeAt(i + 1);
        if ((s === LOWER_S || s === UPPER_S) && (i + 2 >= n || !isWordClass(classAt(text, i + 2)))) i += 2;
      }
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === DOT) {
      const prev = tokens[tokens.length - 1];
      if (!(prev && prev.end === i && isAbbreviation(prev))) sentenceStart = true;
    } else if (c === 33 || c === 63 || c === 0x2026 || c === 10) {
      sentenceStart = true; // ! ? … and line breaks
    }
    i += widthAt(text, i);
  }
  return tokens;
}

/** The folded tokens of a phrase joined by single spaces: the key form for registries of names and places. */
export function foldPhrase(text: string): string {
  return tokenize(text)
    .map((t) => t.folded)
    .join(" ");
}

function isAbbreviation(token: Token): boolean {
  if (token.kind !== "word") return false;
  return (token.text.length === 1 && token.capitalised) || ABBREVIATIONS.has(token.folded);
}

function makeToken(
  text: string,
  folded: string,
  start: number,
  end: number,
  capitalised: boolean,
  kind: Token["kind"],
): Token {
  return { text, folded, start, end, capitalised, sentenceStart: false, kind };
}

function scanWord(text: string, start: number): Token {
  const n = text.length;
  let ascii = true;
  let j = start;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c < 128) {
      if (!isWordClass(bmpClasses[c]!)) break;
      j++;
      continue;
    }
    if (!isWordClass(classAt(text, j))) break;
    ascii = false;
    j += widthAt(text, j);
  }
  const raw = text.slice(start, j);
  const folded = ascii ? raw.toLowerCase() : foldWord(raw);
  return makeToken(raw, folded, start, j, classAt(text, start) === UPPER, "word");
}

/**
 * Digits with "." or "," separators: a separator followed by exactly three digits groups thousands
 * ("4.000" = "4,000" = "4000"), any other is the decimal point ("1,1" = "1.1").
 * Returns null for digits running into letters ("3rd", "10km"), which are words.
 */
function scanNumber(text: string, start: number): Token | null {
  const n = text.length;
  let j = start;
  while (j < n && isAsciiDigit(text.charCodeAt(j))) j++;
  if (j < n) {
    const cls = classAt(text, j);
    if (cls === LOWER || cls === UPPER || cls === MARK) return null;
  }
  let folded: string | undefined; // built only when a separator is dropped or rewritten
  let pieceStart = start;
  let decimal = false;
  while (j + 1 < n) {
    const sep = text.charCodeAt(j);
    const thinSpace = sep === 0xa0 || sep === 0x202f || sep === 0x2009; // "4 000" in careful typography
    if (sep !== DOT && sep !== COMMA && !thinSpace) break;
    let k = j + 1;
    while (k < n && isAsciiDigit(text.charCodeAt(k))) k++;
    const digits = k - j - 1;
    if (digits === 0) break;
    if (digits === 3 && !decimal) {
      folded = (folded ?? "") + text.slice(pieceStart, j);
      pieceStart = j + 1;
    } else {
      if (decimal || thinSpace) break;
      decimal = true;
      if (sep === COMMA) {
        folded = (folded ?? "") + text.slice(pieceStart, j) + ".";
        pieceStart = j + 1;
      }
    }
    j = k;
  }
  const raw = text.slice(start, j);
  return makeToken(raw, folded === undefined ? raw : folded + text.slice(pieceStart, j), start, j, false, "number");
}

/**
 * Dotted acronyms as one token: "EE.UU." and "U.S." fold to "eeuu" and "us", like "EEUU" and "US".
 * Spanish doubled-letter plurals may also be spaced ("EE UU", "EE. UU.", "FF AA"); single initials
 * with spaces ("J. R.") stay apart.
 */
function scanAcronym(text: string, start: number): Token | null {
  let partStart = start;
  let partEnd = upperPartEnd(text, start);
  if (partEnd < 0) return null;
  let folded = "";
  let parts = 0;
  let end: number;
  for (;;) {
    folded += text.slice(partStart, partEnd);
    parts++;
    const doubled = isDoubledPair(text, partStart, partEnd);
    const dot = text.charCodeAt(partEnd) === DOT;
    let nextStart = dot ? partEnd + 1 : partEnd;
    const spaced = doubled && text.charCodeAt(nextStart) === SPACE;
    if (spaced) nextStart++;
    const nextEnd = dot || spaced ? upperPartEnd(text, nextStart) : -1;
    if (nextEnd < 0 || (spaced && !isDoubledPair(text, nextStart, nextEnd))) {
      end = dot ? partEnd + 1 : partEnd;
      break;
    }
    partStart = nextStart;
    partEnd = nextEnd;
  }
  if (parts < 2) return null;
  return makeToken(text.slice(start, end), foldWord(folded), start, end, true, "word");
}

/** End of one or two uppercase letters starting at i that are not followed by more word characters, else -1. */
function upperPartEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && j - i < 2 && text.charCodeAt(j) < 0xd800 && classOf(text.charCodeAt(j)) === UPPER) j++;
  if (j === i) return -1;
  if (j < text.length && isWordClass(classAt(text, j))) return -1;
  return j;
}

function isDoubledPair(text: string, start: number, end: number): boolean {
  return end - start === 2 && text.charCodeAt(start) === text.charCodeAt(start + 1);
}
