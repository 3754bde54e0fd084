import type { Messages } from "../i18n/messages.js";

/** "jueves 11 dic" / "Thursday 11 Dec" in the given zone. */
export function formatDay(at: number, messages: Messages, timeZone: string): string {
  return new Intl.DateTimeFormat(messages.locale, { weekday: "long", day: "numeric", month: "short", timeZone })
    .format(at)
    .replace(",", "");
}

/** "11 dic" / "11 Dec". */
export function formatShortDate(at: number, messages: Messages, timeZone: string): string {
  return new Intl.DateTimeFormat(messages.locale, { day: "numeric", month: "short", timeZone }).format(at);
}

/** "11 dic 08:00" / "11 Dec 08:00". */
export function formatDateTime(at: number, messages: Messages, timeZone: string): string {
  return new Intl.DateTimeFormat(messages.locale, {
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  })
    .format(at)
    .replace(",", "");
}

/** "ago 2022" / "Aug 2022". */
export function formatMonth(at: number, messages: Messages, timeZone: string): string {
  return new Intl.DateTimeFormat(messages.locale, { month: "short", year: "numeric", timeZone }).format(at);
}
