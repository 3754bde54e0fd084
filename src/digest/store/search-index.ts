import type { Development } from "../model.js";
import type { DevelopmentStore } from "./development-store.js";
import type { Db } from "./open-database.js";

/** A development found by a search, with how many of the query's units it matched and FTS5's BM25 (lower is better). */
export interface SearchHit {
  development: Development;
  rank: number;
  matched: number;
}

/** A development's search rows are numbered developmentId × ROWS_PER_DEVELOPMENT + chunk. */
const ROWS_PER_DEVELOPMENT = 65_536;
/** The row that holds a development's terms as they were indexed whole before chunks (migration 12). */
const LEGACY_CHUNK = ROWS_PER_DEVELOPMENT - 1;
/** The last chunk a development's new reports can go to (the one before the legacy row). */
export const LAST_CHUNK = LEGACY_CHUNK - 1;

/**
 * The full-text index over developments (FTS5, search_chunks). A development's reports are indexed in chunks of a
 * few, each chunk its own row, so a new report rewrites one small row however large its development is; a search
 * still finds developments, not chunks: a development matches a unit when any of its chunks does.
 */
export class SearchIndex {
  private readonly sql;

  constructor(
    db: Db,
    private readonly developments: DevelopmentStore,
  ) {
    const development = `rowid / ${ROWS_PER_DEVELOPMENT}`;
    this.sql = {
      remove: db.prepare("DELETE FROM search_chunks WHERE rowid = ?"),
      add: db.prepare("INSERT INTO search_chunks (rowid, terms) VALUES (?, ?)"),
      removeAll: db.prepare("DELETE FROM search_chunks WHERE rowid >= ? AND rowid <= ?"),
      matching: db.prepare(`SELECT DISTINCT ${development} FROM search_chunks WHERE search_chunks MATCH ?`).pluck(),
      ranked: db.prepare(
        // FTS5's rank column is its BM25; bm25() itself cannot sit inside an aggregate.
        `SELECT id, min(rank) AS rank FROM
           (SELECT ${development} AS id, rank FROM search_chunks WHERE search_chunks MATCH ?)
         GROUP BY id`,
      ),
    };
  }

  /** Replaces one chunk of a development's index terms (space-separated stems and markers, see searchTerms). */
  indexChunk(developmentId: number, chunk: number, terms: string): void {
    if (!Number.isInteger(chunk) || chunk < 0 || chunk > LAST_CHUNK) throw new RangeError(`no search chunk ${chunk}`);
    const rowid = developmentId * ROWS_PER_DEVELOPMENT + chunk;
    this.sql.remove.run(rowid);
    this.sql.add.run(rowid, terms);
  }

  /** Forgets every chunk of a development's terms. */
  removeDevelopment(developmentId: number): void {
    const first = developmentId * ROWS_PER_DEVELOPMENT;
    this.sql.removeAll.run(first, first + ROWS_PER_DEVELOPMENT - 1);
  }

  /**
   * Full-text search over developments. `units` are FTS5 expressions, one per thing a query asks for; a development is
   * found when its chunks match at least `minMatched` of them (each unit within one report, the units across its
   * reports). Those matching more come first, then by FTS5's BM25 of their best chunk (lower rank is better).
   */
  search(units: readonly string[], limit: number, minMatched = units.length): SearchHit[] {
    if (units.length === 0 || limit <= 0) return [];
    const least = Math.min(Math.max(minMatched, 1), units.length);
    // How many units each development matches: one pass over the index per unit (one is its own count).
    const matched = new Map<number, number>();
    if (units.length > 1) {
      for (const unit of units) {
        for (const id of this.sql.matching.iterate(unit) as IterableIterator<number>)
          matched.set(id, (matched.get(id) ?? 0) + 1);
      }
    }
    const query = units.map((unit) => `(${unit})`).join(" OR ");
    const rows = (this.sql.ranked.all(query) as { id: number; rank: number }[])
      .map((row) => ({ ...row, matched: units.length > 1 ? (matched.get(row.id) ?? 0) : 1 }))
      .filter((row) => row.matched >= least)
      .sort((a, b) => b.matched - a.matched || a.rank - b.rank || a.id - b.id)
      .slice(0, limit);
    return rows.flatMap((row) => {
      const development = this.developments.get(row.id);
      return development ? [{ development, rank: row.rank, matched: row.matched }] : [];
    });
  }
}
