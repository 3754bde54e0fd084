import type { Development } from "../model.js";

export interface AlertPolicy {
  minPublishers: number;
  requireTrackedTerm: boolean;
}

/**
 * A development is worth an alert when enough independent outlets report it (or one trusted outlet does)
 * and it involves an actor or a concept the story tracks.
 */
export function isAlertWorthy(
  development: Development,
  policy: AlertPolicy,
  trustedPublishers: ReadonlySet<string>,
): boolean {
  const reported =
    development.publishers.length >= policy.minPublishers ||
    development.publishers.some((publisher) => trustedPublishers.has(publisher));
  const tracked = !policy.requireTrackedTerm || development.actorIds.length > 0 || development.conceptIds.length > 0;
  return reported && tracked;
}

/** True when local minute-of-day `minutes` falls in the quiet range [from, to), which may wrap past midnight. */
export function inQuietHours(minutes: number, from: string | undefined, to: string | undefined): boolean {
  if (!from || !to) return false;
  const start = toMinutes(from);
  const end = toMinutes(to);
  if (start === end) return false;
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

function toMinutes(hhmm: string): number {
  const [hours, minutes] = hhmm.split(":").map(Number) as [number, number];
  return hours * 60 + minutes;
}
