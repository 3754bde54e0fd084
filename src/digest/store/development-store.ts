import { z } from "zod";
import type { Article, Development, Lang } from "../model.js";
import type { Db } from "./open-database.js";

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

interface ArticleRow {
  id: string;
  feed_id: number;
  development_id: number;
  url: string | null;
  title: string;
  text: string;
  lang: Lang;
  published_at: number;
  copy_of: string | null;
  publisher: string;
  feed_url: string;
}

/** An article as read back, with its publisher. */
export type StoredArticle = Omit<Article, "actorIds" | "relevance">;

/** What a source link needs of an article. */
export type ArticleSource = Pick<StoredArticle, "publisher" | "title" | "url" | "publishedAt" | "copyOf">;

/** A development as the grouping recomputes it after each batch, with its terms for /search. */
export type DevelopmentUpdate = Development & {
  /** Space-separated index terms for /search. */
  searchTerms: string;
};

/** Developments and their articles in SQLite. */
export class DevelopmentStore {
  constructor(private readonly db: Db) {}

  hasArticle(id: string): boolean {
    return this.db.prepare("SELECT 1 FROM articles WHERE id = ?").get(id) !== undefined;
  }

  developmentOfArticle(articleId: string): number | undefined {
    return this.db.prepare("SELECT development_id FROM articles WHERE id = ?").pluck().get(articleId) as
      | number
      | undefined;
  }

  /** The first id a new development may take: past every development there is, and every one removed. */
  nextDevelopmentId(): number {
    const next = ((this.db.prepare("SELECT max(id) FROM developments").pluck().get() as number | null) ?? 0) + 1;
    const floor = Number(
      this.db.prepare("SELECT value FROM meta WHERE key = 'development_id_floor'").pluck().get() ?? 0,
    );
    return Math.max(next, floor);
  }

  /** Creates a development row if it does not exist yet (its fields are filled by `update`). */
  ensureDevelopment(id: number, at: number): void {
    this.db
      .prepare("INSERT OR IGNORE INTO developments (id, first_seen, last_seen, updated_at) VALUES (?, ?, ?, ?)")
      .run(id, at, at, at);
  }

