import type { Actor } from "../content/story-pack.js";
import type { Lang } from "../model.js";

/** An actor's name in a language, by id. */
export type ActorNamer = (actorId: string, lang: Lang) => string;

/** How chat lines name an actor: a person by the short name people use ("Petro"), others by their name. */
export function createActorNamer(actors: readonly Actor[]): ActorNamer {
  const byId = new Map(actors.map((actor) => [actor.id, actor]));
  return (actorId, lang) => {
    const actor = byId.get(actorId);
    if (!actor) return actorId;
    return actor.kind === "person" ? (actor.aliases[0] ?? actor.names[lang]) : actor.names[lang];
  };
}
