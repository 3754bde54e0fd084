import type { Db } from "./open-database.js";

/** Persists the document frequencies the grouping and search weigh words by. */
export class TermStatsStore {
  private readonly sql;

  constructor(db: Db) {
    this.sql = {
      load: db.prepare("SELECT term, df FROM term_stats").raw(),
      loadDocCount: db.prepare("SELECT value FROM meta WHERE key = 'doc_count'").pluck(),
      save: db.prepare(
        "INSERT INTO term_stats (term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = excluded.df",
      ),
      saveDocCount: db.prepare(
        "INSERT INTO meta (key, value) VALUES ('doc_count', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      ),
      forgetRare: db.prepare("DELETE FROM term_stats WHERE df <= ?"),
      clear: db.prepare("DELETE FROM term_stats"),
      clearDocCount: db.prepare("DELETE FROM meta WHERE key = 'doc_count'"),
    };
  }

  load(): { rows: [string, number][]; docCount: number } {
    const rows = this.sql.load.all() as [string, number][];
    const docCount = Number(this.sql.loadDocCount.get() ?? 0);
    return { rows, docCount };
  }

  save(changes: readonly [string, number][], docCount: number): void {
    const upsert = this.sql.save;
    for (const [term, df] of changes) upsert.run(term, df);
    this.sql.saveDocCount.run(String(docCount));
  }

  /** Forgets the keys counted `maxCount` times or fewer, as TermStats.prune did. */
  forgetRare(maxCount: number): void {
    this.sql.forgetRare.run(maxCount);
  }

  /** Forgets every count, so the next start seeds them afresh. */
  clear(): void {
    this.sql.clear.run();
    this.sql.clearDocCount.run();
  }
}
