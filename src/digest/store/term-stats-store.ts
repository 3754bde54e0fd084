import type { Db } from "./open-database.js";

/** Persists the document frequencies the grouping and search weigh words by. */
export class TermStatsStore {
  constructor(private readonly db: Db) {}

  load(): { rows: [string, number][]; docCount: number } {
    const rows = this.db.prepare("SELECT term, df FROM term_stats").raw().all() as [string, number][];
    const docCount = Number(this.db.prepare("SELECT value FROM meta WHERE key = 'doc_count'").pluck().get() ?? 0);
    return { rows, docCount };
  }

  save(changes: readonly [string, number][], docCount: number): void {
    const upsert = this.db.prepare(
      "INSERT INTO term_stats (term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = excluded.df",
    );
    for (const [term, df] of changes) upsert.run(term, df);
    this.db
      .prepare(
        "INSERT INTO meta (key, value) VALUES ('doc_count', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      )
      .run(String(docCount));
  }

  /** Forgets every count, so the next start seeds them afresh. */
  clear(): void {
    this.db.prepare("DELETE FROM term_stats").run();
    this.db.prepare("DELETE FROM meta WHERE key = 'doc_count'").run();
  }
}
