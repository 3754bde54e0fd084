import { findActor } from "../../actors/find-actor.js";
import { ON_STORY } from "../../developments/story-relevance.js";
import { searchQuery } from "../../summaries/search-query.js";
import type { Reply } from "../../summaries/views.js";
import { developmentList } from "../development-lines.js";
import type { Request } from "../request.js";
import { actorChoices, answerActor } from "./actor-command.js";

const DAY = 24 * 60 * 60 * 1000;
const LATEST = 8;
const SEARCH_RESULTS = 8;
const TIMELINE_MAX = 60;

/** /latest: newest report first, each dated by that report, so the date a line shows is the one it is sorted by. */
export function answerLatest(request: Request): Reply {
  const { m, context, now } = request;
  return developmentList(
    request,
    m.latestTitle,
    context.developments.latest(now, LATEST, ON_STORY),
    m.nothingYet,
    "last",
  );
}

/** /timeline [actor] [days]: the story's developments in the order they happened, or one actor's on the story. */
export function answerTimeline(request: Request, actorQuery: string | undefined, days: number): Reply {
  const { m, context, now, lang } = request;
  const from = now - days * DAY;
  const store = context.developments;
  if (actorQuery === undefined) {
    const developments = store.firstSeenBetween(from, now, TIMELINE_MAX, ON_STORY);
    return developmentList(request, m.timelineTitle(days), developments, m.timelineEmpty(days));
  }
  const found = findActor(actorQuery, request.actors.all());
  if (found.kind === "ambiguous")
    return actorChoices(request, actorQuery, found.candidates, (actor) => `/timeline ${actor.id} ${days}`);
  if (found.kind !== "found") return answerActor(request, actorQuery);
  const name = found.actor.names[lang];
  // A timeline tells the story: an actor's developments off it stay on /actor and /search.
  const developments = context.mentions
    .withActor(found.actor.id, from, now, TIMELINE_MAX)
    .filter((development) => development.relevance >= ON_STORY)
    .sort((a, b) => a.firstSeen - b.firstSeen || a.id - b.id);
  return developmentList(request, m.timelineTitle(days, name), developments, m.timelineEmpty(days, name));
}

/** /search: developments with every word, concept and name of the query first, then those with fewer. */
export function answerSearch(request: Request, query: string): Reply {
  const { m, context } = request;
  const { units, minMatched } = searchQuery(query, context.pack);
  const results = context.search.search(units, SEARCH_RESULTS, minMatched);
  if (results.length === 0) return { kind: "error", text: m.searchEmpty(query) };
  return developmentList(
    request,
    m.searchTitle(query),
    results.map((hit) => hit.development),
    m.searchEmpty(query),
  );
}
