import { parseArgs } from "node:util";
import { renderReply } from "../adapters/console/render.js";
import type { Hilo, Lang } from "../digest/index.js";

/** The chat `hilo ask` speaks as: the one `hilo digest` uses. */
const CLI_CHAT = { platform: "cli", chatId: "cli" };

export const ASK_USAGE = 'usage: hilo ask "<command or question>" [--json] [--lang es|en]';

/** What `hilo ask` was asked, and how to answer. */
export interface AskArgs {
  /** A command ("/actor petro") or a question in the user's words. */
  text: string;
  lang: Lang;
  json: boolean;
}

function parseAskArgs(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { json: { type: "boolean", default: false }, lang: { type: "string" } },
  });
}

/** The checked arguments of `hilo ask`, or what is wrong with them (with the usage) to print on stderr. */
export function readAskArgs(args: readonly string[], defaultLang: Lang): AskArgs | string {
  let parsed: ReturnType<typeof parseAskArgs>;
  try {
    parsed = parseAskArgs(args);
  } catch (error) {
    // parseArgs names the unknown or incomplete option itself.
    return `${(error as Error).message}\n${ASK_USAGE}`;
  }
  const { positionals, values } = parsed;
  if (positionals.length === 0) {
    return `hilo ask needs a command or a question, such as hilo ask "/actor petro" or hilo ask "¿quién ofrece asilo a Maduro?"\n${ASK_USAGE}`;
  }
  const lang = values.lang ?? defaultLang;
  if (lang !== "es" && lang !== "en") return `--lang must be es or en, not "${values.lang}"\n${ASK_USAGE}`;
  // Unquoted words are one question: hilo ask quién ofrece asilo a Maduro
  return { text: positionals.join(" "), lang, json: values.json };
}

/**
 * Answers one command or question as the console would, in `lang`: the console's text, or the core's reply as
 * one line of JSON. A line starting with "/" is a command; anything else, an empty line too, is a question.
 */
export function askHilo(hilo: Hilo, args: AskArgs): string {
  hilo.setChatLanguage(CLI_CHAT, args.lang);
  const text = args.text.trim();
  const reply = text.startsWith("/")
    ? hilo.answer(text, CLI_CHAT, args.lang, { kind: "private" })
    : hilo.ask(text, CLI_CHAT, args.lang, "private");
  // Without a bot name no command is another bot's, so there is always a reply; null keeps the JSON valid regardless.
  if (args.json) return `${JSON.stringify(reply ?? null)}\n`;
  return reply ? `${renderReply(reply)}\n` : "";
}
