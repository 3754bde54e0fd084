import { ON_STORY } from "../../developments/story-relevance.js";
import type { Reply } from "../../summaries/views.js";
import { developmentLine } from "../development-lines.js";
import type { Request } from "../request.js";

// /start and a group's welcome show the story's five most reported developments.
const STORY_SO_FAR = 5;

/** /help: what the bot does and the commands it takes. */
export function answerHelp(request: Request): Reply {
  return { kind: "text", lines: [request.m.help(request.context.pack.settings.titles[request.lang])] };
}

/** /start: the welcome, then the story so far. */
export function answerStart(request: Request): Reply {
  return storySoFar(request, request.m.welcome(request.context.pack.settings.titles[request.lang]));
}

/** The welcome a group gets once when the bot joins: what it does, and the story so far. */
export function introduce(request: Request): Reply {
  return storySoFar(request, request.m.introduction(request.context.pack.settings.titles[request.lang]));
}

/** `opening`, then the most reported developments in the order they happened. */
function storySoFar(request: Request, opening: string): Reply {
  const { m, context, now } = request;
  const top = context.developments
    .mostReported(now, STORY_SO_FAR, ON_STORY)
    .sort((a, b) => a.firstSeen - b.firstSeen || a.id - b.id);
  if (top.length === 0) return { kind: "text", lines: [opening, "", m.nothingYet] };
  return {
    kind: "developments",
    intro: opening,
    title: m.storySoFar,
    lines: top.map((development) => developmentLine(request, development)),
  };
}
