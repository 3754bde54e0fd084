import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/replay/virtual-clock.js";

describe("VirtualClock", () => {
  it("lets the sender's waits pass in virtual time, and never goes back", async () => {
    const clock = new VirtualClock(1_000);
    await clock.sleep(60_000);
    expect(clock.now()).toBe(61_000);
    clock.advanceTo(30_000);
    expect(clock.now()).toBe(61_000);
    clock.advanceTo(90_000);
    expect(clock.now()).toBe(90_000);
  });
});
