import type { Clock } from "../../src/digest/notify/notifier.js";

/**
 * A Clock on virtual time: `sleep` returns at once in real time, and virtual time jumps to the earliest waiter's
 * wake-up. Waiters are woken one at a time from `setImmediate`, after every pending promise has run, so several
 * concurrent sleepers overlap in virtual time as they would in real time instead of adding up. It assumes the code
 * under test awaits nothing but this clock and already-settled promises (no real I/O while it sleeps).
 */
export class FakeClock implements Clock {
  /** Every sleep asked for, in ms, in order. */
  readonly sleeps: number[] = [];
  private time: number;
  private readonly waiting: { wake: number; order: number; resolve: () => void }[] = [];
  private order = 0;
  private wakeScheduled = false;

  constructor(start: number = Date.parse("2025-12-11T12:00:00Z")) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiting.push({ wake: this.time + ms, order: this.order++, resolve });
      this.scheduleWake();
    });
  }

  /** Moves virtual time forward, as between two scheduler ticks. */
  advance(ms: number): void {
    this.time += ms;
  }

  private scheduleWake(): void {
    if (this.wakeScheduled) return;
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      let first = 0;
      for (let i = 1; i < this.waiting.length; i += 1) {
        const a = this.waiting[i]!;
        const b = this.waiting[first]!;
        if (a.wake < b.wake || (a.wake === b.wake && a.order < b.order)) first = i;
      }
      const [next] = this.waiting.splice(first, 1);
      if (!next) return;
      this.time = Math.max(this.time, next.wake);
      next.resolve();
      if (this.waiting.length > 0) this.scheduleWake();
    });
  }
}
