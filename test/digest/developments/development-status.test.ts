import { describe, expect, it } from "vitest";
import { developmentStatus } from "../../../src/digest/developments/development-status.js";

const HOUR = 3_600_000;
const NOW = Date.parse("2025-12-11T12:00:00Z");

describe("a development's status", () => {
  it("is new on its first day", () => {
    expect(developmentStatus({ firstSeen: NOW - 5 * HOUR, lastSeen: NOW - HOUR }, NOW)).toBe("new");
  });

  it("is growing while reports keep coming after the first day", () => {
    expect(developmentStatus({ firstSeen: NOW - 50 * HOUR, lastSeen: NOW - 2 * HOUR }, NOW)).toBe("growing");
  });

  it("is fading after three days without a report", () => {
    expect(developmentStatus({ firstSeen: NOW - 200 * HOUR, lastSeen: NOW - 73 * HOUR }, NOW)).toBe("fading");
  });
});
