import type { Actor } from "../content/story-pack.js";
import { extractFeatures, type StoryVocabulary } from "./article-features.js";
import type { TermStats } from "./term-stats.js";

/**
 * Counts the story pack's own texts (each actor's profile in both languages) as background documents,
 * so the first articles of a stream are weighed with sensible word statistics instead of near-empty ones.
 */
export function seedTermStats(
  stats: TermStats,
  vocabulary: StoryVocabulary,
  actors: readonly Actor[],
  at: number,
): void {
  for (const actor of actors) {
    for (const lang of ["es", "en"] as const) {
      const features = extractFeatures(vocabulary, {
        title: actor.names[lang],
        text: actor.profile[lang],
        lang,
        publishedAt: at,
      });
      stats.observe([...features.terms.keys(), ...features.anchors]);
    }
  }
}
