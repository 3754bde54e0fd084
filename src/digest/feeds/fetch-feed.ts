import { type LookupAddress, lookup as resolve } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import type { Agent, buildConnector, fetch, Response } from "undici";

/** What a fetch needs of undici, loaded at the first fetch: the console demo never fetches, and it costs 0.3 s. */
interface Undici {
  Agent: typeof Agent;
  buildConnector: typeof buildConnector;
  fetch: typeof fetch;
}

import { FeedError } from "../errors.js";
import { type AddressAllowance, allowanceEntry, checkAddress } from "./check-address.js";

/** Where to fetch a feed, with the validators its last good read left. */
export interface FeedRequest {
  url: string;
  etag?: string | null | undefined;
  lastModified?: string | null | undefined;
}

/** Limits and manners of one fetch; `now` dates a Retry-After given as an HTTP date. */
export interface FetchFeedOptions {
  now: number;
  /** Bounds the whole fetch: connecting, every redirect and reading the body. */
  timeoutMs?: number | undefined;
  /** Bytes of the decompressed body; reading stops past it. */
  maxBytes?: number | undefined;
  maxRedirects?: number | undefined;
  userAgent?: string | undefined;
  /** Non-public addresses (loopback, private, link-local…) the fetch may connect to; none unless given. */
  allowPrivate?: AddressAllowance | undefined;
}

/** How a fetch ended; the server saying no and the network failing are both values, never thrown. */
export type FetchResult =
  | {
      kind: "fresh";
      status: number;
      bytes: Uint8Array;
      contentType: string | undefined;
      etag?: string | undefined;
      lastModified?: string | undefined;
      finalUrl: string;
      /** Where a 301/308 said the feed now lives, for the caller to request next time. */
      permanentRedirect?: string | undefined;
      /** RSS `<ttl>`: how long the publisher asks readers to wait between polls. */
      ttlMinutes?: number | undefined;
    }
  | { kind: "unchanged"; status: number; permanentRedirect?: string | undefined }
  | { kind: "failed"; error: FeedError; status?: number | undefined; retryAfterMs?: number | undefined };

/** Defaults for the fetch limits, also the poller's. */
export const FETCH_DEFAULTS = {
  timeoutMs: 20_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: "HiloBot/0.1 (+https://github.com/hilo-bot/hilo)",
  allowPrivate: { kind: "none" } as AddressAllowance,
} as const;

const PERMANENT = new Set([301, 308]);
const REDIRECT = new Set([301, 302, 303, 307, 308]);
// Publishers ask for a pause with 429 (too many requests) and 503 (maintenance).
const ASKS_TO_WAIT = new Set([429, 503]);
const ACCEPT =
  "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5";

/** Every option, defaults filled in. */
type Limits = { [K in keyof FetchFeedOptions]-?: NonNullable<FetchFeedOptions[K]> };

/**
 * Fetches a feed politely and safely: conditional GET, compressed transfer, a size cap on the decompressed body,
 * redirects followed by hand (at most `maxRedirects`, loops caught), all within one timeout; every address it
 * connects to, after DNS and on every hop, must be public or allowed by `allowPrivate`.
 */
export async function fetchFeed(request: FeedRequest, options: FetchFeedOptions): Promise<FetchResult> {
  const limits: Limits = {
    now: options.now,
    timeoutMs: options.timeoutMs ?? FETCH_DEFAULTS.timeoutMs,
    maxBytes: options.maxBytes ?? FETCH_DEFAULTS.maxBytes,
    maxRedirects: options.maxRedirects ?? FETCH_DEFAULTS.maxRedirects,
    userAgent: options.userAgent ?? FETCH_DEFAULTS.userAgent,
    allowPrivate: options.allowPrivate ?? FETCH_DEFAULTS.allowPrivate,
  };
  const signal = AbortSignal.timeout(limits.timeoutMs);
  // One agent per fetch, destroyed when it ends, so no socket outlives it; a poll makes only a few dozen fetches.
  const undici: Undici = await import("undici");
  const agent = guardedAgent(undici, limits.allowPrivate);
  try {
    return await follow(request, limits, signal, agent, undici.fetch);
  } catch (error) {
    if (signal.aborted) {
      return failed(
        request.url,
        "timeout",
        `no complete answer within ${seconds(limits.timeoutMs)}; the server is too slow or stalled`,
        error,
      );
    }
    return failed(request.url, "network", `could not reach the server (${describe(error)})`, error);
  } finally {
    await agent.destroy().catch(() => undefined);
  }
}

