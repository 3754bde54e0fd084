import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type FetchFeedOptions,
  type FetchResult,
  feedTtlMinutes,
  fetchFeed,
  retryAfterMs,
} from "../../../src/digest/feeds/fetch-feed.js";
import { FeedServer } from "../../helpers/feed-server.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/feeds");
const RSS = readFileSync(join(FIXTURES, "rss2-utf8.xml"));
const NOW = Date.parse("2025-12-12T12:00:00Z");
// The test server listens on 127.0.0.1, which feeds may not use unless allowed, so these tests opt in.
const LOCAL: FetchFeedOptions = { now: NOW, allowPrivate: { kind: "all" } };

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
    const result = await fetchFeed({ url: server.url("/ok") }, LOCAL);
    expect(result).toMatchObject({
      kind: "fresh",
      status: 200,
      etag: '"v1"',
      lastModified: "Thu, 11 Dec 2025 23:00:00 GMT",
      finalUrl: server.url("/ok"),
    });
    expect(result.kind === "fresh" && Buffer.from(result.bytes).equals(RSS)).toBe(true);
    const [request] = server.requestsTo("/ok");
    expect(request!.headers["user-agent"]).toMatch(/^HiloBot\/\d/);
    expect(request!.headers["accept-encoding"]).toMatch(/gzip/);
  });

  it("sends the configured User-Agent", async () => {
    server.serve("/ua", { kind: "feed", body: RSS });
    await fetchFeed({ url: server.url("/ua") }, { ...LOCAL, userAgent: "HiloBot/9 (+https://example.org/bot)" });
    expect(server.requestsTo("/ua")[0]!.headers["user-agent"]).toBe("HiloBot/9 (+https://example.org/bot)");
  });

  it("asks conditionally and reports unchanged on 304", async () => {
    server.serve("/cond", { kind: "feed", body: RSS, etag: '"v7"', lastModified: "Thu, 11 Dec 2025 23:00:00 GMT" });
    const result = await fetchFeed(
      { url: server.url("/cond"), etag: '"v7"', lastModified: "Thu, 11 Dec 2025 23:00:00 GMT" },
      LOCAL,
    );
    expect(result).toEqual({ kind: "unchanged", status: 304, permanentRedirect: undefined });
    const [request] = server.requestsTo("/cond");
    expect(request!.headers["if-none-match"]).toBe('"v7"');
    expect(request!.headers["if-modified-since"]).toBe("Thu, 11 Dec 2025 23:00:00 GMT");
  });

  it("decompresses a gzip-encoded feed", async () => {
    server.serve("/gzip", { kind: "feed", body: RSS, gzip: true });
    const result = await fetchFeed({ url: server.url("/gzip") }, LOCAL);
    expect(result.kind === "fresh" && Buffer.from(result.bytes).toString("utf8")).toBe(RSS.toString("utf8"));
  });

  it("stops reading a body past the size cap", async () => {
    server.serve("/big", { kind: "oversized", bytes: 200_000 });
    const result = failure(await fetchFeed({ url: server.url("/big") }, { ...LOCAL, maxBytes: 50_000 }));
    expect(result.error.reason).toBe("too-large");
    expect(result.error.message).toMatch(/50000-byte cap/);
  });

  it("rejects a declared length over the cap before reading the body", async () => {
    server.serve("/big-declared", { kind: "oversized", bytes: 80_000, declareLength: true });
    expect(
      failure(await fetchFeed({ url: server.url("/big-declared") }, { ...LOCAL, maxBytes: 50_000 })).error.reason,
    ).toBe("too-large");
  });

  it("applies the cap to the decompressed bytes of a small gzip body", async () => {
    server.serve("/bomb", { kind: "oversized", bytes: 2_000_000, gzip: true });
    expect(failure(await fetchFeed({ url: server.url("/bomb") }, { ...LOCAL, maxBytes: 100_000 })).error.reason).toBe(
      "too-large",
    );
  });

  it("gives up on a body that stalls after the headers", async () => {
    server.serve("/stall", { kind: "stall" });
    const result = failure(await fetchFeed({ url: server.url("/stall") }, { ...LOCAL, timeoutMs: 150 }));
    expect(result.error.reason).toBe("timeout");
    expect(result.error.message).toMatch(/150 ms/);
  });

  it("reports a server error with its status", async () => {
    server.serve("/500", { kind: "status", status: 500 });
    const result = failure(await fetchFeed({ url: server.url("/500") }, LOCAL));
    expect(result.error.reason).toBe("http");
    expect(result.status).toBe(500);
    expect(result.error.message).toMatch(/HTTP 500 Internal Server Error/);
    expect(result.retryAfterMs).toBeUndefined();
  });

  it("reads Retry-After in seconds on 429 and as a date on 503", async () => {
    server.serve("/429", { kind: "status", status: 429, headers: { "retry-after": "120" } });
    server.serve("/503", { kind: "status", status: 503, headers: { "retry-after": "Fri, 12 Dec 2025 13:00:00 GMT" } });
    expect(failure(await fetchFeed({ url: server.url("/429") }, LOCAL)).retryAfterMs).toBe(120_000);
    expect(failure(await fetchFeed({ url: server.url("/503") }, LOCAL)).retryAfterMs).toBe(3_600_000);
  });

  it("reports a redirect loop with the path it went round", async () => {
    server.serve("/loop-a", { kind: "redirect", status: 302, location: "/loop-b" });
    server.serve("/loop-b", { kind: "redirect", status: 302, location: "/loop-a" });
    const result = failure(await fetchFeed({ url: server.url("/loop-a") }, LOCAL));
    expect(result.error.reason).toBe("redirect");
    expect(result.error.message).toMatch(/loop.*loop-a → .*loop-b → .*loop-a/);
    expect(server.requestsTo("/loop-a")).toHaveLength(1);
  });

  it("follows at most the allowed number of redirects", async () => {
    for (let hop = 0; hop < 4; hop += 1)
      server.serve(`/hop-${hop}`, { kind: "redirect", status: 307, location: `/hop-${hop + 1}` });
    server.serve("/hop-4", { kind: "feed", body: RSS });
    const result = failure(await fetchFeed({ url: server.url("/hop-0") }, { ...LOCAL, maxRedirects: 3 }));
    expect(result.error.message).toMatch(/more than 3 redirects/);
    expect(server.requestsTo("/hop-4")).toHaveLength(0);
    expect((await fetchFeed({ url: server.url("/hop-0") }, { ...LOCAL, maxRedirects: 4 })).kind).toBe("fresh");
  });

  it("reports a permanent redirect so the caller can move the feed, and not a temporary one", async () => {
    server.serve("/old", { kind: "redirect", status: 301, location: "/new" });
    server.serve("/new", { kind: "feed", body: RSS });
    server.serve("/moved-for-now", { kind: "redirect", status: 302, location: "/new" });
    expect(await fetchFeed({ url: server.url("/old") }, LOCAL)).toMatchObject({
      kind: "fresh",
      finalUrl: server.url("/new"),
      permanentRedirect: server.url("/new"),
    });
    const temporary = await fetchFeed({ url: server.url("/moved-for-now") }, LOCAL);
    expect(temporary).toMatchObject({ kind: "fresh", finalUrl: server.url("/new") });
    expect(temporary.kind === "fresh" && temporary.permanentRedirect).toBeUndefined();
  });

  it("tells a server it cannot reach apart from one that said no", async () => {
    const gone = await FeedServer.start();
    const url = gone.url("/feed");
    await gone.close();
    expect(failure(await fetchFeed({ url }, LOCAL)).error.reason).toBe("network");
  });
});

