import type { Lang } from "../model.js";

// Very common function words of each language. Words both languages use are left out: "a", "no", "me",
// "he", "son", "sin", and "un", which English writes for the UN.
const SPANISH = new Set(
  (
    "de la que el en y los del se las por para con una su al lo como más pero sus le ya este está esta " +
    "entre cuando muy también hasta hay donde desde todo nos durante ante sobre fue ha han según tras sido " +
    "porque esto eso les dijo"
  ).split(" "),
);
const ENGLISH = new Set(
  (
    "the of and to in is that for it with as was on be by at this are from or an but not have has had " +
    "which were been their they will would its after who said about more than also into over what when there"
  ).split(" "),
);

// Accented vowels also occur in English reports (Nicolás, Bogotá), so they count for less than ñ, ¿ and ¡.
const SPANISH_MARKS = /[ñ¿¡]/giu;
const SPANISH_ACCENTS = /[áéíóú]/giu;

// Below this many signals the text is a title fragment or a name list: trust the caller's guess.
const MIN_SIGNALS = 4;
// The winner must outscore the other language this many times over to override the fallback.
const CLEAR_MARGIN = 2;

/** "es" or "en" from function words and Spanish-only characters; the fallback when the text is short or unclear. */
export function detectLanguage(text: string, fallback: Lang): Lang {
  const words = text.toLowerCase().match(/[\p{L}]+/gu) ?? [];
  let es = (text.match(SPANISH_MARKS)?.length ?? 0) + 0.5 * (text.match(SPANISH_ACCENTS)?.length ?? 0);
  let en = 0;
  for (const word of words) {
    if (SPANISH.has(word)) es++;
    else if (ENGLISH.has(word)) en++;
  }
  if (es + en < MIN_SIGNALS) return fallback;
  if (es >= CLEAR_MARGIN * en) return "es";
  if (en >= CLEAR_MARGIN * es) return "en";
  return fallback;
}