  insertArticle(article: Article, feedId: number, ingestedAt: number): void {
    this.db
      .prepare(
        `INSERT INTO articles (id, feed_id, development_id, url, title, text, lang, published_at, ingested_at, copy_of, relevance)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        article.id,
        feedId,
        article.developmentId,
        article.url,
        article.title,
        article.text,
        article.lang,
        article.publishedAt,
        ingestedAt,
        article.copyOf,
        article.relevance,
      );
    const mention = this.db.prepare(
      "INSERT OR IGNORE INTO actor_mentions (article_id, actor_id, development_id, published_at) VALUES (?, ?, ?, ?)",
    );
    for (const actorId of article.actorIds) {
      mention.run(article.id, actorId, article.developmentId, article.publishedAt);
    }
  }

  update(dev: DevelopmentUpdate, at: number): void {
    this.db
      .prepare(
        `UPDATE developments SET headline_es = ?, headline_en = ?, summary_es = ?, summary_en = ?, actor_ids = ?,
         concept_ids = ?, publishers = ?, article_count = ?, first_seen = ?, last_seen = ?, relevance = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
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
    this.db.prepare("DELETE FROM development_search WHERE rowid = ?").run(dev.id);
    this.db.prepare("INSERT INTO development_search (rowid, terms) VALUES (?, ?)").run(dev.id, dev.searchTerms);
  }

  get(id: number): Development | undefined {
    const row = this.db.prepare("SELECT * FROM developments WHERE id = ?").get(id) as DevelopmentRow | undefined;
    return row && this.toDevelopment(row);
  }

  /** Developments seen in (from, to], newest first; with `minRelevance`, only those that belong to the story that much. */
  seenBetween(from: number, to: number, limit = 200, minRelevance = 0): Development[] {
    const rows = this.db
      .prepare(
        "SELECT * FROM developments WHERE last_seen > ? AND last_seen <= ? AND relevance >= ? ORDER BY last_seen DESC, id DESC LIMIT ?",
      )
      .all(from, to, minRelevance, limit) as DevelopmentRow[];
    return rows.map((row) => this.toDevelopment(row));
  }

  /** Developments first seen in [from, to], oldest first (a timeline). */
  firstSeenBetween(from: number, to: number, limit = 200, minRelevance = 0): Development[] {
    const rows = this.db
      .prepare(
        "SELECT * FROM developments WHERE first_seen >= ? AND first_seen <= ? AND relevance >= ? ORDER BY first_seen, id LIMIT ?",
      )
      .all(from, to, minRelevance, limit) as DevelopmentRow[];
    return rows.map((row) => this.toDevelopment(row));
  }

  /** The newest developments seen at or before `at`. */
  latest(at: number, limit: number, minRelevance = 0): Development[] {
    const rows = this.db
      .prepare(
        "SELECT * FROM developments WHERE last_seen <= ? AND relevance >= ? ORDER BY last_seen DESC, id DESC LIMIT ?",
      )
      .all(at, minRelevance, limit) as DevelopmentRow[];
    return rows.map((row) => this.toDevelopment(row));
  }

  /** The developments most outlets reported, up to `at`: what "the story so far" shows. */
  mostReported(at: number, limit: number, minRelevance = 0): Development[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM developments WHERE first_seen <= ? AND relevance >= ?
         ORDER BY json_array_length(publishers) DESC, last_seen DESC, id LIMIT ?`,
      )
      .all(at, minRelevance, limit) as DevelopmentRow[];
    return rows.map((row) => this.toDevelopment(row));
  }

  /** Developments that mention an actor, newest mention first. */
  withActor(actorId: string, from: number, to: number, limit: number): Development[] {
    return this.developmentIdsWithActor(actorId, from, to, limit)
      .map((id) => this.get(id))
      .filter((dev): dev is Development => dev !== undefined);
  }

  /**
   * Ids of the developments that mention an actor, by their newest mention (ties: higher id first). Walks the
   * actor's mentions newest first and stops at `limit` developments, so the cost does not grow with the archive
   * (grouping all of a frequent actor's mentions took 13 ms at 100k articles).
   */
  private developmentIdsWithActor(actorId: string, from: number, to: number, limit: number): number[] {
    const ids: number[] = [];
    const seen = new Set<number>();
    const mentions = this.db
      .prepare(
        `SELECT development_id FROM actor_mentions WHERE actor_id = ? AND published_at >= ? AND published_at <= ?
         ORDER BY published_at DESC, development_id DESC`,
      )
      .pluck()
      .iterate(actorId, from, to) as IterableIterator<number>;
    for (const id of mentions) {
      if (seen.has(id)) continue;
      seen.add(id);
      ids.push(id);
      if (ids.length >= limit) break;
    }
    return ids;
  }

  /**
   * The developments most about an actor: among its `scan` newest mentions, those with the most reports naming it
   * (ties: the newer), newest first. A passing mention in one report of a big development does not push out the
   * events the actor is at the centre of; the scan bounds the cost however long the archive.
   */
  mostAbout(actorId: string, to: number, limit: number, scan = 500): Development[] {
    const counts = new Map<number, number>();
    const mentions = this.db
      .prepare(
        "SELECT development_id FROM actor_mentions WHERE actor_id = ? AND published_at <= ? ORDER BY published_at DESC LIMIT ?",
      )
      .pluck()
      .all(actorId, to, scan) as number[];
    for (const id of mentions) counts.set(id, (counts.get(id) ?? 0) + 1);
    const order = [...counts.keys()];
    const chosen = order
      .map((id, rank) => ({ id, rank, count: counts.get(id)! }))
      .sort((a, b) => b.count - a.count || a.rank - b.rank)
      .slice(0, limit)
      .sort((a, b) => a.rank - b.rank);
    return chosen.map(({ id }) => this.get(id)).filter((dev): dev is Development => dev !== undefined);
  }

  /** How many reports mention an actor: how much the news is about it. */
  mentionCount(actorId: string): number {
    return this.db.prepare("SELECT count(*) FROM actor_mentions WHERE actor_id = ?").pluck().get(actorId) as number;
  }

  /** The actors of a development, most mentioned first. */
  actorsOf(developmentId: number): string[] {
    return this.db
      .prepare(
        `SELECT actor_id FROM actor_mentions WHERE development_id = ? GROUP BY actor_id
         ORDER BY count(*) DESC, min(published_at), actor_id`,
      )
      .pluck()
      .all(developmentId) as string[];
  }

  /**
   * Actors that appear in the same developments as `actorId`, with how many they share, among the actor's
   * `recent` newest developments: who the actor is seen with lately, at a cost that does not grow with the archive.
   */
  coActors(actorId: string, limit: number, recent = 200): { actorId: string; developments: number }[] {
    const ids = this.developmentIdsWithActor(actorId, 0, Number.MAX_SAFE_INTEGER, recent);
    return this.db
      .prepare(
        `SELECT actor_id AS actorId, count(DISTINCT development_id) AS developments FROM actor_mentions
         WHERE development_id IN (SELECT value FROM json_each(?)) AND actor_id != ?
         GROUP BY actor_id ORDER BY developments DESC, actor_id LIMIT ?`,
      )
      .all(JSON.stringify(ids), actorId, limit) as { actorId: string; developments: number }[];
  }

  /**
   * Full-text search over developments. `units` are FTS5 expressions, one per thing a query asks for; a development is
   * found when it matches at least `minMatched` of them. Those matching more come first, then by FTS5's BM25 over
   * all of them (lower rank is better).
   */
  search(
    units: readonly string[],
    limit: number,
    minMatched = units.length,
  ): { development: Development; rank: number; matched: number }[] {
    if (units.length === 0 || limit <= 0) return [];
    const least = Math.min(Math.max(minMatched, 1), units.length);
    const grouped = units.map((unit) => `(${unit})`);
    let rows: { id: number; rank: number; matched: number }[];
    if (least === units.length) {
      rows = (
        this.db
          .prepare(
            `SELECT rowid AS id, bm25(development_search) AS rank FROM development_search
             WHERE development_search MATCH ? ORDER BY rank LIMIT ?`,
          )
          .all(grouped.join(" AND "), limit) as { id: number; rank: number }[]
      ).map((row) => ({ ...row, matched: units.length }));
    } else {
      // How many units each development matches: one pass over the index per unit.
      const matched = new Map<number, number>();
      const ids = this.db.prepare("SELECT rowid FROM development_search WHERE development_search MATCH ?").pluck();
      for (const unit of units) {
        for (const id of ids.iterate(unit) as IterableIterator<number>) matched.set(id, (matched.get(id) ?? 0) + 1);
      }
      const candidates = [...matched].filter(([, count]) => count >= least).map(([id]) => id);
      rows = (
        this.db
          .prepare(
            `SELECT rowid AS id, bm25(development_search) AS rank FROM development_search
             WHERE development_search MATCH ? AND rowid IN (SELECT value FROM json_each(?))`,
          )
          .all(grouped.join(" OR "), JSON.stringify(candidates)) as { id: number; rank: number }[]
      )
        .map((row) => ({ ...row, matched: matched.get(row.id) ?? 0 }))
        .sort((a, b) => b.matched - a.matched || a.rank - b.rank || a.id - b.id)
        .slice(0, limit);
    }
    return rows.flatMap((row) => {
      const development = this.get(row.id);
      return development ? [{ development, rank: row.rank, matched: row.matched }] : [];
    });
  }

  /**
   * The newest original reports of a development with a web link, without their text: what a list line's source
   * links need. Reading whole articles for that made /timeline and /actor slow on a large archive.
   */
  sourcesOf(developmentId: number, limit: number): ArticleSource[] {
    const rows = this.db
      .prepare(
        `SELECT feeds.publisher, articles.title, articles.url, articles.published_at, articles.copy_of
         FROM articles JOIN feeds ON feeds.id = articles.feed_id
         WHERE articles.development_id = ? AND articles.copy_of IS NULL AND articles.url IS NOT NULL
         ORDER BY articles.published_at DESC, articles.id LIMIT ?`,
      )
      .all(developmentId, limit) as {
      publisher: string;
      title: string;
      url: string;
      published_at: number;
      copy_of: string | null;
    }[];
    return rows.map((row) => ({
      publisher: row.publisher,
      title: row.title,
      url: row.url,
      publishedAt: row.published_at,
      copyOf: row.copy_of,
    }));
  }

  /**
   * What a development's record says of all its reports, counted in SQL: how many, first and last seen, and its
   * outlets (originals only) in order of their first report. Refreshing a development used to read every report
   * with its text for these, once per batch it was touched in.
   */
  outlineOf(
    developmentId: number,
  ):
    | { articleCount: number; firstSeen: number; lastSeen: number; publishers: string[]; relevance: number }
    | undefined {
    const totals = this.db
      .prepare(
        `SELECT count(*) AS n, min(published_at) AS first, max(published_at) AS last,
           avg(CASE WHEN copy_of IS NULL THEN relevance END) AS relevance
         FROM articles WHERE development_id = ?`,
      )
      .get(developmentId) as { n: number; first: number | null; last: number | null; relevance: number | null };
    if (totals.n === 0 || totals.first === null || totals.last === null) return undefined;
    const publishers = this.db
      .prepare(
        `SELECT publisher FROM (
           SELECT feeds.publisher, articles.published_at, articles.id,
             row_number() OVER (PARTITION BY feeds.publisher ORDER BY articles.published_at, articles.id) AS nth
           FROM articles JOIN feeds ON feeds.id = articles.feed_id
           WHERE articles.development_id = ? AND articles.copy_of IS NULL)
         WHERE nth = 1 ORDER BY published_at, id`,
      )
      .pluck()
      .all(developmentId) as string[];
    return {
      articleCount: totals.n,
      firstSeen: totals.first,
      lastSeen: totals.last,
      publishers,
      relevance: totals.relevance ?? 1,
    };
  }

  /** The newest `limit` original reports of a development (copies left out), oldest first. */
  latestOriginals(developmentId: number, limit: number): StoredArticle[] {
    const rows = this.db
      .prepare(
        `SELECT articles.*, feeds.publisher, feeds.url AS feed_url FROM articles JOIN feeds ON feeds.id = articles.feed_id
         WHERE articles.development_id = ? AND articles.copy_of IS NULL ORDER BY articles.published_at DESC, articles.id DESC LIMIT ?`,
      )
      .all(developmentId, limit) as ArticleRow[];
    return rows.map(toArticle).reverse();
  }

  articlesOf(developmentId: number, limit = 200): StoredArticle[] {
    const rows = this.db
      .prepare(
        `SELECT articles.*, feeds.publisher, feeds.url AS feed_url FROM articles JOIN feeds ON feeds.id = articles.feed_id
         WHERE development_id = ? ORDER BY published_at, articles.id LIMIT ?`,
      )
      .all(developmentId, limit) as ArticleRow[];
    return rows.map(toArticle);
  }

  /** Articles published in [from, to], oldest first: what the grouping replays after a restart. */
  articlesBetween(from: number, to: number): StoredArticle[] {
    const rows = this.db
      .prepare(
        `SELECT articles.*, feeds.publisher, feeds.url AS feed_url FROM articles JOIN feeds ON feeds.id = articles.feed_id
         WHERE published_at >= ? AND published_at <= ? ORDER BY published_at, articles.id`,
      )
      .all(from, to) as ArticleRow[];
    return rows.map(toArticle);
  }

  /** Every article with the actors linked to it (evaluation and export). */
  allArticlesWithActors(): (StoredArticle & { actorIds: string[] })[] {
    const rows = this.db
      .prepare(
        `SELECT articles.*, feeds.publisher, feeds.url AS feed_url,
           (SELECT group_concat(actor_id) FROM actor_mentions WHERE article_id = articles.id) AS actor_list
         FROM articles JOIN feeds ON feeds.id = articles.feed_id ORDER BY published_at, articles.id`,
      )
      .all() as (ArticleRow & { actor_list: string | null })[];
    return rows.map((row) => ({ ...toArticle(row), actorIds: row.actor_list ? row.actor_list.split(",").sort() : [] }));
  }

  latestPublishedAt(): number | null {
    return this.db.prepare("SELECT max(published_at) FROM articles").pluck().get() as number | null;
  }

  counts(): { articles: number; developments: number } {
    return {
      articles: this.db.prepare("SELECT count(*) FROM articles").pluck().get() as number,
      developments: this.db.prepare("SELECT count(*) FROM developments").pluck().get() as number,
    };
  }

  private toDevelopment(row: DevelopmentRow): Development {
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
}

function compact(byLang: Record<Lang, string | null>): Partial<Record<Lang, string>> {
  const out: Partial<Record<Lang, string>> = {};
  if (byLang.es) out.es = byLang.es;
  if (byLang.en) out.en = byLang.en;
  return out;
}

function toArticle(row: ArticleRow): StoredArticle {
  return {
    id: row.id,
    feedUrl: row.feed_url,
    publisher: row.publisher,
    url: row.url,
    title: row.title,
    text: row.text,
    lang: row.lang,
    publishedAt: row.published_at,
    developmentId: row.development_id,
    copyOf: row.copy_of,
  };
}
