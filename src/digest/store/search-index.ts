import type { Development } from "../model.js";
import type { DevelopmentStore } from "./development-store.js";
import type { Db } from "./open-database.js";
import { PostgresChunkSearch, type RankedDevelopment } from "./postgres/postgres-chunk-search.js";
import { PostgresDatabase } from "./postgres/postgres-database.js";

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
 * The full-text index over developments (search_chunks: FTS5 on SQLite, tsvector on PostgreSQL). A development's reports are indexed in chunks of a
 * few, each chunk its own row, so a new report rewrites one small row however large its development is; a search
 * still finds developments, not chunks: a development matches a unit when any of its chunks does.
 */
export class SearchIndex {
  private readonly sql;
  private readonly chunks: ChunkSearch;

  constructor(
    db: Db,
    private readonly developments: DevelopmentStore,
  ) {
    this.sql = {
      remove: db.prepare("DELETE FROM search_chunks WHERE rowid = ?"),
      add: db.prepare("INSERT INTO search_chunks (rowid, terms) VALUES (?, ?)"),
      removeAll: db.prepare("DELETE FROM search_chunks WHERE rowid >= ? AND rowid <= ?"),
    };
    this.chunks =
      db instanceof PostgresDatabase
        ? new PostgresChunkSearch(db, ROWS_PER_DEVELOPMENT)
        : new Fts5ChunkSearch(db, ROWS_PER_DEVELOPMENT);
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
        for (const id of this.chunks.developmentsMatching(unit)) matched.set(id, (matched.get(id) ?? 0) + 1);
      }
    }
    const rows = this.chunks
      .bestRanks(units)
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

/** The two questions a search asks of the chunks, each database answering with its own full-text search. */
interface ChunkSearch {
  developmentsMatching(unit: string): number[];
  bestRanks(units: readonly string[]): RankedDevelopment[];
}

/** SQLite's FTS5 over search_chunks. */
class Fts5ChunkSearch implements ChunkSearch {
  private readonly sql;

  constructor(db: Db, rowsPerDevelopment: number) {
    const development = `rowid / ${rowsPerDevelopment}`;
    this.sql = {
      matching: db.prepare(`SELECT DISTINCT ${development} FROM search_chunks WHERE search_chunks MATCH ?`).pluck(),
      ranked: db.prepare(
        // FTS5's rank column is its BM25; bm25() itself cannot sit inside an aggregate.
        `SELECT id, min(rank) AS rank FROM
           (SELECT ${development} AS id, rank FROM search_chunks WHERE search_chunks MATCH ?)
         GROUP BY id`,
      ),
    };
  }

  developmentsMatching(unit: string): number[] {
    return this.sql.matching.all(unit) as number[];
  }

  bestRanks(units: readonly string[]): RankedDevelopment[] {
    return this.sql.ranked.all(units.map((unit) => `(${unit})`).join(" OR ")) as RankedDevelopment[];
  }
}
