import type { StoryPack } from "../content/load-story-pack.js";

/** The story pack's names and concepts by how much they say a report belongs to the story. */
export interface StoryKeys {
  /** Anchor keys (`a:actor`, `c:concept`) that define the story. */
  core: ReadonlySet<string>;
  /** Keys of actors and concepts that appear in the story and in much other news. */
  context: ReadonlySet<string>;
}

/** A development at or above this relevance is on the story: it may alert, and digests and lists show it. */
export const ON_STORY = 0.5;

// How much one key says, by where it appears. A core name or concept in the headline or the first sentence settles it;
// the body says less. Context keys only add to a core one in the lead: a head of state and a country alone are half the
// news of a region, however many of them a report names.
const WEIGHTS = { leadCore: 1, bodyCore: 0.3, leadContext: 0.2 } as const;

/** The pack's actors and concepts split by their `relevance`. */
export function storyKeys(pack: Pick<StoryPack, "actors" | "glossary">): StoryKeys {
  const core = new Set<string>();
  const context = new Set<string>();
  for (const actor of pack.actors) (actor.relevance === "core" ? core : context).add(`a:${actor.id}`);
  for (const concept of pack.glossary) (concept.relevance === "core" ? core : context).add(`c:${concept.id}`);
  return { core, context };
}

/**
 * How much an article belongs to the story, from 0 to 1: the core and context keys in its lead (headline and first
 * sentence) and in the rest of its text, each counted once where it weighs most. A pack that marks nothing as core
 * makes every article fully on the story, as before relevance existed.
 */
export function articleRelevance(lead: ReadonlySet<string>, body: ReadonlySet<string>, keys: StoryKeys): number {
  if (keys.core.size === 0) return 1;
  let core = 0;
  let coreLeads = false;
  let context = 0;
  for (const key of new Set([...lead, ...body])) {
    if (keys.core.has(key)) {
      core += lead.has(key) ? WEIGHTS.leadCore : WEIGHTS.bodyCore;
      coreLeads ||= lead.has(key);
    } else if (keys.context.has(key) && lead.has(key)) {
      context += WEIGHTS.leadContext;
    }
  }
  if (core === 0) return 0;
  return 1 - Math.exp(-(core + (coreLeads ? context : 0)));
}
