import { describe, expect, it } from "vitest";
import { type PollPolicy, planNextPoll } from "../../../src/digest/feeds/plan-next-poll.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.parse("2025-12-12T12:00:00Z");
const POLICY: PollPolicy = { intervalMinutes: 15, maxBackoffMs: 6 * HOUR, disableAfterMs: DAY, reprobeMs: DAY };
const healthy = { intervalMinutes: null, ttlMinutes: null, state: "active" as const, failures: 0, failingSince: null };

function failing(failures: number, failingSince = NOW - HOUR) {
  return { ...healthy, state: "failing" as const, failures, failingSince };
}

describe("when a feed is polled next", () => {
  it("waits the configured interval after a good read, or the feed's own", () => {
    expect(planNextPoll(healthy, { ok: true }, NOW, POLICY)).toEqual({ nextPollAt: NOW + 15 * MINUTE, disable: false });
    expect(planNextPoll({ ...healthy, intervalMinutes: 5 }, { ok: true }, NOW, POLICY).nextPollAt).toBe(
      NOW + 5 * MINUTE,
    );
  });

  it("waits longer when the feed's <ttl> asks for it, but never shorter and never more than a day", () => {
    expect(planNextPoll({ ...healthy, ttlMinutes: 60 }, { ok: true }, NOW, POLICY).nextPollAt).toBe(NOW + HOUR);
    expect(planNextPoll({ ...healthy, ttlMinutes: 1 }, { ok: true }, NOW, POLICY).nextPollAt).toBe(NOW + 15 * MINUTE);
    expect(planNextPoll({ ...healthy, ttlMinutes: 100_000 }, { ok: true }, NOW, POLICY).nextPollAt).toBe(NOW + DAY);
  });

  it("doubles the wait with each failure in a row, up to the cap", () => {
    const waits = [1, 2, 3, 4, 5, 6].map(
      (failures) => (planNextPoll(failing(failures), { ok: false }, NOW, POLICY).nextPollAt - NOW) / MINUTE,
    );
    expect(waits).toEqual([30, 60, 120, 240, 360, 360]);
  });

  it("honours a Retry-After longer than the backoff", () => {
    expect(planNextPoll(failing(1), { ok: false, retryAfterMs: 2 * HOUR }, NOW, POLICY).nextPollAt).toBe(
      NOW + 2 * HOUR,
    );
    expect(planNextPoll(failing(1), { ok: false, retryAfterMs: MINUTE }, NOW, POLICY).nextPollAt).toBe(
      NOW + 30 * MINUTE,
    );
  });

  it("disables a feed that has failed for a day and then only re-probes it daily", () => {
    expect(planNextPoll(failing(9, NOW - DAY + MINUTE), { ok: false }, NOW, POLICY).disable).toBe(false);
    expect(planNextPoll(failing(9, NOW - DAY), { ok: false }, NOW, POLICY)).toEqual({
      nextPollAt: NOW + DAY,
      disable: true,
    });
    const disabled = { ...failing(10, NOW - 2 * DAY), state: "disabled" as const };
    expect(planNextPoll(disabled, { ok: false }, NOW, POLICY)).toEqual({ nextPollAt: NOW + DAY, disable: false });
  });
});
