import { messagesFor } from "../i18n/messages-for.js";
import type { Lang } from "../model.js";
import type { ChatRecord } from "../store/chat-store.js";
import { buildSourcesReply } from "../summaries/build-sources-reply.js";
import type { Reply } from "../summaries/views.js";
import { answerActor } from "./handlers/actor-command.js";
import { answerActors, answerEmergingActors } from "./handlers/actors-command.js";
import { answerQuestion } from "./handlers/ask-command.js";
import { developmentMore, developmentSources } from "./handlers/development-reports.js";
import { answerDigest } from "./handlers/digest-command.js";
import { answerLatest, answerSearch, answerTimeline } from "./handlers/list-commands.js";
import { answerHelp, answerStart, introduce } from "./handlers/story-so-far.js";
import type { Command, CommandProblem } from "./parse-command.js";
import type { SettingsCommand } from "./parse-settings-command.js";
import { actorDirectories, type Caller, type CommandContext, type Request } from "./request.js";
import { explainSettingsProblem, runSettingsCommand } from "./run-settings-command.js";
import { screenQuestion } from "./screen-question.js";

export type { Caller, CommandContext } from "./request.js";

type CommandName = Command["name"];
/** Answers one command, given the chat that asked it and the request it belongs to. */
type Handler<N extends CommandName> = (
  command: Extract<Command, { name: N }>,
  request: Request,
  chat: ChatRecord,
) => Reply;

/** A settings command changes the chat; in a group only admins may, though anyone may read /settings. */
function settings(command: SettingsCommand, request: Request, chat: ChatRecord): Reply {
  if (!request.caller.canConfigure && command.name !== "settings") return { kind: "error", text: request.m.onlyAdmins };
  const { context } = request;
  return runSettingsCommand(command, chat, {
    chats: context.chats,
    subscriptions: context.subscriptions,
    defaultTimeZone: context.pack.settings.timeZone,
    now: context.wallClock,
  });
}

/** One handler per command: adding a command to `Command` without one here does not compile. */
const HANDLERS: { [N in CommandName]: Handler<N> } = {
  help: (_, request) => answerHelp(request),
  start: (_, request) => answerStart(request),
  digest: (command, request, chat) => answerDigest(request, chat, command.windowHours),
  latest: (_, request) => answerLatest(request),
  actor: (command, request) => answerActor(request, command.query),
  actors: (command, request) => (command.emerging ? answerEmergingActors(request) : answerActors(request)),
  timeline: (command, request) => answerTimeline(request, command.actorQuery, command.days),
  search: (command, request) => answerSearch(request, command.query),
  ask: (command, request) =>
    screenQuestion(command.question, request.lang, "command") ?? answerQuestion(request, command.question),
  sources: (_, request) =>
    buildSourcesReply(request.context.feeds?.all() ?? [], request.m, request.context.pack.settings.timeZone),
  subscribe: settings,
  unsubscribe: settings,
  alerts: settings,
  quiet: settings,
  settings,
  lang: settings,
};

/**
 * Answers commands from any adapter with platform-neutral replies (views.ts) in the chat's language. Each call is
 * one request: the story's clock is read once at its start and every handler of it sees that time.
 */
export class CommandRunner {
  private readonly actors: { forRequest(): Request["actors"] };

  constructor(private readonly context: CommandContext) {
    this.actors = actorDirectories(context);
  }

  run(command: Command, chat: ChatRecord, caller: Caller = { canConfigure: true }): Reply {
    const handler = HANDLERS[command.name] as Handler<CommandName>;
    return handler(command, this.request(chat.lang, caller), chat);
  }

  /** A question asked in words, screened already (see screenQuestion). */
  ask(question: string, lang: Lang): Reply {
    return answerQuestion(this.request(lang), question);
  }

  /** The welcome a group gets once when the bot joins: what it does, and the story so far. */
  introduction(lang: Lang): Reply {
    return introduce(this.request(lang));
  }

  /** Every outlet's report of one development (the "Sources" button). */
  developmentSources(developmentId: number, lang: Lang): Reply {
    return developmentSources(this.request(lang), developmentId);
  }

  /** A development told in full (the "More" button). */
  developmentMore(developmentId: number, lang: Lang): Reply {
    return developmentMore(this.request(lang), developmentId);
  }

  /** The reply to a line that could not be parsed; undefined for a command meant for another bot. */
  explain(problem: CommandProblem, lang: Lang): Reply | undefined {
    const m = messagesFor(lang);
    switch (problem.kind) {
      case "other-bot":
        return undefined;
      case "not-a-command":
        return { kind: "error", text: m.notACommand };
      case "unknown-command":
        return { kind: "error", text: m.unknownCommand(problem.name) };
      case "unexpected-argument":
        return { kind: "error", text: m.unexpectedArgument(problem.name, problem.argument, problem.example) };
      case "bad-window":
        return { kind: "error", text: m.badWindow(problem.argument) };
      case "window-out-of-range":
        return { kind: "error", text: m.windowOutOfRange(problem.argument, problem.maxDays) };
      case "actor-missing":
        return { kind: "error", text: m.actorMissing };
      case "actors-bad-argument":
        return { kind: "error", text: m.actorsBadArgument(problem.argument) };
      case "timeline-bad-days":
        return { kind: "error", text: m.timelineBadDays(problem.argument) };
      case "search-missing":
        return { kind: "error", text: m.searchMissing };
      default:
        return explainSettingsProblem(problem, m);
    }
  }

  /** A request in `lang`: the story's clock read once, here. */
  private request(lang: Lang, caller: Caller = { canConfigure: true }): Request {
    return {
      context: this.context,
      actors: this.actors.forRequest(),
      lang,
      m: messagesFor(lang),
      now: this.context.now(),
      caller,
    };
  }
}