async function follow(
  request: FeedRequest,
  limits: Limits,
  signal: AbortSignal,
  agent: Agent,
  fetch: Undici["fetch"],
): Promise<FetchResult> {
  const headers: Record<string, string> = {
    "user-agent": limits.userAgent,
    accept: ACCEPT,
    // fetch decompresses these itself; saying so explicitly keeps the offer stable across Node versions.
    "accept-encoding": "gzip, deflate, br",
  };
  if (request.etag) headers["if-none-match"] = request.etag;
  if (request.lastModified) headers["if-modified-since"] = request.lastModified;

  const visited = [request.url];
  let url = request.url;
  // The target of the leading run of 301/308 hops: a temporary hop after it is not ours to remember.
  let permanentRedirect: string | undefined;
  let onlyPermanent = true;
  for (let hop = 0; hop <= limits.maxRedirects; hop += 1) {
    let response: Response;
    try {
      response = await fetch(url, { headers, redirect: "manual", signal, dispatcher: agent });
    } catch (error) {
      const blocked = blockedBy(error);
      if (!blocked) throw error;
      return failed(
        request.url,
        "blocked-address",
        hop === 0 ? blocked.message : `redirected to ${url}: ${blocked.message}`,
        blocked,
      );
    }
    if (!REDIRECT.has(response.status)) return answer(request.url, response, url, permanentRedirect, limits);
    await discard(response);
    const location = response.headers.get("location");
    const next = location !== null && URL.canParse(location, url) ? new URL(location, url) : undefined;
    if (!next || (next.protocol !== "http:" && next.protocol !== "https:")) {
      return failed(
        request.url,
        "redirect",
        `HTTP ${response.status} to an unusable location ${JSON.stringify(location)}`,
        undefined,
        response.status,
      );
    }
    if (visited.includes(next.href)) {
      return failed(
        request.url,
        "redirect",
        `redirect loop: ${[...visited, next.href].join(" → ")}`,
        undefined,
        response.status,
      );
    }
    onlyPermanent &&= PERMANENT.has(response.status);
    if (onlyPermanent) permanentRedirect = next.href;
    visited.push(next.href);
    url = next.href;
  }
  return failed(request.url, "redirect", `more than ${limits.maxRedirects} redirects: ${visited.join(" → ")}`);
}

async function answer(
  feed: string,
  response: Response,
  finalUrl: string,
  permanentRedirect: string | undefined,
  limits: Limits,
): Promise<FetchResult> {
  if (response.status === 304) {
    await discard(response);
    return { kind: "unchanged", status: 304, permanentRedirect };
  }
  if (!response.ok) {
    await discard(response);
    const retryAfter = ASKS_TO_WAIT.has(response.status)
      ? retryAfterMs(response.headers.get("retry-after"), limits.now)
      : undefined;
    const result = failed(
      feed,
      "http",
      `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`,
      undefined,
      response.status,
    );
    return retryAfter === undefined ? result : { ...result, retryAfterMs: retryAfter };
  }
  // Content-Length counts compressed bytes, so it can only reject early when nothing is compressed.
  const declared = Number(response.headers.get("content-length"));
  const encoded = (response.headers.get("content-encoding") ?? "identity") !== "identity";
  const bytes = !encoded && declared > limits.maxBytes ? null : await readCapped(response, limits.maxBytes);
  if (bytes === null) {
    await discard(response);
    return failed(
      feed,
      "too-large",
      `the body is over the ${limits.maxBytes}-byte cap; a feed that big is likely not a feed, or raise the cap`,
      undefined,
      response.status,
    );
  }
  return {
    kind: "fresh",
    status: response.status,
    bytes,
    contentType: response.headers.get("content-type") ?? undefined,
    etag: response.headers.get("etag") ?? undefined,
    lastModified: response.headers.get("last-modified") ?? undefined,
    finalUrl,
    permanentRedirect,
    ttlMinutes: feedTtlMinutes(bytes),
  };
}