describe("fetching only from public addresses", () => {
  /** Only the test server's own address and port, as HILO_ALLOW_PRIVATE_FEEDS=127.0.0.1:PORT would allow. */
  const onlyServer = (): FetchFeedOptions => ({
    now: NOW,
    allowPrivate: { kind: "listed", entries: [{ address: "127.0.0.1", port: port(server) }] },
  });

  function blocked(result: FetchResult) {
    const failed = failure(result);
    expect(failed.error.reason).toBe("blocked-address");
    return failed.error.message;
  }

  it("refuses a feed on 127.0.0.1 by default, before sending it anything", async () => {
    const alone = await FeedServer.start();
    try {
      alone.serve("/feed.xml", { kind: "feed", body: RSS });
      const message = blocked(await fetchFeed({ url: alone.url("/feed.xml") }, { now: NOW }));
      expect(message).toMatch(/127\.0\.0\.1 is loopback 127\.0\.0\.0\/8/);
      expect(message).toContain(`HILO_ALLOW_PRIVATE_FEEDS=127.0.0.1:${port(alone)}`);
      expect(alone.requests).toHaveLength(0);
    } finally {
      await alone.close();
    }
  });

  it("refuses a host name once DNS says it is a loopback address", async () => {
    server.serve("/by-name", { kind: "feed", body: RSS });
    const message = blocked(await fetchFeed({ url: `http://localhost:${port(server)}/by-name` }, { now: NOW }));
    expect(message).toMatch(/localhost resolves to (127\.0\.0\.1|::1), which is loopback/);
    expect(server.requestsTo("/by-name")).toHaveLength(0);
  });

  it("fetches from the one address and port the allow-list names", async () => {
    server.serve("/allowed", { kind: "feed", body: RSS });
    expect((await fetchFeed({ url: server.url("/allowed") }, onlyServer())).kind).toBe("fresh");
  });

  it("refuses a redirect to another port of a listed address, which never hears from us", async () => {
    const other = await FeedServer.start();
    try {
      other.serve("/", { kind: "feed", body: RSS });
      server.serve("/to-other-port", { kind: "redirect", status: 302, location: other.url("/") });
      const message = blocked(await fetchFeed({ url: server.url("/to-other-port") }, onlyServer()));
      expect(message).toContain(`redirected to ${other.url("/")}`);
      expect(message).toContain(`HILO_ALLOW_PRIVATE_FEEDS=127.0.0.1:${port(other)}`);
      expect(other.requests).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it("refuses a redirect to the cloud metadata address", async () => {
    server.serve("/to-metadata", {
      kind: "redirect",
      status: 302,
      location: "http://169.254.169.254/latest/meta-data/",
    });
    const message = blocked(await fetchFeed({ url: server.url("/to-metadata") }, onlyServer()));
    expect(message).toMatch(
      /redirected to http:\/\/169\.254\.169\.254\/latest\/meta-data\/: 169\.254\.169\.254 is link-local/,
    );
  });

  it("refuses a redirect to the IPv6 loopback", async () => {
    server.serve("/to-ipv6-loopback", {
      kind: "redirect",
      status: 307,
      location: `http://[::1]:${port(server)}/allowed`,
    });
    const message = blocked(await fetchFeed({ url: server.url("/to-ipv6-loopback") }, onlyServer()));
    expect(message).toMatch(/::1 is loopback ::1\/128/);
    expect(message).toContain(`HILO_ALLOW_PRIVATE_FEEDS=[::1]:${port(server)}`);
  });

  it("refuses a redirect to a local file", async () => {
    server.serve("/to-file", { kind: "redirect", status: 302, location: "file:///etc/passwd" });
    const result = failure(await fetchFeed({ url: server.url("/to-file") }, onlyServer()));
    expect(result.error.reason).toBe("redirect");
    expect(result.error.message).toMatch(/unusable location "file:\/\/\/etc\/passwd"/);
  });
});

function port(feeds: FeedServer): number {
  return Number(new URL(feeds.url("/")).port);
}

describe("Retry-After and <ttl>", () => {
  it("reads seconds, HTTP dates in the past as no wait, and ignores nonsense", () => {
    expect(retryAfterMs("30", NOW)).toBe(30_000);
    expect(retryAfterMs("Fri, 12 Dec 2025 11:00:00 GMT", NOW)).toBe(0);
    expect(retryAfterMs("soon", NOW)).toBeUndefined();
    expect(retryAfterMs(null, NOW)).toBeUndefined();
  });

  it("reads the channel's ttl, not one inside an item", () => {
    const channel = new TextEncoder().encode(
      "<rss><channel><title>T</title><ttl>45</ttl><item><ttl>5</ttl></item></channel></rss>",
    );
    const itemOnly = new TextEncoder().encode(
      "<rss><channel><title>T</title><item><ttl>5</ttl></item></channel></rss>",
    );
    expect(feedTtlMinutes(channel)).toBe(45);
    expect(feedTtlMinutes(itemOnly)).toBeUndefined();
  });
});
