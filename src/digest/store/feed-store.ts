import type { Lang } from "../model.js";
import type { Db } from "./open-database.js";

/** What /sources shows about one feed. */
export interface FeedRecord {
  id: number;
  url: string;
  publisher: string;
  lang: Lang | null;
  trusted: boolean;
  title: string | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  failures: number;
  state: string;
  itemCount: number;
}

interface FeedRow {
  id: number;
  url: string;
  publisher: string;
  lang: Lang | null;
  trusted: number;
  title: string | null;
  last_success_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
  failures: number;
  state: string;
  item_count: number;
}

/** Feeds Hilo reads, with the outcome of the last read. */
export class FeedStore {
  constructor(private readonly db: Db) {}

  /** Returns the feed's id, creating the row on first sight. */
  ensure(feed: { url: string; publisher: string; lang?: Lang | undefined; trusted?: boolean }): number {
    this.db
      .prepare(
        `INSERT INTO feeds (url, publisher, lang, trusted) VALUES (?, ?, ?, ?)
         ON CONFLICT(url) DO UPDATE SET publisher = excluded.publisher, lang = excluded.lang, trusted = excluded.trusted`,
      )
      .run(feed.url, feed.publisher, feed.lang ?? null, feed.trusted ? 1 : 0);
    return this.db.prepare("SELECT id FROM feeds WHERE url = ?").pluck().get(feed.url) as number;
  }

  recordSuccess(id: number, at: number, title: string, newItems: number): void {
    this.db
      .prepare(
        `UPDATE feeds SET title = ?, last_success_at = ?, failures = 0, state = 'active',
         item_count = item_count + ? WHERE id = ?`,
      )
      .run(title, at, newItems, id);
  }

  recordFailure(id: number, at: number, reason: string): void {
    this.db
      .prepare("UPDATE feeds SET last_error = ?, last_error_at = ?, failures = failures + 1 WHERE id = ?")
      .run(reason, at, id);
  }

  all(): FeedRecord[] {
    const rows = this.db.prepare("SELECT * FROM feeds ORDER BY publisher, url").all() as FeedRow[];
    return rows.map((row) => ({
      id: row.id,
      url: row.url,
      publisher: row.publisher,
      lang: row.lang,
      trusted: row.trusted === 1,
      title: row.title,
      lastSuccessAt: row.last_success_at,
      lastError: row.last_error,
      lastErrorAt: row.last_error_at,
      failures: row.failures,
      state: row.state,
      itemCount: row.item_count,
    }));
  }
}
