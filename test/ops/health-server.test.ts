import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { LiveTick } from "../../src/digest/index.js";
import {
  type Db,
  type DrainReport,
  Outbox,
  openDatabase,
  type PollReport,
  RecordingLogger,
  type TickReport,
} from "../../src/digest/index.js";
import { type HealthServer, startHealthServer } from "../../src/ops/health-server.js";
import { LiveStatus } from "../../src/ops/live-status.js";
import { Metrics } from "../../src/ops/metrics.js";
import { digestMessage } from "../helpers/delivery-world.js";

const MINUTE = 60_000;
const START = Date.parse("2025-12-11T12:00:00Z");
const dir = mkdtempSync(join(tmpdir(), "hilo-health-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One tick's reports; each part defaults to "nothing happened". */
function tick(
  parts: { polled?: Partial<PollReport>; scheduled?: Partial<TickReport>; drained?: Partial<DrainReport> } = {},
): LiveTick {
  return {
    work: "held",
    polled: { feeds: [], added: 0, developmentsCreated: 0, ...parts.polled },
    scheduled: { digests: 0, alerts: 0, updates: 0, heldBack: 0, ...parts.scheduled },
    drained: { sent: 0, deferred: 0, closed: 0, failed: 0, resumed: 0, truncated: false, ...parts.drained },
  };
}

function feed(outcome: "fresh" | "unchanged" | "failed", added = 0) {
  return { feedId: 1, url: "https://example.org/feed.xml", outcome, added, nextPollAt: 0, disabled: false };
}

const servers: HealthServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A health server on a free port over `db`, with a clock the test moves by hand. */
async function serve(db: Db = openDatabase(":memory:"), staleMinutes = 60) {
  let now = START;
  const status = new LiveStatus(START);
  const outbox = new Outbox(db);
  const metrics = new Metrics({ outboxDepth: () => outbox.depth(), status, platforms: ["telegram"] });
  const log = new RecordingLogger();
  const server = await startHealthServer({
    host: "127.0.0.1",
    port: 0,
    db,
    status,
    metrics,
    staleMinutes,
    now: () => now,
    log,
  });
  servers.push(server);
  const get = async (path: string) => {
    const response = await fetch(`${server.url}${path}`);
    return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
  };
  return {
    server,
    status,
    metrics,
    log,
    get,
    health: async () => {
      const { status: code, text } = await get("/healthz");
      return { code, body: JSON.parse(text) as Record<string, unknown> & { problems: string[] } };
    },
    advance: (ms: number) => (now += ms),
    at: () => now,
  };
}

describe("GET /healthz", () => {
  it("answers 200 with uptime and the last feed read and delivery, then 503 once no feed has answered for too long", async () => {
    const world = await serve();
    world.advance(5 * MINUTE);
    world.status.record(tick({ polled: { feeds: [feed("unchanged")] }, drained: { sent: 2 } }), world.at());

    const fine = await world.health();
    expect(fine.code).toBe(200);
    expect(fine.body).toEqual({
      status: "ok",
      uptimeSeconds: 300,
      lastFeedSuccessAt: "2025-12-11T12:05:00.000Z",
      lastDeliveryAt: "2025-12-11T12:05:00.000Z",
      pollsFeeds: true,
      problems: [],
    });

    // Failed reads do not count: 60 min after the last good one is still fine, a minute more is not.
    world.advance(60 * MINUTE);
    world.status.record(tick({ polled: { feeds: [feed("failed")] } }), world.at());
    expect((await world.health()).code).toBe(200);
    world.advance(MINUTE);
    const stale = await world.health();
    expect(stale.code).toBe(503);
    expect(stale.body.status).toBe("failing");
    expect(stale.body.problems).toEqual([
      "no feed has answered for 61 min (limit 60 min); check the feed URLs and the network",
    ]);
    expect(world.log.entries).toContainEqual({
      level: "warn",
      message: "health check failing",
      fields: { problems: stale.body.problems },
    });

    world.status.record(tick({ polled: { feeds: [feed("fresh", 3)] } }), world.at());
    expect((await world.health()).code).toBe(200);
  });

  it("counts from the start when no feed has ever answered", async () => {
    const world = await serve(openDatabase(":memory:"), 30);
    world.advance(30 * MINUTE);
    expect((await world.health()).code).toBe(200);
    world.advance(MINUTE);
    const stale = await world.health();
    expect(stale.code).toBe(503);
    expect(stale.body).toMatchObject({ lastFeedSuccessAt: null, lastDeliveryAt: null });
    expect(stale.body.problems[0]).toMatch(/^no feed has answered since the start, 31 min ago \(limit 30 min\)/);
  });

  it("answers 503 when the database file is read-only", async () => {
    const path = join(dir, "read-only.db");
    openDatabase(path).close();
    const world = await serve(new Database(path, { readonly: true }));
    const { code, body } = await world.health();
    expect(code).toBe(503);
    expect(body.problems).toEqual([expect.stringMatching(/^the database does not take writes: .*readonly/)]);
  });

  it("answers 503 when the database connection is closed", async () => {
    const db = openDatabase(":memory:");
    const world = await serve(db);
    expect((await world.health()).code).toBe(200);
    db.close();
    const { code, body } = await world.health();
    expect(code).toBe(503);
    expect(body.problems).toEqual([expect.stringMatching(/^the database does not take writes: .*not open/)]);
    // The other metrics still come; only the depth is unknown.
    const metrics = await world.get("/metrics");
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/^hilo_outbox_depth nan$/im);
  });

  it("proves writability with a committed write, visible to another connection", async () => {
    const path = join(dir, "probe.db");
    const world = await serve(openDatabase(path));
    world.advance(7 * MINUTE);
    await world.health();
    const other = new Database(path, { readonly: true });
    expect(other.prepare("SELECT written_at FROM health_probe").pluck().all()).toEqual([world.at()]);
    other.close();
  });
});

describe("GET /metrics", () => {
  it("shows the counters fed from each tick's reports, the outbox depth and the event-loop lag, as Prometheus text", async () => {
    const db = openDatabase(":memory:");
    const world = await serve(db);
    world.metrics.record(
      tick({
        polled: { feeds: [feed("fresh", 4), feed("unchanged"), feed("failed")], added: 4, developmentsCreated: 2 },
        scheduled: { digests: 1, alerts: 2 },
        drained: { sent: 3, failed: 1, deferred: 5 },
      }),
    );
    world.metrics.record(tick({ polled: { feeds: [feed("failed")] }, drained: { sent: 1 } }));
    world.metrics.rateLimited("telegram");
    db.exec(`INSERT INTO chats (platform, chat_id, kind, lang, created_at) VALUES ('test', '1', 'private', 'es', 0)`);
    new Outbox(db).enqueue({
      key: "digest:1:2025-12-11",
      chatRef: 1,
      kind: "digest",
      message: digestMessage("Hoy"),
      notBefore: START,
    });

    const { status, type, text } = await world.get("/metrics");
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    const lines = text.split("\n");
    for (const line of [
      'hilo_feed_polls_total{outcome="fresh"} 1',
      'hilo_feed_polls_total{outcome="unchanged"} 1',
      'hilo_feed_polls_total{outcome="failed"} 2',
      "hilo_articles_ingested_total 4",
      "hilo_developments_created_total 2",
      'hilo_messages_queued_total{kind="digest"} 1',
      'hilo_messages_queued_total{kind="alert"} 2',
      'hilo_messages_queued_total{kind="update"} 0',
      'hilo_deliveries_total{result="sent"} 4',
      'hilo_deliveries_total{result="failed"} 1',
      'hilo_deliveries_total{result="deferred"} 5',
      'hilo_deliveries_total{result="closed"} 0',
      'hilo_rate_limits_total{platform="telegram"} 1',
      "hilo_outbox_depth 1",
    ]) {
      expect(lines).toContain(line);
    }
    expect(text).toMatch(/^# TYPE nodejs_eventloop_lag_seconds gauge$/m);
  });

  it("keeps each server's counts apart, since each has its own registry", async () => {
    const first = await serve();
    const second = await serve();
    first.metrics.record(tick({ polled: { added: 7 } }));
    expect((await first.get("/metrics")).text).toContain("hilo_articles_ingested_total 7");
    expect((await second.get("/metrics")).text).toContain("hilo_articles_ingested_total 0");
  });
});

describe("the health server", () => {
  it("answers 404 for other paths and 405 for other methods", async () => {
    const world = await serve();
    const missing = await world.get("/");
    expect(missing.status).toBe(404);
    expect(missing.text).toMatch(/try \/healthz or \/metrics/);
    const post = await fetch(`${world.server.url}/healthz`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });

  it("stops listening when closed, even with a client's keep-alive connection open", async () => {
    const world = await serve();
    expect((await world.get("/healthz")).status).toBe(200);
    await servers.pop()!.close();
    await expect(fetch(`${world.server.url}/healthz`)).rejects.toThrow();
  });
});
