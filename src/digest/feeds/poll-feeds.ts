import { describeError, describeFault, type FeedFault } from "../errors.js";
import type { Logger } from "../logger.js";
import type { Lang } from "../model.js";
import type { FeedDocument, IngestReport } from "../pipeline.js";
import type { FeedRecord, FeedStore } from "../store/feed-store.js";
import type { AddressAllowance } from "./check-address.js";
import { FETCH_DEFAULTS, type FeedRequest, type FetchFeedOptions, type FetchResult, fetchFeed } from "./fetch-feed.js";
import { type PollOutcome, type PollPolicy, planNextPoll } from "./plan-next-poll.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How the poller fetches and schedules; every field has a default. */
export interface FeedPollerOptions extends PollPolicy {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
  /** Non-public addresses feeds may be fetched from (HILO_ALLOW_PRIVATE_FEEDS); by default none. */
  allowPrivate: AddressAllowance;
  /** Requests open at once to one host, so no publisher sees more than this from us. */
  perHostConcurrency: number;
  /** Requests open at once in all. */
  globalConcurrency: number;
  /** Told once when a feed is disabled (main.ts tells the admins). */
  onFeedDisabled: (feed: FeedRecord, reason: string) => void;
  /** Told when a disabled feed answers again. */
  onFeedReenabled: (feed: FeedRecord) => void;
  /** How a feed is fetched: over HTTP by default; a replay serves feed files as they stood at a virtual time. */
  fetch: (request: FeedRequest, options: FetchFeedOptions) => Promise<FetchResult>;
}

/** The poller's defaults: every 15 min, backoff to 6 h, disabled after a day failing, 2 requests per host. */
export const POLLER_DEFAULTS: Omit<FeedPollerOptions, "onFeedDisabled" | "onFeedReenabled" | "fetch"> = {
  intervalMinutes: 15,
  maxBackoffMs: 6 * HOUR,
  disableAfterMs: DAY,
  reprobeMs: DAY,
  perHostConcurrency: 2,
  globalConcurrency: 8,
  ...FETCH_DEFAULTS,
};

/** A live feed to poll, as the story's settings list it; without a publisher, the channel's title names the outlet. */
export interface LiveFeed {
  url: string;
  publisher?: string | undefined;
  lang?: Lang | undefined;
  trusted?: boolean | undefined;
  intervalMinutes?: number | undefined;
}

/** What one poll did to one feed. */
export interface FeedPollResult {
  feedId: number;
  url: string;
  outcome: "fresh" | "unchanged" | "failed";
  /** Articles new to Hilo. */
  added: number;
  /** "reason: detail" when the outcome is failed. */
  error?: string | undefined;
  nextPollAt: number;
  disabled: boolean;
}

/** What one `pollDue` did. */
export interface PollReport {
  feeds: FeedPollResult[];
  added: number;
  /** Developments the new articles started (the others joined known ones). */
  developmentsCreated: number;
  /** Set when filing itself failed (not one feed's content): the feeds involved are recorded as failing. */
  ingestError?: string | undefined;
}

/** Files what a poll read: the pipeline's ingest live; a test may count or fail it. */
export type IngestFeeds = (documents: FeedDocument[], now: number) => Promise<IngestReport>;

/**
 * Polls the feeds that are due, politely (per-host and global caps, conditional GET), ingests what is new,
 * and owns each polled feed's schedule: interval, backoff, disabling and the daily re-probe.
 */
