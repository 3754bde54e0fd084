import { localParts, zonedInstant } from "../digest/schedule/local-time.js";

const DAY = 24 * 60 * 60_000;

/**
 * The moments a replay wakes up, ascending and without repeats: every `stepMs` from `from` (the poll interval),
 * plus each day's local digest time (`digestAt`, "HH:MM" in `timeZone`), all within [from, to].
 */
export function replayTicks(from: number, to: number, stepMs: number, digestAt: string, timeZone: string): number[] {
  const ticks: number[] = [];
  if (!(to >= from) || !(stepMs > 0)) return ticks;
  for (let at = from; at <= to; at += stepMs) ticks.push(at);
  const [hour, minute] = digestAt.split(":").map(Number) as [number, number];
  const first = localParts(from, timeZone);
  const days = Math.ceil((to - from) / DAY) + 1;
  for (let day = 0; day <= days; day += 1) {
    // Date.UTC rolls day overflow into the next month, so this walks calendar days in the zone.
    const date = new Date(Date.UTC(first.year, first.month - 1, first.day + day));
    const at = zonedInstant(
      { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() },
      hour,
      minute,
      timeZone,
    );
    if (at >= from && at <= to) ticks.push(at);
  }
  return [...new Set(ticks)].sort((a, b) => a - b);
}
