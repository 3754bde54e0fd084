import type { StoryPack } from "../content/load-story-pack.js";
import type { Actor, WorldActor } from "../content/story-pack.js";
import { foldPhrase } from "../text/tokenize.js";

/** The names that link to each actor id from the shared gazetteer, and the gazetteer's actors a story has no own for. */
export interface WorldActors {
  links: { actorId: string; names: string[] }[];
  /** Gazetteer entries that stand for themselves, as actors /actor can show. */
  actors: Actor[];
}

/**
 * Reads the gazetteer against a story pack. A country or body the pack has an actor of its own for is left to the
 * pack, which decides which of its names link (the Venezuela pack, say, keeps "Venezuela" a place); every other entry
 * links to itself, so "Honduras" or "la ONU" in a report link to something a user can ask about.
 */
export function worldActors(pack: Pick<StoryPack, "actors" | "world">): WorldActors {
  const links: WorldActors["links"] = [];
  const actors: Actor[] = [];
  const claimed = new Set(
    pack.actors.flatMap((actor) => [actor.names.es, actor.names.en, ...actor.aliases].map(foldPhrase)),
  );
  for (const entry of pack.world) {
    if (pack.actors.some((actor) => actor.kind === entry.kind && actor.country === entry.country)) continue;
    const names = [entry.names.es, entry.names.en, ...entry.aliases].filter((name) => !claimed.has(foldPhrase(name)));
    if (names.length === 0) continue;
    links.push({ actorId: entry.id, names });
    actors.push(asActor(entry));
  }
  return { links, actors };
}

function asActor(entry: WorldActor): Actor {
  const what =
    entry.kind === "government"
      ? { es: "Estado y gobierno", en: "State and government" }
      : { es: "Organismo internacional", en: "International body" };
  return {
    id: entry.id,
    kind: entry.kind,
    names: entry.names,
    aliases: entry.aliases,
    descriptive: [],
    roles: [],
    country: entry.country,
    profile: { es: `${what.es}: ${entry.names.es}.`, en: `${what.en}: ${entry.names.en}.` },
    relevance: "context",
    ambiguousAliases: [],
    context: [],
  };
}
