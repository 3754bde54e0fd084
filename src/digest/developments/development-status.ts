import type { Development } from "../model.js";

export type DevelopmentStatus = "new" | "growing" | "fading";

const HOUR = 60 * 60 * 1000;
/** First seen within this long: new. */
export const NEW_FOR = 24 * HOUR;
/** No report for this long: fading. */
export const FADING_AFTER = 72 * HOUR;

/** Where a development stands at `now`: just appeared, still getting reports, or gone quiet. */
export function developmentStatus(
  development: Pick<Development, "firstSeen" | "lastSeen">,
  now: number,
): DevelopmentStatus {
  if (now - development.firstSeen <= NEW_FOR) return "new";
  return now - development.lastSeen > FADING_AFTER ? "fading" : "growing";
}
