import { z } from "zod";
import type { FeedFault } from "../errors.js";
import { provisionalOutlet } from "../feeds/outlet-name.js";
import type { Lang } from "../model.js";
import type { Db } from "./open-database.js";

/**
 * How a feed is doing: read fine last time, failing since `failingSince`, disabled and re-probed daily, or
 * quarantined because the process died while reading it (retried alone, later).
 */
export const FeedState = z.enum(["active", "failing", "disabled", "quarantined"]).catch("active");
export type FeedState = z.infer<typeof FeedState>;

/** What /sources shows about one feed, and what the poller needs to read it again. */
export interface FeedRecord {
  id: number;
  /** The feed's identity (article ids are derived from it); the URL in the story's settings. */
  url: string;
  /** Where to request it: `url`, or where a permanent redirect moved it. */
  fetchUrl: string;
  publisher: string;
  lang: Lang | null;
  trusted: boolean;
  title: string | null;
  etag: string | null;
  lastModified: string | null;
  lastSuccessAt: number | null;
  /** The last failure, when there was one: its reason and what happened. */
  lastError: FeedFault | null;
  lastErrorAt: number | null;
  /** The HTTP status of the last request; null before the first one, or when no response came. */
  lastStatus: number | null;
  failures: number;
  failingSince: number | null;
  disabledAt: number | null;
  state: FeedState;
  itemCount: number;
  /** Null for feeds read from files, which are never polled. */
  nextPollAt: number | null;
  /** This feed's own polling interval; null means the poller's default. */
  intervalMinutes: number | null;
  /** The interval the feed asked for with RSS `<ttl>`. */
  ttlMinutes: number | null;
  /** A bundled fictional demo file: never shown in live chats. */
  demo: boolean;
}

/** What the poller writes after one request. */
export interface PollUpdate {
  nextPollAt: number;
  lastStatus: number | null;
  /** Only after a read that the pipeline accepted, so a bad 200 never replaces good validators. */
  validators?: { etag: string | null; lastModified: string | null; ttlMinutes: number | null } | undefined;
  /** A permanent redirect's target. */
  fetchUrl?: string | undefined;
}

interface FeedRow {
  id: number;
  url: string;
  fetch_url: string | null;
  publisher: string;
  lang: Lang | null;
  trusted: number;
  title: string | null;
  etag: string | null;
  last_modified: string | null;
  last_success_at: number | null;
  last_error_reason: string | null;
  last_error_detail: string | null;
  last_error_at: number | null;
  last_status: number | null;
  failures: number;
  failing_since: number | null;
  disabled_at: number | null;
  state: string;
  item_count: number;
  next_poll_at: number | null;
  interval_minutes: number | null;
  ttl_minutes: number | null;
  demo: number;
}

/** Feeds Hilo reads, with the outcome of the last read and when to poll them next. */
export class FeedStore {
  private readonly sql;

  constructor(private readonly db: Db) {
    this.sql = {
      ensure: db.prepare(`INSERT INTO feeds (url, publisher, lang, trusted, demo) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(url) DO UPDATE SET publisher = COALESCE(?, feeds.publisher), lang = excluded.lang, trusted = excluded.trusted,
         demo = excluded.demo`),
      idOf: db.prepare("SELECT id FROM feeds WHERE url = ?").pluck(),
      startPolling: db.prepare(
        "UPDATE feeds SET next_poll_at = COALESCE(next_poll_at, 0), interval_minutes = ? WHERE id = ?",
      ),
      rename: db.prepare("UPDATE feeds SET publisher = ? WHERE id = ?"),
      recordSuccess:
        db.prepare(`UPDATE feeds SET title = ?, last_success_at = ?, failures = 0, failing_since = NULL, disabled_at = NULL,
         state = 'active', item_count = item_count + ? WHERE id = ?`),
      recordUnchanged:
        db.prepare(`UPDATE feeds SET last_success_at = ?, failures = 0, failing_since = NULL, disabled_at = NULL,
         state = 'active' WHERE id = ?`),
      recordFailure:
        db.prepare(`UPDATE feeds SET last_error_reason = ?, last_error_detail = ?, last_error_at = ?, failures = failures + 1,
         failing_since = COALESCE(failing_since, ?),
         state = CASE WHEN state IN ('disabled', 'quarantined') THEN state ELSE 'failing' END WHERE id = ?`),
      markProcessing: db.prepare("UPDATE feeds SET processing_since = ? WHERE id = ?"),
      clearProcessing: db.prepare("UPDATE feeds SET processing_since = NULL WHERE id = ?"),
      interrupted: db.prepare("SELECT * FROM feeds WHERE processing_since IS NOT NULL ORDER BY id"),
      quarantine:
        db.prepare(`UPDATE feeds SET state = 'quarantined', processing_since = NULL, last_error_reason = ?, last_error_detail = ?, last_error_at = ?,
         failures = failures + 1, failing_since = COALESCE(failing_since, ?),
         next_poll_at = CASE WHEN next_poll_at IS NULL THEN NULL ELSE ? END WHERE id = ?`),
      disable: db.prepare("UPDATE feeds SET state = 'disabled', disabled_at = ? WHERE id = ?"),
      writePoll: db.prepare("UPDATE feeds SET next_poll_at = ?, last_status = ? WHERE id = ?"),
      writeValidators: db.prepare("UPDATE feeds SET etag = ?, last_modified = ?, ttl_minutes = ? WHERE id = ?"),
      writeFetchUrl: db.prepare("UPDATE feeds SET fetch_url = ? WHERE id = ?"),
      due: db.prepare(
        "SELECT * FROM feeds WHERE next_poll_at IS NOT NULL AND next_poll_at <= ? ORDER BY next_poll_at, id",
      ),
      get: db.prepare("SELECT * FROM feeds WHERE id = ?"),
      all: db.prepare("SELECT * FROM feeds ORDER BY publisher, url"),
    };
  }

