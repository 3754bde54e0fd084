import { describe, expect, it } from "vitest";
import type { LiveTick } from "../../src/digest/index.js";
import { checkHealth } from "../../src/ops/check-health.js";
import { LiveStatus } from "../../src/ops/live-status.js";

const MINUTE = 60_000;
const START = Date.parse("2025-12-11T12:00:00Z");

describe("deciding health", () => {
  it("names every problem at once: a database that refuses writes and feeds that went quiet", () => {
    const report = checkHealth({
      status: {
        startedAt: START,
        pollingSince: START,
        lastFeedSuccessAt: START + MINUTE,
        lastDeliveryAt: undefined,
        lastTickFailure: undefined,
      },
      database: { ok: false, error: "SqliteError: database or disk is full" },
      now: START + 92 * MINUTE,
      staleMinutes: 60,
    });
    expect(report).toEqual({
      healthy: false,
      body: {
        status: "failing",
        uptimeSeconds: 92 * 60,
        lastFeedSuccessAt: "2025-12-11T12:01:00.000Z",
        lastDeliveryAt: null,
        pollsFeeds: true,
        problems: [
          "the database does not take writes: SqliteError: database or disk is full",
          "no feed has answered for 91 min (limit 60 min); check the feed URLs and the network",
        ],
      },
    });
  });

  it("stays healthy through a long spell without deliveries, which only means no news or no subscribers", () => {
    const report = checkHealth({
      status: {
        startedAt: START,
        pollingSince: START,
        lastFeedSuccessAt: START + 10 * 24 * 60 * MINUTE,
        lastDeliveryAt: START,
        lastTickFailure: undefined,
      },
      database: { ok: true },
      now: START + 10 * 24 * 60 * MINUTE,
      staleMinutes: 60,
    });
    expect(report.healthy).toBe(true);
    expect(report.body.lastDeliveryAt).toBe("2025-12-11T12:00:00.000Z");
  });

  it("fails while the last tick has failed, saying when and why, until a tick finishes", () => {
    const report = checkHealth({
      status: {
        startedAt: START,
        pollingSince: START,
        lastFeedSuccessAt: START + MINUTE,
        lastDeliveryAt: undefined,
        lastTickFailure: { at: START + 2 * MINUTE, detail: "SqliteError: disk I/O error" },
      },
      database: { ok: true },
      now: START + 3 * MINUTE,
      staleMinutes: 60,
    });
    expect(report.healthy).toBe(false);
    expect(report.body.problems).toEqual([
      "the last tick failed at 2025-12-11T12:02:00.000Z: SqliteError: disk I/O error; see the logs",
    ]);
  });

  it("says a tick failed while filing until a later tick files cleanly", () => {
    const status = new LiveStatus(START);
    const tick = (ingestError: string | undefined): LiveTick => ({
      work: "held",
      polled: {
        feeds: [
          {
            feedId: 1,
            url: "https://x.example/feed",
            outcome: "failed",
            added: 0,
            error: "processing: boom",
            nextPollAt: 0,
            disabled: false,
          },
        ],
        added: 0,
        developmentsCreated: 0,
        ingestError,
      },
      scheduled: { digests: 0, alerts: 0, updates: 0, heldBack: 0 },
      drained: { sent: 0, deferred: 0, failed: 0, closed: 0, resumed: 0, truncated: false },
    });
    const health = (now: number) => checkHealth({ status, database: { ok: true }, now, staleMinutes: 60 });
    status.record(tick("SqliteError: database or disk is full"), START + MINUTE);
    expect(health(START + 2 * MINUTE).body.problems).toEqual([
      "the last tick failed at 2025-12-11T12:01:00.000Z: filing the feeds' articles failed: SqliteError: database or disk is full; see the logs",
    ]);
    status.record(tick(undefined), START + 3 * MINUTE);
    expect(health(START + 4 * MINUTE).healthy).toBe(true);
  });

  it("does not hold feeds against a replica that leaves polling to another, and counts from when it takes over", () => {
    const status = new LiveStatus(START);
    const tick = (work: LiveTick["work"]): LiveTick => ({
      work,
      polled: { feeds: [], added: 0, developmentsCreated: 0 },
      scheduled: { digests: 0, alerts: 0, updates: 0, heldBack: 0 },
      drained: { sent: 0, deferred: 0, closed: 0, failed: 0, resumed: 0, truncated: false },
    });
    const check = (now: number) => checkHealth({ status, database: { ok: true }, now, staleMinutes: 60 });
    status.record(tick("elsewhere"), START + MINUTE);
    const standBy = check(START + 5 * 60 * MINUTE);
    expect(standBy.healthy).toBe(true);
    expect(standBy.body.pollsFeeds).toBe(false);

    // It takes the work over five hours in: an hour from then without a feed answering is an hour, not six.
    status.record(tick("taken"), START + 5 * 60 * MINUTE);
    expect(check(START + 6 * 60 * MINUTE).healthy).toBe(true);
    const stale = check(START + 6 * 60 * MINUTE + MINUTE);
    expect(stale.body.pollsFeeds).toBe(true);
    expect(stale.body.problems).toEqual([
      "no feed has answered since this replica took over polling, 61 min ago (limit 60 min); check the feed URLs and the network",
    ]);
  });
});
