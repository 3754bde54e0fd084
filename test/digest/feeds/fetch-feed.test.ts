import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { feedTtlMinutes, fetchFeed, retryAfterMs, type FetchResult } from "../../../src/digest/feeds/fetch-feed.js";
import { FeedServer } from "../../helpers/feed-server.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/feeds");
const RSS = readFileSync(join(FIXTURES, "rss2-utf8.xml"));
const NOW = Date.parse("2025-12-12T12:00:00Z");

let server: FeedServer;
beforeAll(async () => {
  server = await FeedServer.start();
});
afterAll(async () => {
  await server.close();
});

function failure(result: FetchResult) {
  if (result.kind !== "failed") throw new Error(`expected a failure, got ${result.kind}`);
  return result;
}

describe("fetching a feed", () => {
  it("returns the body with its validators and names the bot in the User-Agent", async () => {
    server.serve("/ok", { kind: "feed", body: RSS, etag: '"v1"', lastModified: "Thu, 11 Dec 2025 23:00:00 GMT" });
    const result = await fetchFeed({ url: server.url("/ok") }, { now: NOW });
    expect(result).toMatchObject({ kind: "fresh", status: 200, etag: '"v1"', lastModified: "Thu, 11 Dec 2025 23:00:00 GMT", finalUrl: server.url("/ok") });
    expect(result.kind === "fresh" && Buffer.from(result.bytes).equals(RSS)).toBe(true);
    const [request] = server.requestsTo("/ok");
    expect(request!.headers["user-agent"]).toMatch(/^HiloBot\/\d/);
    expect(request!.headers["accept-encoding"]).toMatch(/gzip/);
  });

  it("sends the configured User-Agent", async () => {
    server.serve("/ua", { kind: "feed", body: RSS });
    await fetchFeed({ url: server.url("/ua") }, { now: NOW, userAgent: "HiloBot/9 (+https://example.org/bot)" });
    expect(server.requestsTo("/ua")[0]!.headers["user-agent"]).toBe("HiloBot/9 (+https://example.org/bot)");
  });

  it("asks conditionally and reports unchanged on 304", async () => {
    server.serve("/cond", { kind: "feed", body: RSS, etag: '"v7"', lastModified: "Thu, 11 Dec 2025 23:00:00 GMT" });
    const result = await fetchFeed({ url: server.url("/cond"), etag: '"v7"', lastModified: "Thu, 11 Dec 2025 23:00:00 GMT" }, { now: NOW });
    expect(result).toEqual({ kind: "unchanged", status: 304, permanentRedirect: undefined });
    const [request] = server.requestsTo("/cond");
    expect(request!.headers["if-none-match"]).toBe('"v7"');
    expect(request!.headers["if-modified-since"]).toBe("Thu, 11 Dec 2025 23:00:00 GMT");
  });

  it("decompresses a gzip-encoded feed", async () => {
    server.serve("/gzip", { kind: "feed", body: RSS, gzip: true });
    const result = await fetchFeed({ url: server.url("/gzip") }, { now: NOW });
    expect(result.kind === "fresh" && Buffer.from(result.bytes).toString("utf8")).toBe(RSS.toString("utf8"));
  });

  it("stops reading a body past the size cap", async () => {
    server.serve("/big", { kind: "oversized", bytes: 200_000 });
    const result = failure(await fetchFeed({ url: server.url("/big") }, { now: NOW, maxBytes: 50_000 }));
    expect(result.error.reason).toBe("too-large");
    expect(result.error.message).toMatch(/50000-byte cap/);
  });

  it("rejects a declared length over the cap before reading the body", async () => {
    server.serve("/big-declared", { kind: "oversized", bytes: 80_000, declareLength: true });
    expect(failure(await fetchFeed({ url: server.url("/big-declared") }, { now: NOW, maxBytes: 50_000 })).error.reason).toBe("too-large");
  });

  it("applies the cap to the decompressed bytes of a small gzip body", async () => {
    server.serve("/bomb", { kind: "oversized", bytes: 2_000_000, gzip: true });
    expect(failure(await fetchFeed({ url: server.url("/bomb") }, { now: NOW, maxBytes: 100_000 })).error.reason).toBe("too-large");
  });

  it("gives up on a body that stalls after the headers", async () => {
    server.serve("/stall", { kind: "stall" });
    const result = failure(await fetchFeed({ url: server.url("/stall") }, { now: NOW, timeoutMs: 150 }));
    expect(result.error.reason).toBe("timeout");
    expect(result.error.message).toMatch(/150 ms/);
  });

  it("reports a server error with its status", async () => {
    server.serve("/500", { kind: "status", status: 500 });
    const result = failure(await fetchFeed({ url: server.url("/500") }, { now: NOW }));
    expect(result.error.reason).toBe("http");
    expect(result.status).toBe(500);
    expect(result.error.message).toMatch(/HTTP 500 Internal Server Error/);
    expect(result.retryAfterMs).toBeUndefined();
  });

  it("reads Retry-After in seconds on 429 and as a date on 503", async () => {
    server.serve("/429", { kind: "status", status: 429, headers: { "retry-after": "120" } });
    server.serve("/503", { kind: "status", status: 503, headers: { "retry-after": "Fri, 12 Dec 2025 13:00:00 GMT" } });
    expect(failure(await fetchFeed({ url: server.url("/429") }, { now: NOW })).retryAfterMs).toBe(120_000);
    expect(failure(await fetchFeed({ url: server.url("/503") }, { now: NOW })).retryAfterMs).toBe(3_600_000);
  });

  it("reports a redirect loop with the path it went round", async () => {
    server.serve("/loop-a", { kind: "redirect", status: 302, location: "/loop-b" });
    server.serve("/loop-b", { kind: "redirect", status: 302, location: "/loop-a" });
    const result = failure(await fetchFeed({ url: server.url("/loop-a") }, { now: NOW }));
    expect(result.error.reason).toBe("redirect");
    expect(result.error.message).toMatch(/loop.*loop-a → .*loop-b → .*loop-a/);
    expect(server.requestsTo("/loop-a")).toHaveLength(1);
  });

  it("follows at most the allowed number of redirects", async () => {
    for (let hop = 0; hop < 4; hop += 1) server.serve(`/hop-${hop}`, { kind: "redirect", status: 307, location: `/hop-${hop + 1}` });
    server.serve("/hop-4", { kind: "feed", body: RSS });
    const result = failure(await fetchFeed({ url: server.url("/hop-0") }, { now: NOW, maxRedirects: 3 }));
    expect(result.error.message).toMatch(/more than 3 redirects/);
    expect(server.requestsTo("/hop-4")).toHaveLength(0);
    expect((await fetchFeed({ url: server.url("/hop-0") }, { now: NOW, maxRedirects: 4 })).kind).toBe("fresh");
  });

  it("reports a permanent redirect so the caller can move the feed, and not a temporary one", async () => {
    server.serve("/old", { kind: "redirect", status: 301, location: "/new" });
    server.serve("/new", { kind: "feed", body: RSS });
    server.serve("/moved-for-now", { kind: "redirect", status: 302, location: "/new" });
    expect(await fetchFeed({ url: server.url("/old") }, { now: NOW })).toMatchObject({ kind: "fresh", finalUrl: server.url("/new"), permanentRedirect: server.url("/new") });
    const temporary = await fetchFeed({ url: server.url("/moved-for-now") }, { now: NOW });
    expect(temporary).toMatchObject({ kind: "fresh", finalUrl: server.url("/new") });
    expect(temporary.kind === "fresh" && temporary.permanentRedirect).toBeUndefined();
  });

  it("tells a server it cannot reach apart from one that said no", async () => {
    const gone = await FeedServer.start();
    const url = gone.url("/feed");
    await gone.close();
    expect(failure(await fetchFeed({ url }, { now: NOW })).error.reason).toBe("network");
  });
});

describe("Retry-After and <ttl>", () => {
  it("reads seconds, HTTP dates in the past as no wait, and ignores nonsense", () => {
    expect(retryAfterMs("30", NOW)).toBe(30_000);
    expect(retryAfterMs("Fri, 12 Dec 2025 11:00:00 GMT", NOW)).toBe(0);
    expect(retryAfterMs("soon", NOW)).toBeUndefined();
    expect(retryAfterMs(null, NOW)).toBeUndefined();
  });

  it("reads the channel's ttl, not one inside an item", () => {
    const channel = new TextEncoder().encode("<rss><channel><title>T</title><ttl>45</ttl><item><ttl>5</ttl></item></channel></rss>");
    const itemOnly = new TextEncoder().encode("<rss><channel><title>T</title><item><ttl>5</ttl></item></channel></rss>");
    expect(feedTtlMinutes(channel)).toBe(45);
    expect(feedTtlMinutes(itemOnly)).toBeUndefined();
  });
});
