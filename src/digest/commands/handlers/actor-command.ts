import { findActor } from "../../actors/find-actor.js";
import type { Actor } from "../../content/story-pack.js";
import { formatMonth } from "../../summaries/format-date.js";
import type { Reply } from "../../summaries/views.js";
import { developmentLine } from "../development-lines.js";
import type { Request } from "../request.js";

const DAY = 24 * 60 * 60 * 1000;
// /actor lists this many of the developments most about the actor, and this many actors seen with it.
const ACTOR_DEVELOPMENTS = 8;
const CO_ACTORS = 5;
// A question back offers at most this many actors.
const MAX_CHOICES = 5;

/** /actor NAME: who it is, its role now, the developments most about it and whom it appears with. */
export function answerActor(request: Request, query: string): Reply {
  const { m, lang, now, context } = request;
  const found = findActor(query, request.actors.all());
  if (found.kind === "unknown") {
    return {
      kind: "error",
      text: m.actorUnknown(
        query,
        found.suggestions.slice(0, 2).map((actor) => actor.names[lang]),
      ),
    };
  }
  if (found.kind === "ambiguous")
    return actorChoices(request, query, found.candidates, (actor) => `/actor ${actor.id}`);
  const { actor } = found;
  const developments = context.mentions
    .mostAbout(actor.id, now, ACTOR_DEVELOPMENTS)
    .sort((a, b) => b.lastSeen - a.lastSeen || b.id - a.id);
  const coActors = context.mentions.coActors(actor.id, CO_ACTORS);
  const role = currentRole(actor, now);
  const since = role && formatMonth(Date.parse(role.from), m, context.pack.settings.timeZone);
  return {
    kind: "actor",
    actor: {
      name: actor.names[lang],
      role: role && `${role.title[lang]} (${m.actorSince(since!)})`,
      profile: actor.profile[lang],
      developmentsTitle: m.actorDevelopments,
      developments: developments.map((development) => developmentLine(request, development, "last")),
      emptyNote: developments.length === 0 ? m.actorNoDevelopments : undefined,
      seenWith:
        coActors.length > 0
          ? m.actorSeenWith(coActors.map((c) => `${request.actors.name(c.actorId, lang)} (${c.developments})`))
          : undefined,
    },
  };
}

/**
 * A question back listing the actors a query fits, the most reported first (the finder puts an ambiguous alias's
 * owner first, and keeps it there), each with its current role so the user can tell them apart.
 */
export function actorChoices(
  request: Request,
  query: string,
  candidates: readonly Actor[],
  command: (actor: Actor) => string,
): Reply {
  const { m, lang, now, context } = request;
  const [owner, ...rest] = candidates;
  const mentions = (actor: Actor) => context.mentions.count(actor.id);
  const ranked = [owner!, ...rest.sort((a, b) => mentions(b) - mentions(a))].slice(0, MAX_CHOICES);
  return {
    kind: "choices",
    question: m.actorAmbiguous(query),
    choices: ranked.map((actor) => {
      const role = currentRole(actor, now);
      return {
        label: role ? `${actor.names[lang]} — ${role.title[lang]}` : actor.names[lang],
        command: command(actor),
      };
    }),
  };
}

/** The actor's role on a date: the latest one that started before it and has not ended. */
export function currentRole(actor: Actor, at: number): Actor["roles"][number] | undefined {
  return actor.roles
    .filter((role) => Date.parse(role.from) <= at && (!role.to || Date.parse(role.to) + DAY > at))
    .sort((a, b) => Date.parse(b.from) - Date.parse(a.from))[0];
}