/** The body, decompressed, or null as soon as it passes `maxBytes` (the rest is never read). */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Ends with the stream, at the cap, or when the timeout aborts the read.
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/** Milliseconds a Retry-After header asks for (delay in seconds, or an HTTP date), or undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const TTL = /<ttl>\s*(\d{1,7})\s*<\/ttl>/i;
const FIRST_ITEM = /<(?:[\w-]+:)?(?:item|entry)[\s>]/i;

/** RSS `<ttl>` of the channel (minutes), read from the bytes before the first item; undefined when absent. */
export function feedTtlMinutes(bytes: Uint8Array): number | undefined {
  // Latin-1 keeps ASCII markup readable whatever the feed's real encoding (UTF-16 feeds simply show none).
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 65_536)).toString("latin1");
  const itemAt = head.search(FIRST_ITEM);
  const match = TTL.exec(itemAt === -1 ? head : head.slice(0, itemAt));
  const minutes = match ? Number(match[1]) : 0;
  return minutes > 0 ? minutes : undefined;
}

async function discard(response: Response): Promise<void> {
  // Cancelling frees the connection; an aborted or finished body may refuse, which changes nothing.
  await response.body?.cancel().catch(() => undefined);
}

/** A connection refused by the address check; its message is the detail the user sees. */
class BlockedAddressError extends Error {
  override name = "BlockedAddressError";
}

/**
 * An undici agent whose every connection is checked on the address actually connected to: an IP literal before
 * connecting, a host name on each address DNS gives (so a name, or a rebinding between lookups, cannot slip past).
 */
function guardedAgent(undici: Undici, allowance: AddressAllowance): Agent {
  // The lookup does not see the port, so each port gets its own connector; a fetch uses at most one per hop.
  const connectors = new Map<number, buildConnector.connector>();
  return new undici.Agent({
    connect: (options, callback) => {
      const port = Number(options.port) || (options.protocol === "https:" ? 443 : 80);
      if (isIP(options.hostname)) {
        const refusal = refuse(options.hostname, options.hostname, port, allowance);
        if (refusal) return callback(refusal, null);
      }
      let connect = connectors.get(port);
      if (!connect) {
        connect = undici.buildConnector({ lookup: guardedLookup(port, allowance) });
        connectors.set(port, connect);
      }
      connect(options, callback);
    },
  });
}

function guardedLookup(port: number, allowance: AddressAllowance): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, []);
      const refusal = addresses
        .map(({ address }) => refuse(hostname, address, port, allowance))
        .find((found) => found !== undefined);
      if (refusal) return callback(refusal, []);
      const [first] = addresses;
      if (!first) return callback(new Error(`${hostname} resolved to no address`), []);
      if (options.all) return callback(null, addresses);
      callback(null, first.address, first.family);
    });
  };
}

function refuse(
  host: string,
  address: string,
  port: number,
  allowance: AddressAllowance,
): BlockedAddressError | undefined {
  const verdict = checkAddress(address, port, allowance);
  if (verdict.allowed) return undefined;
  const where = host === address ? `${address} is` : `${host} resolves to ${address}, which is`;
  return new BlockedAddressError(
    `${where} ${verdict.range}, not a public address; to fetch feeds from it set HILO_ALLOW_PRIVATE_FEEDS=${allowanceEntry(address, port)} (or 1 to allow every address)`,
  );
}

function blockedBy(error: unknown): BlockedAddressError | undefined {
  let current = error;
  // undici wraps the connector's error as the cause of "fetch failed"; a few levels cover every wrapping seen.
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    if (current instanceof BlockedAddressError) return current;
    current = current.cause;
  }
  return undefined;
}

type Failed = Extract<FetchResult, { kind: "failed" }>;

function failed(feed: string, reason: FeedError["reason"], detail: string, cause?: unknown, status?: number): Failed {
  return {
    kind: "failed",
    error: new FeedError(feed, reason, detail, cause === undefined ? undefined : { cause }),
    status,
  };
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause : undefined;
  return cause ? `${error.message}: ${cause.message || cause.name}` : error.message;
}
