import { z } from "zod";
import {
  parseSettingsCommand,
  SETTINGS_COMMANDS,
  type SettingsCommand,
  type SettingsProblem,
} from "./parse-settings-command.js";

/** A request a user typed, once its arguments are understood. */
export type Command =
  | { name: "help" }
  | { name: "start" }
  | { name: "digest"; windowHours: number | undefined }
  | { name: "latest" }
  | { name: "actor"; query: string }
  | { name: "actors"; emerging: boolean }
  | { name: "timeline"; actorQuery: string | undefined; days: number }
  | { name: "search"; query: string }
  /** A question in the user's words; its text is screened (empty, too long) where it is answered. */
  | { name: "ask"; question: string }
  | { name: "sources" }
  | SettingsCommand;

/** Why a line could not become a command; each says what went wrong so the reply can say the way out. */
export type CommandProblem =
  | { kind: "not-a-command" }
  | { kind: "other-bot" }
  | { kind: "unknown-command"; name: string }
  | { kind: "unexpected-argument"; name: string; argument: string; example: string }
  | { kind: "bad-window"; argument: string }
  | { kind: "window-out-of-range"; argument: string; maxDays: number }
  | { kind: "actor-missing" }
  | { kind: "actors-bad-argument"; argument: string }
  | { kind: "timeline-bad-days"; argument: string }
  | { kind: "search-missing" }
  | SettingsProblem;

export type ParsedCommand = { ok: true; command: Command } | { ok: false; problem: CommandProblem };

export const DEFAULT_TIMELINE_DAYS = 30;
const MAX_QUERY = 200;

const Days = z.coerce.number().int().min(1).max(365);
/** The longest look back /digest takes. */
export const MAX_WINDOW_DAYS = 90;
const WINDOW = /^(\d{1,6})\s*([hd])$/i;

/** Reads "/name args" (or "/name@bot args" in groups); `botName` filters commands meant for other bots. */
export function parseCommand(line: string, botName?: string): ParsedCommand {
  const match = /^\/([a-z_]+)(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/i.exec(line.trim());
  if (!match) return fail({ kind: "not-a-command" });
  const name = match[1]!.toLowerCase();
  if (match[2] && botName && match[2].toLowerCase() !== botName.toLowerCase()) return fail({ kind: "other-bot" });
  const text = (match[3] ?? "").replace(/\s+/g, " ").trim();
  const args = text.slice(0, MAX_QUERY);

  switch (name) {
    case "help":
      return noArguments("help", args, "/help");
    case "start":
      // Telegram deep links carry a payload after /start; it has no meaning here and is ignored.
      return ok({ name: "start" });
    case "latest":
      return noArguments("latest", args, "/latest");
    case "sources":
      return noArguments("sources", args, "/sources");
    case "digest":
      return parseDigest(args);
    case "actor":
      return args ? ok({ name: "actor", query: args }) : fail({ kind: "actor-missing" });
    case "actors":
      if (!args) return ok({ name: "actors", emerging: false });
      return /^(new|nuevos?)$/i.test(args)
        ? ok({ name: "actors", emerging: true })
        : fail({ kind: "actors-bad-argument", argument: args });
    case "timeline":
      return parseTimeline(args);
    case "search":
    case "buscar":
      return args.replace(/[^\p{L}\p{N}]/gu, "").length > 0
        ? ok({ name: "search", query: args })
        : fail({ kind: "search-missing" });
    case "ask":
      // Uncut, so a question past the limit is told so instead of being answered from its first words.
      return ok({ name: "ask", question: text });
    default:
      return SETTINGS_COMMANDS.has(name) ? parseSettingsCommand(name, args) : fail({ kind: "unknown-command", name });
  }
}

/** "/digest", "/digest 48h", "/digest 3d": a readable period past the limit is told the limit. */
function parseDigest(args: string): ParsedCommand {
  if (!args) return ok({ name: "digest", windowHours: undefined });
  const match = WINDOW.exec(args);
  if (!match) return fail({ kind: "bad-window", argument: args });
  const hours = Number(match[1]) * (match[2]!.toLowerCase() === "d" ? 24 : 1);
  if (hours < 1 || hours > MAX_WINDOW_DAYS * 24)
    return fail({ kind: "window-out-of-range", argument: args, maxDays: MAX_WINDOW_DAYS });
  return ok({ name: "digest", windowHours: hours });
}

/** "/timeline", "/timeline 30", "/timeline maduro", "/timeline maduro 14". */
function parseTimeline(args: string): ParsedCommand {
  const words = args ? args.split(" ") : [];
  const last = words.at(-1);
  // A last word with a digit in it is meant as the number of days, so a bad one is reported, not taken as a name.
  if (last !== undefined && /\d/.test(last)) {
    const days = Days.safeParse(last);
    if (!days.success || !/^\d+$/.test(last)) return fail({ kind: "timeline-bad-days", argument: last });
    const actorQuery = words.slice(0, -1).join(" ") || undefined;
    return ok({ name: "timeline", actorQuery, days: days.data });
  }
  return ok({ name: "timeline", actorQuery: args || undefined, days: DEFAULT_TIMELINE_DAYS });
}

function noArguments(name: "help" | "latest" | "sources", args: string, example: string): ParsedCommand {
  return args ? fail({ kind: "unexpected-argument", name, argument: args, example }) : ok({ name });
}

function ok(command: Command): ParsedCommand {
  return { ok: true, command };
}

function fail(problem: CommandProblem): ParsedCommand {
  return { ok: false, problem };
}
