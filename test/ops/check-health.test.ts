import { describe, expect, it } from "vitest";
import { checkHealth } from "../../src/ops/check-health.js";

const MINUTE = 60_000;
const START = Date.parse("2025-12-11T12:00:00Z");

describe("deciding health", () => {
  it("names every problem at once: a database that refuses writes and feeds that went quiet", () => {
    const report = checkHealth({
      status: { startedAt: START, lastFeedSuccessAt: START + MINUTE, lastDeliveryAt: undefined },
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
        problems: [
          "the database does not take writes: SqliteError: database or disk is full",
          "no feed has answered for 91 min (limit 60 min); check the feed URLs and the network",
        ],
      },
    });
  });

  it("stays healthy through a long spell without deliveries, which only means no news or no subscribers", () => {
    const report = checkHealth({
      status: { startedAt: START, lastFeedSuccessAt: START + 10 * 24 * 60 * MINUTE, lastDeliveryAt: START },
      database: { ok: true },
      now: START + 10 * 24 * 60 * MINUTE,
      staleMinutes: 60,
    });
    expect(report.healthy).toBe(true);
    expect(report.body.lastDeliveryAt).toBe("2025-12-11T12:00:00.000Z");
  });
});
