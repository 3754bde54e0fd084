import type { Development } from "../model.js";
import type { DevelopmentStore } from "./development-store.js";
import type { Db } from "./open-database.js";

/** A development found by a search, with how many of the query's units it matched and FTS5's BM25 (lower is better). */
export interface SearchHit {
  development: Development;
  rank: number;
  matched: number;
}

/** The full-text index over developments (FTS5, development_search): one row of stems and markers per development. */
export class SearchIndex {
  private readonly sql;

  constructor(
    db: Db,
    private readonly developments: DevelopmentStore,
  ) {
    this.sql = {
      remove: db.prepare("DELETE FROM development_search WHERE rowid = ?"),
      add: db.prepare("INSERT INTO development_search (rowid, terms) VALUES (?, ?)"),
      ranked: db.prepare(
        `SELECT rowid AS id, bm25(development_search) AS rank FROM development_search
         WHERE development_search MATCH ? ORDER BY rank LIMIT ?`,
      ),
      matching: db.prepare("SELECT rowid FROM development_search WHERE development_search MATCH ?").pluck(),
      rankedAmong: db.prepare(
        `SELECT rowid AS id, bm25(development_search) AS rank FROM development_search
         WHERE development_search MATCH ? AND rowid IN (SELECT value FROM json_each(?))`,
      ),
    };
  }

  /** Replaces a development's index terms (space-separated stems and markers, see refreshDevelopment). */
  index(developmentId: number, terms: string): void {
    this.sql.remove.run(developmentId);
    this.sql.add.run(developmentId, terms);
  }

  /**
   * Full-text search over developments. `units` are FTS5 expressions, one per thing a query asks for; a development is
   * found when it matches at least `minMatched` of them. Those matching more come first, then by FTS5's BM25 over
   * all of them (lower rank is better).
   */
  search(units: readonly string[], limit: number, minMatched = units.length): SearchHit[] {
    if (units.length === 0 || limit <= 0) return [];
    const least = Math.min(Math.max(minMatched, 1), units.length);
    const grouped = units.map((unit) => `(${unit})`);
    let rows: { id: number; rank: number; matched: number }[];
    if (least === units.length) {
      rows = (this.sql.ranked.all(grouped.join(" AND "), limit) as { id: number; rank: number }[]).map((row) => ({
        ...row,
        matched: units.length,
      }));
    } else {
      // How many units each development matches: one pass over the index per unit.
      const matched = new Map<number, number>();
      for (const unit of units) {
        for (const id of this.sql.matching.iterate(unit) as IterableIterator<number>)
          matched.set(id, (matched.get(id) ?? 0) + 1);
      }
      const candidates = [...matched].filter(([, count]) => count >= least).map(([id]) => id);
      rows = (
        this.sql.rankedAmong.all(grouped.join(" OR "), JSON.stringify(candidates)) as { id: number; rank: number }[]
      )
        .map((row) => ({ ...row, matched: matched.get(row.id) ?? 0 }))
        .sort((a, b) => b.matched - a.matched || a.rank - b.rank || a.id - b.id)
        .slice(0, limit);
    }
    return rows.flatMap((row) => {
      const development = this.developments.get(row.id);
      return development ? [{ development, rank: row.rank, matched: row.matched }] : [];
    });
  }
}
