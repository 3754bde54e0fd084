import type { Subscription } from "../store/subscription-store.js";
import { lastOccurrence, localDate } from "./local-time.js";

/** A digest a chat should get now, and the local day it stands for. */
export interface DueDigest {
  subscription: Subscription;
  /** The scheduled instant (the chat's HH:MM in its zone) that made it due. */
  scheduledAt: number;
  /** "YYYY-MM-DD" in the chat's zone: one digest per chat and day. */
  period: string;
}

/**
 * Subscriptions whose local digest time has passed since their last digest (or since they subscribed).
 * After downtime this yields one digest per chat, for the latest missed time — never one per missed day.
 */
export function dueDigests(subscriptions: readonly Subscription[], now: number): DueDigest[] {
  const due: DueDigest[] = [];
  for (const subscription of subscriptions) {
    if (!subscription.active) continue;
    const scheduledAt = lastOccurrence(subscription.digestAt, subscription.timeZone, now);
    const baseline = Math.max(subscription.lastDigestAt ?? 0, subscription.subscribedAt);
    if (scheduledAt > baseline) {
      due.push({ subscription, scheduledAt, period: localDate(scheduledAt, subscription.timeZone) });
    }
  }
  return due;
}
