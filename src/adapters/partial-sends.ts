import { createHash } from "node:crypto";

// A retry comes within minutes, so few entries are ever needed; losing one costs a repeated part, not a lost one.
const MAX_ENTRIES = 1_000;

/**
 * Ids of the parts of a split message that already arrived when a later part failed, so the outbox's retry of
 * the same message sends only the rest. Keyed by the place and the parts' text: a changed message starts over.
 */
export class PartialSends<Id> {
  private readonly byKey = new Map<string, Id[]>();

  /** The key of one rendered message for one place. */
  static keyOf(place: string, parts: readonly string[]): string {
    const digest = createHash("sha256");
    for (const part of parts) digest.update(part).update("\u0000");
    return `${place}:${digest.digest("hex")}`;
  }

  /** The ids already delivered for this key: the array to push newly delivered ids onto. */
  delivered(key: string): Id[] {
    return this.byKey.get(key) ?? [];
  }

  /** Keeps what arrived of a message that failed part-way (nothing, when no part arrived). */
  remember(key: string, delivered: Id[]): void {
    this.byKey.delete(key);
    if (delivered.length === 0) return;
    this.byKey.set(key, delivered);
    if (this.byKey.size > MAX_ENTRIES) this.byKey.delete(this.byKey.keys().next().value!);
  }

  /** The message arrived whole, or will never be retried. */
  forget(key: string): void {
    this.byKey.delete(key);
  }
}
