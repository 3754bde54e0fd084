import { newStemmer } from "snowball-stemmers";
import type { Lang } from "../model.js";
import { RecentCache } from "./recent-cache.js";

const STEMMERS = { es: newStemmer("spanish"), en: newStemmer("english") };

// Ingest stems every word of every article. A generation of 10,000 words per language holds the words read every
// day; one-off names and numbers-with-letters fall out. At 50,000 cleared when full, the caches held ~9 MB at 300k
// archived (a heap snapshot), on the bench's stream most of it one-off words.
const GENERATION = 10_000;
const caches: Record<Lang, RecentCache<string, string>> = {
  es: new RecentCache(GENERATION),
  en: new RecentCache(GENERATION),
};

/** The Snowball stem of a folded word, so "sanciones", "sancionado" and "sancionar" meet at "sancion". */
export function stem(folded: string, lang: Lang): string {
  const cache = caches[lang];
  const hit = cache.get(folded);
  if (hit !== undefined) return hit;
  const stemmed = STEMMERS[lang].stem(lang === "es" ? reaccent(folded) : folded);
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
