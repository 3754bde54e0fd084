import { z } from "zod";
import type { Lang } from "../../digest/index.js";

/** The commands Hilo offers on Telegram, as the core names them (`/buscar` is the core's alias of `/search`). */
export const COMMAND_NAMES: ReadonlySet<string> = new Set([
  "start", "help", "digest", "latest", "actor", "actors", "timeline", "search", "buscar", "sources",
  "subscribe", "unsubscribe", "alerts", "quiet", "settings", "lang",
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
  return command.target === undefined ? COMMAND_NAMES.has(command.name) : command.target.toLowerCase() === botUsername.toLowerCase();
}

/** The text of a message that mentions the bot (`@hilo_bot ¿quién…?`), with the mention taken out; else undefined. */
export function questionFromMention(message: IncomingText, botUsername: string): string | undefined {
  const mention = message.entities?.find(
    (e) => e.type === "mention" && message.text.slice(e.offset + 1, e.offset + e.length).toLowerCase() === botUsername.toLowerCase(),
  );
  if (!mention) return undefined;
  return (message.text.slice(0, mention.offset) + message.text.slice(mention.offset + mention.length)).replace(/\s+/g, " ").trim();
}

/** What an inline button under a digest item asks for. */
export type ButtonRequest = { action: "sources" | "more"; developmentId: number };

const ACTIONS = { src: "sources", more: "more" } as const;

// Callback data comes back from Telegram as the client sent it, so it is checked like any other input (≤ 64 bytes).
const CallbackData = z
  .string()
  .max(64)
  .regex(/^(src|more):(\d{1,12})$/)
  .transform((data): ButtonRequest => {
    const [action, id] = data.split(":") as [keyof typeof ACTIONS, string];
    return { action: ACTIONS[action], developmentId: Number(id) };
  });

/** The button's request, or undefined for data Hilo did not write (or an older format). */
export function parseCallbackData(data: string): ButtonRequest | undefined {
  const parsed = CallbackData.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/** The callback data of a button; parseCallbackData reads it back. */
export function callbackData(request: ButtonRequest): string {
  return `${request.action === "sources" ? "src" : "more"}:${request.developmentId}`;
}
