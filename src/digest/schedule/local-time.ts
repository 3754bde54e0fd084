/** A calendar date and wall-clock time in some time zone. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** True for an IANA zone name the runtime knows ("America/Caracas"); false for "Mars/Base" or "". */
export function isTimeZone(name: string): boolean {
  if (!name) return false;
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** What a wall clock in `timeZone` shows at the instant `at`. */
export function localParts(at: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute! };
}

/**
 * The instant a wall clock in `timeZone` shows this date and time. A time skipped by a DST change
 * (02:30 on a spring-forward night) is moved forward by the gap; a repeated one takes its first occurrence.
 */
export function zonedInstant(
  date: Pick<LocalParts, "year" | "month" | "day">,
  hour: number,
  minute: number,
  timeZone: string,
): number {
  const wanted = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  // With the offset in force a few hours before: right for most times, and the first of a repeated hour.
  const before = wanted - offsetAt(wanted - 3 * 3_600_000, timeZone);
  if (asUtc(localParts(before, timeZone)) === wanted) return before;
  // Just after a change the later offset is the right one.
  const after = wanted - offsetAt(wanted + 3 * 3_600_000, timeZone);
  if (asUtc(localParts(after, timeZone)) === wanted) return after;
  // Neither shows it: the time falls in a spring-forward gap, and the earlier offset lands just past it.
  return before;
}

/** The most recent instant at or before `now` when the zone's clock read HH:MM. */
export function lastOccurrence(hhmm: string, timeZone: string, now: number): number {
  const [hour, minute] = hhmm.split(":").map(Number) as [number, number];
  const today = localParts(now, timeZone);
  const candidate = zonedInstant(today, hour, minute, timeZone);
  if (candidate <= now) return candidate;
  const yesterday = new Date(Date.UTC(today.year, today.month - 1, today.day - 1));
  return zonedInstant(
    { year: yesterday.getUTCFullYear(), month: yesterday.getUTCMonth() + 1, day: yesterday.getUTCDate() },
    hour,
    minute,
    timeZone,
  );
}

/** "YYYY-MM-DD" of the zone's calendar at `at`. */
export function localDate(at: number, timeZone: string): string {
  const { year, month, day } = localParts(at, timeZone);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Minutes since local midnight at `at`. */
export function localMinutes(at: number, timeZone: string): number {
  const { hour, minute } = localParts(at, timeZone);
  return hour * 60 + minute;
}

function offsetAt(at: number, timeZone: string): number {
  return asUtc(localParts(at, timeZone)) - Math.floor(at / 60_000) * 60_000;
}

function asUtc(parts: LocalParts): number {
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
}
