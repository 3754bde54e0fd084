import type { Messages } from "../i18n/messages.js";

// Building an Intl.DateTimeFormat costs about a tenth of a millisecond, as much as a whole query; a list of 60
// developments built one per line. There are few locale × zone × style combinations, so each is kept.
const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions & { timeZone: string }): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

/** "jueves 11 dic" / "Thursday 11 Dec" in the given zone. */
export function formatDay(at: number, messages: Messages, timeZone: string): string {
  return formatter(messages.locale, { weekday: "long", day: "numeric", month: "short", timeZone })
    .format(at)
    .replace(",", "");
}

/** "11 dic" / "11 Dec". */
export function formatShortDate(at: number, messages: Messages, timeZone: string): string {
  return formatter(messages.locale, { day: "numeric", month: "short", timeZone }).format(at);
}

/** "11 dic 08:00" / "11 Dec 08:00". */
export function formatDateTime(at: number, messages: Messages, timeZone: string): string {
  return formatter(messages.locale, {
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
  return formatter(messages.locale, { month: "short", year: "numeric", timeZone }).format(at);
}
