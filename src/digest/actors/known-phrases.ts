import type { StoryPack } from "../content/load-story-pack.js";
import { foldPhrase } from "../text/tokenize.js";

/** Folded names, aliases and places of the registry: phrases that are not "new" actors. */
export function knownPhrases(pack: Pick<StoryPack, "actors" | "places">): Set<string> {
  const phrases = new Set<string>();
  for (const actor of pack.actors) {
    for (const phrase of [actor.names.es, actor.names.en, ...actor.aliases, ...actor.descriptive.map((d) => d.phrase)]) {
      phrases.add(foldPhrase(phrase));
    }
  }
  for (const place of pack.places) for (const name of place.names) phrases.add(foldPhrase(name));
  return phrases;
}
