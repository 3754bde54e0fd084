import type { Api } from "grammy";
import type { BotCommand, BotCommandScope } from "grammy/types";
import { describeError, type Lang, type Logger } from "../../digest/index.js";

type MenuEntry = { command: string; es: string; en: string };

// Short menu lines (Telegram allows 256 characters); /help has the long version, from the core.
const QUERIES: readonly MenuEntry[] = [
  { command: "digest", es: "Resumen de lo que cambió", en: "Digest of what changed" },
  { command: "latest", es: "Los desarrollos más recientes", en: "The most recent developments" },
  {
    command: "actor",
    es: "Quién es y en qué aparece: /actor petro",
    en: "Who they are and where they appear: /actor petro",
  },
  { command: "actors", es: "Los actores que sigo", en: "The actors I follow" },
  { command: "timeline", es: "Cronología: /timeline maduro 30", en: "Timeline: /timeline maduro 30" },
  { command: "search", es: "Buscar: /search asilo", en: "Search: /search asylum" },
  {
    command: "ask",
    es: "Pregunta con tus palabras: /ask ¿quién ofrece asilo a Maduro?",
    en: "Ask in your own words: /ask who is offering Maduro asylum?",
  },
  { command: "sources", es: "Las fuentes que leo", en: "The feeds I read" },
  { command: "help", es: "Todo lo que sé hacer", en: "Everything I can do" },
];

const SETTINGS: readonly MenuEntry[] = [
  {
    command: "subscribe",
    es: "Resumen diario y alertas: /subscribe 08:00 America/Caracas",
    en: "Daily digest and alerts: /subscribe 08:00 America/New_York",
  },
  { command: "unsubscribe", es: "Dejar de recibir resúmenes y alertas", en: "Stop digests and alerts" },
  { command: "alerts", es: "Alertas on u off", en: "Alerts on or off" },
  { command: "quiet", es: "Horas sin alertas: /quiet 23:00-07:00", en: "Hours without alerts: /quiet 23:00-07:00" },
  { command: "settings", es: "Ver los ajustes", en: "See the settings" },
  { command: "lang", es: "Idioma: /lang es o /lang en", en: "Language: /lang es or /lang en" },
];

const START: MenuEntry = { command: "start", es: "Empezar: la historia hasta ahora", en: "Start: the story so far" };

/** Which commands each audience sees in Telegram's menu: everyone in private, members and admins in groups. */
export const COMMAND_MENUS: readonly { scope: BotCommandScope; entries: readonly MenuEntry[] }[] = [
  { scope: { type: "all_private_chats" }, entries: [START, ...QUERIES, ...SETTINGS] },
  { scope: { type: "all_group_chats" }, entries: QUERIES },
  // Telegram shows admins this list instead of the group one, so it repeats the queries.
  { scope: { type: "all_chat_administrators" }, entries: [...QUERIES, ...SETTINGS] },
];

/**
 * Publishes the command menus in Spanish and English, plus an English default for every other language.
 * The menu is a convenience: a failure is logged and the bot runs without it.
 */
export async function registerCommands(api: Api, log: Logger): Promise<void> {
  const languages: (Lang | undefined)[] = ["es", "en", undefined];
  for (const { scope, entries } of COMMAND_MENUS) {
    for (const language of languages) {
      const commands: BotCommand[] = entries.map((entry) => ({
        command: entry.command,
        description: entry[language ?? "en"],
      }));
      try {
        await api.setMyCommands(commands, { scope, ...(language ? { language_code: language } : {}) });
      } catch (error) {
        log.warn("could not register the command menu", {
          scope: scope.type,
          language: language ?? "default",
          error: describeError(error),
        });
        return;
      }
    }
  }
}
