import type { Clock } from "./notifier.js";

/** Where a sender waits for its turn to send: the bot's rate limit across all chats (and all replicas). */
export interface SendBudget {
  /** Resolves when the next message may go. */
  take(): Promise<void>;
}

// Slots taken again, at most, by one send that keeps waking late: past that it goes in the slot it has.
const RETAKES = 10;

/**
 * Waits for a send slot from `allocate` (which books the next one and says how many ms away it is). A wake more than
 * `toleranceMs` past the slot means the process was busy (a long statement, a pause): every slot that expired
 * meanwhile would fire at once, a burst over the rate, so a late send books a new slot, after the others, instead.
 */
export async function waitForSlot(allocate: () => number, clock: Clock, toleranceMs: number): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    const waitMs = allocate();
    const due = clock.now() + waitMs;
    if (waitMs > 0) await clock.sleep(waitMs);
    if (clock.now() - due <= toleranceMs || attempt >= RETAKES) return;
  }
}

/**
 * Evenly spaced send slots across all chats of one process: no bursts, which platforms punish more than a steady
 * rate. Replicas sharing a database share one budget instead (SharedSpacing).
 */
export class Spacing implements SendBudget {
  private nextSlot = Number.NEGATIVE_INFINITY;
  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
  ) {}

  take(): Promise<void> {
    return waitForSlot(
      () => {
        const now = this.clock.now();
        const slot = Math.max(now, this.nextSlot);
        this.nextSlot = slot + this.intervalMs;
        return slot - now;
      },
      this.clock,
      this.intervalMs,
    );
  }
}
