import { z } from "zod";
import type { Development, Lang } from "../model.js";
import type { Db } from "./open-database.js";
import { engineOf } from "./sql-database.js";

const StringList = z.array(z.string());

interface DevelopmentRow {
  id: number;
  headline_es: string | null;
  headline_en: string | null;
  summary_es: string | null;
  summary_en: string | null;
  actor_ids: string;
  concept_ids: string;
  publishers: string;
  article_count: number;
  first_seen: number;
  last_seen: number;
  relevance: number;
}

/** See DevelopmentStore.searchProgress. */
export interface SearchProgress {
  through: number;
  originals: number;
}

/** The developments in SQLite: one record per real-world event, as the grouping last refreshed it. */
export class DevelopmentStore {
  private readonly sql;

  constructor(db: Db) {
    this.sql = {
      maxId: db.prepare("SELECT max(id) FROM developments").pluck(),
      idFloor: db.prepare("SELECT value FROM meta WHERE key = 'development_id_floor'").pluck(),
      ensure: db.prepare(
        "INSERT INTO developments (id, first_seen, last_seen, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
      ),
      update: db.prepare(
        `UPDATE developments SET headline_es = ?, headline_en = ?, summary_es = ?, summary_en = ?, actor_ids = ?,
         concept_ids = ?, publishers = ?, article_count = ?, first_seen = ?, last_seen = ?, relevance = ?, updated_at = ?
         WHERE id = ?`,
      ),
      get: db.prepare("SELECT * FROM developments WHERE id = ?"),
      seenBetween: db.prepare(
        `SELECT * FROM developments WHERE last_seen > ? AND last_seen <= ? AND relevance >= ?
         ORDER BY last_seen DESC, id DESC LIMIT ?`,
      ),
      firstSeenBetween: db.prepare(
        `SELECT * FROM developments WHERE first_seen >= ? AND first_seen <= ? AND relevance >= ?
         ORDER BY first_seen, id LIMIT ?`,
      ),
      latest: db.prepare(
        "SELECT * FROM developments WHERE last_seen <= ? AND relevance >= ? ORDER BY last_seen DESC, id DESC LIMIT ?",
      ),
      mostReported: db.prepare(
        `SELECT * FROM developments WHERE first_seen <= ? AND relevance >= ?
         ORDER BY ${engineOf(db) === "postgres" ? "json_array_length(CAST(publishers AS json))" : "json_array_length(publishers)"} DESC, last_seen DESC, id LIMIT ?`,
      ),
      count: db.prepare("SELECT count(*) FROM developments").pluck(),
      searchProgress: db.prepare(
        "SELECT searched_through AS through, searched_originals AS originals FROM developments WHERE id = ?",
      ),
      markSearched: db.prepare("UPDATE developments SET searched_through = ?, searched_originals = ? WHERE id = ?"),
    };
  }

  /** The first id a new development may take: past every development there is, and every one removed. */
  nextId(): number {
    const next = ((this.sql.maxId.get() as number | null) ?? 0) + 1;
    return Math.max(next, Number(this.sql.idFloor.get() ?? 0));
  }

  /** Creates a development row if it does not exist yet (its fields are filled by `update`). */
  ensure(id: number, at: number): void {
    this.sql.ensure.run(id, at, at, at);
  }

  /** Writes a development's record as the grouping recomputed it. */
  update(dev: Development, at: number): void {
    this.sql.update.run(
      dev.headline.es ?? null,
      dev.headline.en ?? null,
      dev.summary.es ?? null,
      dev.summary.en ?? null,
      JSON.stringify(dev.actorIds),
      JSON.stringify(dev.conceptIds),
      JSON.stringify(dev.publishers),
      dev.articleCount,
      dev.firstSeen,
      dev.lastSeen,
      dev.relevance,
      at,
      dev.id,
    );
  }

  /**
   * How far a development's reports are in the search index: the last original indexed (its rowid, in filing
   * order) and how many originals that makes.
   */
  searchProgress(id: number): SearchProgress {
    return (this.sql.searchProgress.get(id) as SearchProgress | undefined) ?? { through: 0, originals: 0 };
  }

  markSearched(id: number, progress: SearchProgress): void {
    this.sql.markSearched.run(progress.through, progress.originals, id);
  }

  get(id: number): Development | undefined {
    const row = this.sql.get.get(id) as DevelopmentRow | undefined;
    return row && toDevelopment(row);
  }

  /** The developments with these ids, in the order given; ids with none are skipped. */
  getAll(ids: readonly number[]): Development[] {
    return ids.flatMap((id) => {
      const development = this.get(id);
      return development ? [development] : [];
    });
  }

  /** Developments seen in (from, to], newest first; with `minRelevance`, only those that belong to the story that much. */
  seenBetween(from: number, to: number, limit = 200, minRelevance = 0): Development[] {
    return this.rows(this.sql.seenBetween.all(from, to, minRelevance, limit));
  }

  /** Developments first seen in [from, to], oldest first (a timeline). */
  firstSeenBetween(from: number, to: number, limit = 200, minRelevance = 0): Development[] {
    return this.rows(this.sql.firstSeenBetween.all(from, to, minRelevance, limit));
  }

  /** The newest developments seen at or before `at`. */
  latest(at: number, limit: number, minRelevance = 0): Development[] {
    return this.rows(this.sql.latest.all(at, minRelevance, limit));
  }

  /** The developments most outlets reported, up to `at`: what "the story so far" shows. */
  mostReported(at: number, limit: number, minRelevance = 0): Development[] {
    return this.rows(this.sql.mostReported.all(at, minRelevance, limit));
  }

  count(): number {
    return this.sql.count.get() as number;
  }

  private rows(rows: unknown[]): Development[] {
    return (rows as DevelopmentRow[]).map(toDevelopment);
  }
}

function toDevelopment(row: DevelopmentRow): Development {
  return {
    id: row.id,
    headline: compact({ es: row.headline_es, en: row.headline_en }),
    summary: compact({ es: row.summary_es, en: row.summary_en }),
    actorIds: StringList.parse(JSON.parse(row.actor_ids)),
    conceptIds: StringList.parse(JSON.parse(row.concept_ids)),
    publishers: StringList.parse(JSON.parse(row.publishers)),
    articleCount: row.article_count,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    relevance: row.relevance,
  };
}

function compact(byLang: Record<Lang, string | null>): Partial<Record<Lang, string>> {
  const out: Partial<Record<Lang, string>> = {};
  if (byLang.es) out.es = byLang.es;
  if (byLang.en) out.en = byLang.en;
  return out;
}
