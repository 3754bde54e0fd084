import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { gzipSync } from "node:zlib";

/** What the server answers on one path: a feed, or one of the faults live feeds show. */
export type Fixture =
  /** A feed body; 304 when the request's If-None-Match / If-Modified-Since match `etag` / `lastModified`. */
  | {
      kind: "feed";
      body: string | Uint8Array;
      contentType?: string;
      etag?: string;
      lastModified?: string;
      gzip?: boolean;
      /** Held this long before answering, so concurrent requests overlap. */
      delayMs?: number;
      /** Held until this many requests are open at once (or `delayMs` passes), so overlap is certain when possible. */
      holdUntilOpen?: number;
    }
  | { kind: "status"; status: number; headers?: Record<string, string>; body?: string }
  /** Headers and the start of a body, then nothing until the client gives up. */
  | { kind: "stall" }
  /** Headers, then one byte every `everyMs`, for ever: never stalled, never finished. */
  | { kind: "drip"; everyMs: number }
  | { kind: "redirect"; status: 301 | 302 | 307 | 308; location: string }
  /** `bytes` of body, streamed in chunks without a Content-Length (or, gzipped, tiny on the wire). */
  | { kind: "oversized"; bytes: number; gzip?: boolean; declareLength?: boolean };

export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  /** When it arrived (ms, this process's clock). */
  at: number;
}

/** A local feed server on 127.0.0.1 for the poller's tests; it records every request it gets. */
export class FeedServer {
  readonly requests: RecordedRequest[] = [];
  /** The most requests that were open at the same time. */
  maxInFlight = 0;
  private inFlight = 0;
  private readonly fixtures = new Map<string, Fixture>();
  private readonly sockets = new Set<Socket>();
  private held: (() => void)[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FeedServer> {
    const server = createServer();
    const feeds = new FeedServer(server);
    server.on("connection", (socket) => {
      feeds.sockets.add(socket);
      socket.on("close", () => feeds.sockets.delete(socket));
    });
    server.on("request", (req, res) => {
      const path = req.url ?? "/";
      feeds.requests.push({ path, headers: req.headers, at: Date.now() });
      feeds.inFlight += 1;
      feeds.maxInFlight = Math.max(feeds.maxInFlight, feeds.inFlight);
      res.on("close", () => (feeds.inFlight -= 1));
      feeds.answer(path, req.headers, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return feeds;
  }

  url(path: string): string {
    const address = this.server.address();
    if (address === null || typeof address === "string") throw new Error("the feed server is not listening");
    return `http://127.0.0.1:${address.port}${path}`;
  }

  serve(path: string, fixture: Fixture): this {
    this.fixtures.set(path, fixture);
    return this;
  }

  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  /** Forgets the requests so far (between polls of one test). */
  clearRequests(): void {
    this.requests.length = 0;
    this.maxInFlight = 0;
  }

  async close(): Promise<void> {
    // Stalled responses would keep close() waiting for ever.
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private hold(send: () => void, open: number): void {
    this.held.push(send);
    if (this.inFlight < open) return;
    const ready = this.held;
    this.held = [];
    for (const release of ready) release();
  }

  private answer(path: string, headers: IncomingHttpHeaders, res: ServerResponse): void {
    const fixture = this.fixtures.get(path);
    if (!fixture) {
      res.writeHead(404, { "content-type": "text/plain" }).end(`no fixture at ${path}`);
      return;
    }
    switch (fixture.kind) {
      case "feed": {
        let sent = false;
        const send = () => {
          if (sent || res.destroyed) return;
          sent = true;
          sendFeed(fixture, headers, res);
        };
        if (fixture.holdUntilOpen) this.hold(send, fixture.holdUntilOpen);
        if (fixture.delayMs) setTimeout(send, fixture.delayMs);
        else if (!fixture.holdUntilOpen) send();
        return;
      }
      case "status":
        res.writeHead(fixture.status, { "content-type": "text/plain", ...fixture.headers }).end(fixture.body ?? "");
        return;
      case "stall":
        res.writeHead(200, { "content-type": "application/rss+xml" });
        res.write(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Slow</title>`);
        return;
      case "redirect":
        res.writeHead(fixture.status, { location: fixture.location }).end();
        return;
      case "drip": {
        res.writeHead(200, { "content-type": "application/rss+xml" });
        res.write(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Drip</title><description>`);
        const drip = setInterval(() => res.write("a"), fixture.everyMs);
        res.on("close", () => clearInterval(drip));
        return;
      }
      case "oversized":
        sendOversized(fixture, res);
        return;
    }
  }
}

function sendFeed(
  fixture: Extract<Fixture, { kind: "feed" }>,
  headers: IncomingHttpHeaders,
  res: ServerResponse,
): void {
  const validators: Record<string, string> = {};
  if (fixture.etag) validators.etag = fixture.etag;
  if (fixture.lastModified) validators["last-modified"] = fixture.lastModified;
  const sameEtag = fixture.etag !== undefined && headers["if-none-match"] === fixture.etag;
  const sameDate = fixture.lastModified !== undefined && headers["if-modified-since"] === fixture.lastModified;
  if (sameEtag || (headers["if-none-match"] === undefined && sameDate)) {
    res.writeHead(304, validators).end();
    return;
  }
  const raw = typeof fixture.body === "string" ? Buffer.from(fixture.body, "utf8") : Buffer.from(fixture.body);
  const body = fixture.gzip ? gzipSync(raw) : raw;
  res.writeHead(200, {
    "content-type": fixture.contentType ?? "application/rss+xml; charset=utf-8",
    "content-length": String(body.length),
    ...(fixture.gzip ? { "content-encoding": "gzip" } : {}),
    ...validators,
  });
  res.end(body);
}

function sendOversized(fixture: Extract<Fixture, { kind: "oversized" }>, res: ServerResponse): void {
  const head = Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Big</title><description>`,
  );
  if (fixture.gzip) {
    const zipped = gzipSync(Buffer.concat([head, Buffer.alloc(Math.max(0, fixture.bytes - head.length), "a")]));
    res
      .writeHead(200, {
        "content-type": "application/rss+xml",
        "content-encoding": "gzip",
        "content-length": String(zipped.length),
      })
      .end(zipped);
    return;
  }
  res.writeHead(200, {
    "content-type": "application/rss+xml",
    ...(fixture.declareLength ? { "content-length": String(fixture.bytes) } : {}),
  });
  // In 64 KiB chunks as the socket drains, so even a 50 MB body is never held in memory and the client can stop
  // reading part-way (a closed socket ends it).
  const chunk = Buffer.alloc(65_536, "a");
  let left = Math.max(0, fixture.bytes - head.length);
  res.write(head);
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= piece.length;
      if (!res.write(piece)) {
        res.once("drain", pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  pump();
}
