import { newStemmer } from "snowball-stemmers";
import type { Lang } from "../model.js";

const STEMMERS = { es: newStemmer("spanish"), en: newStemmer("english") };

// Ingest stems every word of every article; a story's vocabulary stays well under this.
const CACHE_LIMIT = 50_000;
const caches: Record<Lang, Map<string, string>> = { es: new Map(), en: new Map() };

/** The Snowball stem of a folded word, so "sanciones", "sancionado" and "sancionar" meet at "sancion". */
export function stem(folded: string, lang: Lang): string {
  const cache = caches[lang];
  const hit = cache.get(folded);
  if (hit !== undefined) return hit;
  const stemmed = STEMMERS[lang].stem(lang === "es" ? reaccent(folded) : folded);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(folded, stemmed);
  return stemmed;
}

/**
 * The Spanish algorithm lists a few suffixes only with their accent ("-ación", "-ución", "-logía"), so a
 * folded "incautacion" would keep its suffix while "incautaciones" loses it. Putting the accent back on
 * those endings makes singular and plural meet again; every other suffix works unaccented.
 */
function reaccent(word: string): string {
  if (word.endsWith("cion")) return `${word.slice(0, -4)}ción`;
  if (word.endsWith("logia")) return `${word.slice(0, -5)}logía`;
  if (word.endsWith("logias")) return `${word.slice(0, -6)}logías`;
  return word;
}
