import type { Lang } from "../../digest/index.js";

/** A slash command as Discord delivers it: its name and the options the user filled in. */
export interface SlashInput {
  name: string;
  options: Readonly<Record<string, string | number | boolean | undefined>>;
}

/** Commands that change a channel's settings: ManageGuild in servers, anyone in DMs. */
export const SETTINGS_COMMANDS: ReadonlySet<string> = new Set(["subscribe", "unsubscribe", "alerts", "quiet", "lang"]);

/** The chat's language from a Discord locale ("es-ES", "es-419" → es; anything else → en). */
export function languageOfLocale(locale: string | undefined | null): Lang {
  return locale?.toLowerCase().startsWith("es") ? "es" : "en";
}

/**
 * The core command line a slash command stands for, so Discord's typed options and a typed Telegram command
 * are parsed, checked and answered by the same core code ("/timeline actor:maduro days:14" → "/timeline maduro 14").
 */
export function commandLine(input: SlashInput): string {
  const option = (name: string) => {
    const value = input.options[name];
    // A line break in an option would end the command; the core reads one line.
    return value === undefined || value === "" ? undefined : String(value).replace(/\s+/g, " ").trim();
  };
  const words = (...names: string[]) =>
    names.map(option).filter((word): word is string => word !== undefined && word !== "");
  switch (input.name) {
    case "digest":
      return line("digest", words("window"));
    case "actor":
      return line("actor", words("name"));
    case "actors":
      return line("actors", input.options.new === true ? ["new"] : []);
    case "timeline":
      return line("timeline", words("actor", "days"));
    case "search":
      return line("search", words("query"));
    case "ask":
      return line("ask", words("text"));
    case "subscribe":
      return line("subscribe", words("time", "timezone"));
    case "alerts":
      return line("alerts", words("state"));
    case "quiet":
      return line("quiet", words("hours"));
    case "lang":
      return line("lang", words("language"));
    default:
      // help, latest, sources, settings, unsubscribe: no arguments.
      return `/${input.name}`;
  }
}

function line(name: string, args: readonly string[]): string {
  return [`/${name}`, ...args].join(" ");
}

const CUSTOM_ID_PREFIX = "cmd:";
/** Discord keeps at most 100 characters of a button's custom_id. */
export const CUSTOM_ID_MAX = 100;
// A command line without its "/": a command name, then arguments on the same line.
const CUSTOM_ID = /^cmd:([a-z]+(?: [^\p{Cc}]*)?)$/u;

/**
 * The custom_id of a button that runs `command` ("/actor putin" → "cmd:actor putin"), or undefined when it would
 * not fit Discord's 100 characters or could not be read back as it is.
 */
export function commandCustomId(command: string): string | undefined {
  const customId = CUSTOM_ID_PREFIX + command.replace(/^\//, "");
  return command.startsWith("/") && commandOfCustomId(customId) === command ? customId : undefined;
}

/** The command line a button runs, or undefined for a custom_id Hilo did not write (it comes from the client, so it is checked). */
export function commandOfCustomId(customId: string): string | undefined {
  const match = customId.length <= CUSTOM_ID_MAX ? CUSTOM_ID.exec(customId) : null;
  return match ? `/${match[1]}` : undefined;
}