  /** Returns the feed's id, creating the row on first sight. */
  ensure(feed: {
    url: string;
    publisher?: string | undefined;
    lang?: Lang | undefined;
    trusted?: boolean | undefined;
    demo?: boolean | undefined;
  }): number {
    // Without a publisher a new feed is named after its site or file until its channel title is read (`rename`),
    // and a known one keeps the name it has.
    this.sql.ensure.run(
      feed.url,
      feed.publisher ?? provisionalOutlet(feed.url),
      feed.lang ?? null,
      feed.trusted ? 1 : 0,
      feed.demo ? 1 : 0,
      feed.publisher ?? null,
    );
    return this.sql.idOf.get(feed.url) as number;
  }

  /** Marks a feed as polled (due at once if it never was) with its own interval, or the default when undefined. */
  startPolling(id: number, intervalMinutes: number | undefined): void {
    this.sql.startPolling.run(intervalMinutes ?? null, id);
  }

  /** Names the outlet a feed is from, as its channel title tells it. */
  rename(id: number, publisher: string): void {
    this.sql.rename.run(publisher, id);
  }

  /** A read the pipeline accepted: the feed is healthy again, even if it was disabled. */
  recordSuccess(id: number, at: number, title: string, newItems: number): void {
    this.sql.recordSuccess.run(title, at, newItems, id);
  }

  /** The server said the feed has not changed since the last read (304): as healthy as a fresh read. */
  recordUnchanged(id: number, at: number): void {
    this.sql.recordUnchanged.run(at, id);
  }

  /**
   * A disabled feed stays disabled and a quarantined one quarantined (so it is
   * still read alone), any other starts or goes on failing.
   */
  recordFailure(id: number, at: number, fault: FeedFault): void {
    this.sql.recordFailure.run(fault.reason, fault.detail, at, at, id);
  }

  /** Notes that the feed's document is being read and filed, in a commit of its own, so a crash leaves the mark. */
  markProcessing(ids: readonly number[], at: number): void {
    const mark = this.sql.markProcessing;
    this.db.transaction(() => {
      for (const id of ids) mark.run(at, id);
    })();
  }

  /** The feeds' documents were read and filed (or failed as values): the process survived them. */
  clearProcessing(ids: readonly number[]): void {
    const clear = this.sql.clearProcessing;
    this.db.transaction(() => {
      for (const id of ids) clear.run(id);
    })();
  }

  /** Feeds whose reading was under way when the process stopped without finishing it. */
  interrupted(): FeedRecord[] {
    const rows = this.sql.interrupted.all() as FeedRow[];
    return rows.map(toRecord);
  }

  /** Sets a feed aside after it brought the process down: not read again before `retryAt`, and then alone. */
  quarantine(id: number, at: number, fault: FeedFault, retryAt: number): void {
    this.sql.quarantine.run(fault.reason, fault.detail, at, at, retryAt, id);
  }

  /** Stops regular polling of a feed that kept failing; the poller still re-probes it. */
  disable(id: number, at: number): void {
    this.sql.disable.run(at, id);
  }

  /** Schedules the next poll and keeps what the server said. */
  recordPoll(id: number, update: PollUpdate): void {
    this.db.transaction(() => this.writePoll(id, update))();
  }

  private writePoll(id: number, update: PollUpdate): void {
    this.sql.writePoll.run(update.nextPollAt, update.lastStatus, id);
    if (update.validators) {
      const { etag, lastModified, ttlMinutes } = update.validators;
      this.sql.writeValidators.run(etag, lastModified, ttlMinutes, id);
    }
    if (update.fetchUrl !== undefined) {
      this.sql.writeFetchUrl.run(update.fetchUrl, id);
    }
  }

  /** Polled feeds whose next poll is at or before `now`, longest waiting first. */
  due(now: number): FeedRecord[] {
    const rows = this.sql.due.all(now) as FeedRow[];
    return rows.map(toRecord);
  }

  /** One feed, as it is now. */
  get(id: number): FeedRecord | undefined {
    const row = this.sql.get.get(id) as FeedRow | undefined;
    return row && toRecord(row);
  }

  /** Every feed, by publisher: polled ones and those read from files. */
  all(): FeedRecord[] {
    const rows = this.sql.all.all() as FeedRow[];
    return rows.map(toRecord);
  }
}

function toRecord(row: FeedRow): FeedRecord {
  return {
    id: row.id,
    url: row.url,
    fetchUrl: row.fetch_url ?? row.url,
    publisher: row.publisher,
    lang: row.lang,
    trusted: row.trusted === 1,
    title: row.title,
    etag: row.etag,
    lastModified: row.last_modified,
    lastSuccessAt: row.last_success_at,
    lastError:
      row.last_error_reason === null
        ? null
        : { reason: row.last_error_reason as FeedFault["reason"], detail: row.last_error_detail ?? "" },
    lastErrorAt: row.last_error_at,
    lastStatus: row.last_status,
    failures: row.failures,
    failingSince: row.failing_since,
    disabledAt: row.disabled_at,
    state: FeedState.parse(row.state),
    itemCount: row.item_count,
    nextPollAt: row.next_poll_at,
    intervalMinutes: row.interval_minutes,
    ttlMinutes: row.ttl_minutes,
    demo: row.demo === 1,
  };
}
