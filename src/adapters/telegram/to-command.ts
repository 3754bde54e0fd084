import { z } from "zod";
import type { Lang } from "../../digest/index.js";

/** The commands Hilo offers on Telegram, as the core names them (`/buscar` is the core's alias of `/search`). */
export const COMMAND_NAMES: ReadonlySet<string> = new Set([
  "start",
  "help",
  "digest",
  "latest",
  "actor",
  "actors",
  "timeline",
  "search",
  "buscar",
  "ask",
  "sources",
  "subscribe",
  "unsubscribe",
  "alerts",
  "quiet",
  "settings",
  "lang",
]);

/** The fields of a Telegram message these helpers read. */
export interface IncomingText {
  text: string;
  entities?: readonly { type: string; offset: number; length: number }[] | undefined;
}

/** The chat's language from a user's Telegram language_code: Spanish for any "es…", English otherwise. */
export function languageOf(languageCode: string | undefined): Lang {
  return languageCode?.toLowerCase().startsWith("es") ? "es" : "en";
}

/** A command at the start of a message: its name and the bot it names after "@", if any. */
export function commandIn(message: IncomingText): { name: string; target: string | undefined } | undefined {
  const entity = message.entities?.find((e) => e.type === "bot_command" && e.offset === 0);
  if (!entity) return undefined;
  const [name = "", target] = message.text.slice(1, entity.length).split("@");
  return { name: name.toLowerCase(), target };
}

/**
 * Whether a group command is for this bot. With privacy mode on, a group still delivers bare commands meant for
 * other bots, so a bare command is ours only when it is one of our names; one naming a bot must name us.
 */
export function isOurCommand(command: { name: string; target: string | undefined }, botUsername: string): boolean {
  return command.target === undefined
    ? COMMAND_NAMES.has(command.name)
    : command.target.toLowerCase() === botUsername.toLowerCase();
}

/** The text of a message that mentions the bot (`@hilo_bot ¿quién…?`), with the mention taken out; else undefined. */
export function questionFromMention(message: IncomingText, botUsername: string): string | undefined {
  const mention = message.entities?.find(
    (e) =>
      e.type === "mention" &&
      message.text.slice(e.offset + 1, e.offset + e.length).toLowerCase() === botUsername.toLowerCase(),
  );
  if (!mention) return undefined;
  return (message.text.slice(0, mention.offset) + message.text.slice(mention.offset + mention.length))
    .replace(/\s+/g, " ")
    .trim();
}

/** What an inline button under a digest item asks for. */
export type DevelopmentButton = { action: "sources" | "more"; developmentId: number };
/** A choice under a question asked back: the command it runs, as if typed ("/actor putin"). */
export type CommandButton = { action: "command"; command: string };
export type ButtonRequest = DevelopmentButton | CommandButton;

const ACTIONS = { src: "sources", more: "more" } as const;
const COMMAND_PREFIX = "cmd:";
// Telegram keeps at most 64 bytes of callback data (bytes, not characters: "ñ" takes two).
const CALLBACK_DATA_BYTES = 64;

const DevelopmentData = z
  .string()
  .regex(/^(src|more):(\d{1,12})$/)
  .transform((data): ButtonRequest => {
    const [action, id] = data.split(":") as [keyof typeof ACTIONS, string];
    return { action: ACTIONS[action], developmentId: Number(id) };
  });

// A command line without its "/": a command name, then arguments on the same line.
const CommandData = z
  .string()
  .regex(/^cmd:[a-z]+(?: [^\p{Cc}]*)?$/u)
  .transform((data): ButtonRequest => ({ action: "command", command: `/${data.slice(COMMAND_PREFIX.length)}` }));

// Callback data comes back from Telegram as the client sent it, so it is checked like any other input.
const CallbackData = z
  .string()
  .refine((data) => Buffer.byteLength(data) <= CALLBACK_DATA_BYTES)
  .pipe(z.union([DevelopmentData, CommandData]));

/** The button's request, or undefined for data Hilo did not write (or an older format). */
export function parseCallbackData(data: string): ButtonRequest | undefined {
  const parsed = CallbackData.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/** The callback data of a digest item's button; parseCallbackData reads it back. */
export function callbackData(request: DevelopmentButton): string {
  return `${request.action === "sources" ? "src" : "more"}:${request.developmentId}`;
}

/**
 * The callback data of a button that runs `command` ("/actor putin" → "cmd:actor putin"), or undefined when the
 * command would not fit Telegram's 64 bytes or could not be read back as it is.
 */
export function commandCallbackData(command: string): string | undefined {
  const data = COMMAND_PREFIX + command.replace(/^\//, "");
  const read = command.startsWith("/") ? parseCallbackData(data) : undefined;
  return read?.action === "command" && read.command === command ? data : undefined;
}
