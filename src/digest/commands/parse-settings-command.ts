import { Lang } from "../model.js";
import { isTimeZone } from "../schedule/local-time.js";

/** Commands that change how a chat is served; in groups only admins may run them. */
export type SettingsCommand =
  | { name: "subscribe"; digestAt: string | undefined; timeZone: string | undefined }
  | { name: "unsubscribe" }
  | { name: "alerts"; on: boolean }
  | { name: "quiet"; range: { from: string; to: string } | undefined }
  | { name: "settings" }
  | { name: "lang"; lang: Lang };

export type SettingsProblem =
  | { kind: "bad-time"; argument: string }
  | { kind: "bad-zone"; argument: string }
  | { kind: "bad-alerts"; argument: string }
  | { kind: "bad-quiet"; argument: string }
  | { kind: "bad-lang"; argument: string }
  | { kind: "unexpected-argument"; name: string; argument: string; example: string };

export const SETTINGS_COMMANDS = new Set(["subscribe", "unsubscribe", "alerts", "quiet", "settings", "lang"]);

const TIME = /^([01]?\d|2[0-3])[:.h]([0-5]\d)$/i;

/** "8:05" → "08:05"; undefined when it is not a time of day. */
export function parseTimeOfDay(text: string): string | undefined {
  const match = TIME.exec(text.trim());
  return match ? `${match[1]!.padStart(2, "0")}:${match[2]}` : undefined;
}

/** The canonical IANA name ("america/caracas" → "America/Caracas"), or undefined for an unknown zone. */
export function canonicalTimeZone(text: string): string | undefined {
  if (!isTimeZone(text)) return undefined;
  return new Intl.DateTimeFormat("en-US", { timeZone: text }).resolvedOptions().timeZone;
}

/** Reads the arguments of a settings command; `name` must be one of SETTINGS_COMMANDS. */
export function parseSettingsCommand(
  name: string,
  args: string,
): { ok: true; command: SettingsCommand } | { ok: false; problem: SettingsProblem } {
  const fail = (problem: SettingsProblem) => ({ ok: false as const, problem });
  const ok = (command: SettingsCommand) => ({ ok: true as const, command });
  switch (name) {
    case "subscribe": {
      let digestAt: string | undefined;
      let timeZone: string | undefined;
      for (const word of args ? args.split(" ") : []) {
        const time = parseTimeOfDay(word);
        const zone = time ? undefined : canonicalTimeZone(word);
        if (time && !digestAt) digestAt = time;
        else if (zone && !timeZone) timeZone = zone;
        // "8:75" or "25h" was meant as a time; "Etc/GMT+14" or "Mars" as a zone, digits or not.
        else if (/^[\d:.h]+$/i.test(word)) return fail({ kind: "bad-time", argument: word });
        else return fail({ kind: "bad-zone", argument: word });
      }
      return ok({ name: "subscribe", digestAt, timeZone });
    }
    case "alerts": {
      if (/^(on|si|sí|yes|activar)$/i.test(args)) return ok({ name: "alerts", on: true });
      if (/^(off|no|desactivar)$/i.test(args)) return ok({ name: "alerts", on: false });
      return fail({ kind: "bad-alerts", argument: args });
    }
    case "quiet": {
      if (/^(off|no)$/i.test(args)) return ok({ name: "quiet", range: undefined });
      const [from, to, ...rest] = args.split(/\s*[-–]\s*|\s+/);
      const range = { from: parseTimeOfDay(from ?? ""), to: parseTimeOfDay(to ?? "") };
      if (!range.from || !range.to || rest.length > 0 || range.from === range.to)
        return fail({ kind: "bad-quiet", argument: args });
      return ok({ name: "quiet", range: { from: range.from, to: range.to } });
    }
    case "lang": {
      const lang = Lang.safeParse(args.toLowerCase());
      return lang.success ? ok({ name: "lang", lang: lang.data }) : fail({ kind: "bad-lang", argument: args });
    }
    case "unsubscribe":
    case "settings":
      return args ? fail({ kind: "unexpected-argument", name, argument: args, example: `/${name}` }) : ok({ name });
    default:
      throw new Error(`${name} is not a settings command`);
  }
}
