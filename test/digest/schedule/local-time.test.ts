import { describe, expect, it } from "vitest";
import { isTimeZone, lastOccurrence, localDate, zonedInstant } from "../../../src/digest/schedule/local-time.js";

describe("local time in a chat's zone", () => {
  it("knows real zones and refuses made-up ones", () => {
    expect(isTimeZone("America/Caracas")).toBe(true);
    expect(isTimeZone("Europe/Madrid")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });

  it("finds 08:00 in New York before and after the DST change", () => {
    // Summer (EDT, UTC−4) and winter (EST, UTC−5), across the 2 Nov 2025 change.
    expect(new Date(zonedInstant({ year: 2025, month: 11, day: 1 }, 8, 0, "America/New_York")).toISOString()).toBe(
      "2025-11-01T12:00:00.000Z",
    );
    expect(new Date(zonedInstant({ year: 2025, month: 11, day: 3 }, 8, 0, "America/New_York")).toISOString()).toBe(
      "2025-11-03T13:00:00.000Z",
    );
  });

  it("moves a time that a spring-forward night skips to just after the gap", () => {
    // 9 Mar 2025: New York clocks jump from 02:00 to 03:00.
    expect(new Date(zonedInstant({ year: 2025, month: 3, day: 9 }, 2, 30, "America/New_York")).toISOString()).toBe(
      "2025-03-09T07:30:00.000Z",
    );
  });

  it("takes the first of a repeated hour when clocks go back", () => {
    expect(new Date(zonedInstant({ year: 2025, month: 11, day: 2 }, 1, 30, "America/New_York")).toISOString()).toBe(
      "2025-11-02T05:30:00.000Z",
    );
  });

  it("gives the latest 08:00 at or before now, today or yesterday", () => {
    const caracas = "America/Caracas"; // UTC−4, no DST
    expect(new Date(lastOccurrence("08:00", caracas, Date.parse("2025-12-11T12:00:00Z"))).toISOString()).toBe(
      "2025-12-11T12:00:00.000Z",
    );
    expect(new Date(lastOccurrence("08:00", caracas, Date.parse("2025-12-11T11:59:00Z"))).toISOString()).toBe(
      "2025-12-10T12:00:00.000Z",
    );
    expect(localDate(Date.parse("2025-12-11T02:00:00Z"), caracas)).toBe("2025-12-10");
  });

  it("works for zones east of UTC across midnight", () => {
    expect(new Date(lastOccurrence("07:00", "Asia/Tokyo", Date.parse("2025-12-10T23:00:00Z"))).toISOString()).toBe(
      "2025-12-10T22:00:00.000Z",
    );
  });
});