export class FeedPoller {
  private readonly options: FeedPollerOptions;
  // One process polls, so an in-memory lock suffices to keep overlapping polls off the same feed.
  private readonly polling = new Set<number>();
  /** Feeds configured without a publisher: each read names the outlet from the channel title. */
  private readonly unnamed = new Set<string>();
  private readonly hostSlots = new Map<string, Slots>();
  private readonly globalSlots: Slots;
  // Ingests run one at a time: the pipeline checks for known articles before it files them.
  private ingestTurn: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: FeedStore,
    private readonly ingest: IngestFeeds,
    private readonly log: Logger,
    options: Partial<FeedPollerOptions> = {},
  ) {
    this.options = {
      ...POLLER_DEFAULTS,
      onFeedDisabled: () => undefined,
      onFeedReenabled: () => undefined,
      fetch: fetchFeed,
      ...options,
    };
    this.globalSlots = new Slots(this.options.globalConcurrency);
  }

  /** Adds the story's live feeds to the store; a new feed is due at once, a known one keeps its schedule. */
  syncFeeds(feeds: readonly LiveFeed[]): number[] {
    return feeds.map((feed) => {
      const id = this.store.ensure(feed);
      if (feed.publisher === undefined) this.unnamed.add(feed.url);
      else this.unnamed.delete(feed.url);
      this.store.startPolling(id, feed.intervalMinutes);
      return id;
    });
  }

  /** Fetches every feed due at `now` that no other poll is fetching, ingests the fresh ones and reschedules all. */
  async pollDue(now: number): Promise<PollReport> {
    // Selecting and locking happen before the first await, so an overlapping call sees the locks.
    const due = this.store.due(now).filter((feed) => !this.polling.has(feed.id));
    for (const feed of due) this.polling.add(feed.id);
    try {
      const fetched = await Promise.all(due.map((feed) => this.fetch(feed, now)));
      const batches = new Map<string, { feed: FeedRecord; document: FeedDocument }[]>();
      due.forEach((feed, i) => {
        const result = fetched[i]!;
        if (result.kind !== "fresh") return;
        // A quarantined feed once brought the process down: it is read alone, so if it does again, it alone is marked.
        const batch = feed.state === "quarantined" ? `alone:${feed.id}` : "together";
        const reads = batches.get(batch) ?? [];
        const publisher = this.unnamed.has(feed.url) ? undefined : feed.publisher;
        const source = { feed: feed.url, publisher, lang: feed.lang ?? undefined, trusted: feed.trusted };
        reads.push({ feed, document: { source, bytes: result.bytes, contentType: result.contentType } });
        batches.set(batch, reads);
      });
      const reports: IngestReport[] = [];
      let ingestError: string | undefined;
      for (const reads of batches.values()) {
        const report = await this.ingestInTurn(
          reads.map((read) => read.document),
          now,
        ).catch((error: unknown) => {
          ingestError = describeError(error);
          this.log.error("ingest failed; its feeds are recorded as failing", {
            feeds: reads.map((read) => read.feed.url),
            error: ingestError,
          });
          return this.failedIngest(
            reads.map((read) => read.feed),
            { reason: "processing", detail: ingestError },
            now,
          );
        });
        reports.push(report);
      }
      const feeds = due.map((feed, i) => this.settle(feed, fetched[i]!, reports, now));
      return {
        feeds,
        added: feeds.reduce((sum, feed) => sum + feed.added, 0),
        developmentsCreated: reports.reduce((sum, report) => sum + report.developmentsCreated, 0),
        ingestError,
      };
    } finally {
      for (const feed of due) this.polling.delete(feed.id);
    }
  }

  private fetch(feed: FeedRecord, now: number): Promise<FetchResult> {
    const host = URL.canParse(feed.fetchUrl) ? new URL(feed.fetchUrl).host : "";
    let slots = this.hostSlots.get(host);
    if (!slots) {
      slots = new Slots(this.options.perHostConcurrency);
      this.hostSlots.set(host, slots);
    }
    const { timeoutMs, maxBytes, maxRedirects, userAgent, allowPrivate, fetch } = this.options;
    const request = { url: feed.fetchUrl, etag: feed.etag, lastModified: feed.lastModified };
    return slots.run(() =>
      this.globalSlots.run(() => fetch(request, { now, timeoutMs, maxBytes, maxRedirects, userAgent, allowPrivate })),
    );
  }

  private ingestInTurn(documents: FeedDocument[], now: number): Promise<IngestReport> {
    const run = this.ingestTurn.then(() => this.ingest(documents, now));
    this.ingestTurn = run.catch(() => undefined);
    return run;
  }

  /** Records every feed of an ingest that threw as failing, and reports it so, as the pipeline would have. */
  private failedIngest(feeds: readonly FeedRecord[], fault: FeedFault, now: number): IngestReport {
    for (const feed of feeds) this.store.recordFailure(feed.id, now, fault);
    const entries = feeds.map((feed) => ({ feed: feed.url, items: 0, added: 0, error: describeFault(fault) }));
    return { feeds: entries, added: 0, copies: 0, developmentsCreated: 0, developmentsUpdated: 0 };
  }

  /** Records one feed's outcome (the pipeline has already recorded what it read) and schedules its next poll. */
  private settle(feed: FeedRecord, result: FetchResult, ingests: readonly IngestReport[], now: number): FeedPollResult {
    let outcome: PollOutcome;
    let error: string | undefined;
    let added = 0;
    if (result.kind === "unchanged") {
      this.store.recordUnchanged(feed.id, now);
      outcome = { ok: true };
    } else if (result.kind === "fresh") {
      const entry = ingests.flatMap((ingest) => ingest.feeds).find((read) => read.feed === feed.url);
      if (entry) {
        error = entry.error;
        added = entry.added;
      } else {
        const fault: FeedFault = { reason: "parse", detail: "the pipeline did not report on this feed" };
        error = describeFault(fault);
        this.store.recordFailure(feed.id, now, fault);
      }
      outcome = { ok: error === undefined };
    } else {
      const fault: FeedFault = { reason: result.error.reason, detail: result.error.detail };
      error = describeFault(fault);
      this.log.warn("feed failed", { feed: feed.url, reason: error, status: result.status });
      this.store.recordFailure(feed.id, now, fault);
      outcome = { ok: false, retryAfterMs: result.retryAfterMs };
    }

    const current = this.store.get(feed.id) ?? feed;
    const plan = planNextPoll(
      { ...current, ttlMinutes: result.kind === "fresh" ? (result.ttlMinutes ?? null) : current.ttlMinutes },
      outcome,
      now,
      this.options,
    );
    this.store.recordPoll(feed.id, {
      nextPollAt: plan.nextPollAt,
      lastStatus: result.status ?? null,
      // A 200 the pipeline rejected (an HTML page, a captcha, an empty feed) leaves the validators of the last good read.
      validators:
        result.kind === "fresh" && outcome.ok
          ? {
              etag: result.etag ?? null,
              lastModified: result.lastModified ?? null,
              ttlMinutes: result.ttlMinutes ?? null,
            }
          : undefined,
      fetchUrl: outcome.ok && result.kind !== "failed" ? result.permanentRedirect : undefined,
    });
    if (outcome.ok && result.kind !== "failed" && result.permanentRedirect) {
      this.log.info("feed moved permanently", { feed: feed.url, from: feed.fetchUrl, to: result.permanentRedirect });
    }
    this.announce(feed, plan.disable, outcome.ok, error, now);
    if (outcome.ok) this.log.info("feed polled", { feed: feed.url, outcome: result.kind, added });
    return {
      feedId: feed.id,
      url: feed.url,
      outcome: outcome.ok ? result.kind : "failed",
      added,
      error,
      nextPollAt: plan.nextPollAt,
      disabled: plan.disable,
    };
  }

  private announce(feed: FeedRecord, disable: boolean, ok: boolean, error: string | undefined, now: number): void {
    if (disable) {
      this.store.disable(feed.id, now);
      this.log.warn("feed disabled", { feed: feed.url, reason: error });
      this.tell(() => this.options.onFeedDisabled(this.store.get(feed.id) ?? feed, error ?? "unknown"));
    } else if (ok && feed.state === "disabled") {
      this.log.info("feed re-enabled", { feed: feed.url });
      this.tell(() => this.options.onFeedReenabled(this.store.get(feed.id) ?? feed));
    }
  }

  /** A failing callback is logged; it must not stop the other feeds' bookkeeping. */
  private tell(callback: () => void): void {
    try {
      callback();
    } catch (error) {
      this.log.error("feed state callback failed", { error: describeError(error) });
    }
  }
}

/** At most `size` tasks at once; the others wait their turn in order. */
class Slots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.size) this.active += 1;
    // A finishing task hands its slot straight to the next waiter, so `active` stays counted.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}
