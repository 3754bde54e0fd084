import { describe, expect, it } from "vitest";
import type { Clock } from "../../../src/digest/notify/notifier.js";
import { Spacing, waitForSlot } from "../../../src/digest/notify/send-spacing.js";

/** A clock whose sleeps overrun by what the test says, as a process busy with something else wakes late. */
function lateClock(overruns: number[]): Clock & { time: number; slept: number[] } {
  const clock = {
    time: 0,
    slept: [] as number[],
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.slept.push(ms);
      clock.time += ms + (overruns.shift() ?? 0);
    },
  };
  return clock;
}

describe("send slots", () => {
  it("space the sends of one process a whole interval apart", async () => {
    const clock = lateClock([]);
    const spacing = new Spacing(clock, 40);
    const sentAt: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      await spacing.take();
      sentAt.push(clock.time);
    }
    expect(sentAt).toEqual([0, 40, 80, 120, 160]);
  });

  it("book a new slot for a send that woke late, rather than go in a burst with the slots that expired meanwhile", async () => {
    const clock = lateClock([0, 500]);
    const spacing = new Spacing(clock, 40);
    await spacing.take(); // t=0, no wait
    await spacing.take(); // slot 40: wakes at 40
    // Slot 80 wakes at 580: late by 500 ms, so it books again (the slot after 580) rather than going at once.
    await spacing.take();
    expect(clock.time).toBe(580);
    expect(clock.slept).toEqual([40, 40]);
    const allocations: number[] = [];
    await waitForSlot(
      () => {
        allocations.push(clock.time);
        return allocations.length === 1 ? 10 : 0;
      },
      {
        now: () => clock.time,
        sleep: async (ms) => {
          clock.time += ms + 100;
        },
      },
      20,
    );
    expect(allocations).toHaveLength(2);
  });

  it("give up booking again after ten late wakes, so a process that is always late still sends", async () => {
    let allocations = 0;
    let time = 0;
    await waitForSlot(
      () => {
        allocations += 1;
        return 10;
      },
      {
        now: () => time,
        sleep: async (ms) => {
          time += ms + 1_000;
        },
      },
      20,
    );
    expect(allocations).toBe(11);
  });
});
