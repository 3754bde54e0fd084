import type { StoryPack } from "../content/load-story-pack.js";
import { foldPhrase } from "../text/tokenize.js";

/**
 * Folded names of everything Hilo knows that is not a new actor: the registry's actors, places and glossary phrases,
 * and the shared gazetteer's countries, bodies, cities, regions and demonyms.
 */
export function knownPhrases(
  pack: Pick<StoryPack, "actors" | "places"> & Partial<Pick<StoryPack, "glossary" | "world" | "worldPlaces">>,
): Set<string> {
  const phrases = new Set<string>();
  for (const actor of pack.actors) {
    for (const phrase of [
      actor.names.es,
      actor.names.en,
      ...actor.aliases,
      ...actor.ambiguousAliases,
      ...actor.descriptive.map((d) => d.phrase),
    ]) {
      phrases.add(foldPhrase(phrase));
    }
  }
  for (const place of [...pack.places, ...(pack.worldPlaces ?? [])])
    for (const name of place.names) phrases.add(foldPhrase(name));
  for (const concept of pack.glossary ?? [])
    for (const phrase of [...concept.es, ...concept.en]) phrases.add(foldPhrase(phrase));
  for (const entry of pack.world ?? [])
    for (const name of [entry.names.es, entry.names.en, ...entry.aliases]) phrases.add(foldPhrase(name));
  return phrases;
}
