import type { Clock } from "./notifier.js";

/** Evenly spaced send slots across all chats: no bursts, which platforms punish more than a steady rate. */
export class Spacing {
  private nextSlot = Number.NEGATIVE_INFINITY;
  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
  ) {}

  async take(): Promise<void> {
    const now = this.clock.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    if (slot > now) await this.clock.sleep(slot - now);
  }
}
