import type { Clock } from "../digest/index.js";

/**
 * A clock on virtual time for a replay: `sleep` moves time forward and returns at once, so the sender's gaps and
 * rate spacing cost no real time. A replay serves one chat, so sleeps never overlap and simply add up.
 */
export class VirtualClock implements Clock {
  constructor(private time: number) {}

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    if (ms > 0) this.time += ms;
    return Promise.resolve();
  }

  /** Moves time to `at`, never backwards: a send that slept past the next tick keeps its later time. */
  advanceTo(at: number): void {
    this.time = Math.max(this.time, at);
  }
}
