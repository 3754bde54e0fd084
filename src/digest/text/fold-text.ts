import { RecentCache } from "./recent-cache.js";

// Apostrophe look-alikes feeds use instead of "'"; U+00B4 must go before NFKD turns it into a space and a mark.
const APOSTROPHES = /[\u2018\u2019\u201B\u02BC\u00B4\u0060\u2032]/g;
const QUOTES = /[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033]/g;
const MARKS = /\p{M}+/gu;
// Soft hyphens and zero-width characters arrive from HTML inside words and must not change them.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
// Latin letters that NFKD leaves whole, as in "Łukaszenka" or "Støre".
const UNDECOMPOSED = /[łøđħıßæœþð]/g;
const UNDECOMPOSED_TO: Readonly<Record<string, string>> = {
  ł: "l",
  ø: "o",
  đ: "d",
  ħ: "h",
  ı: "i",
  ß: "ss",
  æ: "ae",
  œ: "oe",
  þ: "th",
  ð: "d",
};

/** Lowercases, strips accents and other marks, and normalises typographic apostrophes and quotes, so "Nicolás’" folds to "nicolas'". */
export function foldText(s: string): string {
  const plain = s.replace(APOSTROPHES, "'").replace(QUOTES, '"');
  return foldWord(plain);
}

// Accented words repeat ("Nicolás", "petróleo"), and a lookup costs far less than normalising again; a generation of
// 10,000 (20,000 held at most, as many as before) keeps the frequent ones across turnovers.
const ACCENTED_LIMIT = 10_000;
const accented = new RecentCache<string, string>(ACCENTED_LIMIT);

/** foldText without the punctuation step: what a token needs, since a token holds no apostrophes or quotes. */
export function foldWord(s: string): string {
  if (isAscii(s)) return s.toLowerCase();
  const known = accented.get(s);
  if (known !== undefined) return known;
  const folded = s
    .normalize("NFKD")
    .replace(MARKS, "")
    .toLowerCase()
    .replace(INVISIBLE, "")
    .replace(UNDECOMPOSED, (c) => UNDECOMPOSED_TO[c] ?? c);
  accented.set(s, folded);
  return folded;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}
