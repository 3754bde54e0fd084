import type { Reply } from "../../summaries/views.js";
import type { Request } from "../request.js";
import { currentRole } from "./actor-command.js";

const DAY = 24 * 60 * 60 * 1000;
// /actors new lists names seen in the last 30 days, at most 15.
const EMERGING_DAYS = 30;
const EMERGING_MAX = 15;
const KINDS = ["person", "government", "organisation", "military-unit"] as const;

/** /actors: the story's actors by kind, each with its role now and the /actor command that tells more. */
export function answerActors(request: Request): Reply {
  const { m, lang, now, context } = request;
  const groups = KINDS.map((kind) => ({
    title: m.actorsKinds[kind],
    actors: context.pack.actors
      .filter((actor) => actor.kind === kind)
      .map((actor) => ({
        name: actor.names[lang],
        role: currentRole(actor, now)?.title[lang],
        note: undefined,
        command: `/actor ${actor.id}`,
      })),
  })).filter((group) => group.actors.length > 0);
  return { kind: "actors", title: m.actorsTitle, groups, empty: groups.length === 0 ? m.nothingYet : undefined };
}

/** /actors new: names several outlets used in the last 30 days that the registry lacks, each with its counts. */
export function answerEmergingActors(request: Request): Reply {
  const { m, now, context } = request;
  const found = (context.discovery?.all() ?? []).filter((actor) => actor.lastSeen >= now - EMERGING_DAYS * DAY);
  const actors = found.slice(0, EMERGING_MAX).map((actor) => ({
    name: actor.name,
    role: undefined,
    note: m.actorsNewNote(actor.articles, actor.publishers),
    command: `/actor ${actor.name}`,
  }));
  return {
    kind: "actors",
    title: m.actorsNewTitle,
    groups: actors.length > 0 ? [{ title: undefined, actors }] : [],
    empty: actors.length === 0 ? m.actorsNewEmpty : undefined,
  };
}
