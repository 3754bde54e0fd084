import { describe, expect, it } from "vitest";
import { replayTicks } from "../../src/replay/replay-ticks.js";

const iso = (ticks: number[]) => ticks.map((at) => new Date(at).toISOString());

describe("replayTicks", () => {
  it("wakes every poll interval and at the chat's local digest time each day", () => {
    const from = Date.parse("2025-12-10T11:10:00Z");
    const to = Date.parse("2025-12-11T12:10:00Z");
    const step = 15 * 60_000;
    const ticks = replayTicks(from, to, step, "08:00", "America/Caracas");
    // 25 hours of 15-minute polls from 11:10 UTC, plus 08:00 in Caracas (12:00 UTC) on both days.
    expect(ticks.filter((at) => (at - from) % step === 0)).toHaveLength(101);
    expect(iso(ticks.filter((at) => (at - from) % step !== 0))).toEqual([
      "2025-12-10T12:00:00.000Z",
      "2025-12-11T12:00:00.000Z",
    ]);
    expect([...ticks].sort((a, b) => a - b)).toEqual(ticks);
  });

  it("keeps one tick when a poll falls on the digest time", () => {
    const from = Date.parse("2025-12-10T11:00:00Z");
    const ticks = replayTicks(from, from + 60 * 60_000, 15 * 60_000, "08:00", "America/Caracas");
    expect(iso(ticks)).toEqual(
      ["11:00", "11:15", "11:30", "11:45", "12:00"].map((time) => `2025-12-10T${time}:00.000Z`),
    );
  });

  it("has nothing to do when the range is empty", () => {
    expect(replayTicks(10, 5, 1000, "08:00", "UTC")).toEqual([]);
  });
});
