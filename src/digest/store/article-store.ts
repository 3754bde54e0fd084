import type { Article, Lang } from "../model.js";
import type { Db } from "./open-database.js";

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

/** An original report with its place in filing order (SQLite's rowid), for an index that goes on from where it was. */
export interface FiledArticle {
  filed: number;
  article: StoredArticle;
}

/** What a source link needs of an article. */
export type ArticleSource = Pick<StoredArticle, "publisher" | "title" | "url" | "publishedAt" | "copyOf">;

/**
 * What a development's record says of all its reports, with what keeps it up to date report by report: the
 * originals' relevance as a sum, and the last report it counts in filing order (see ArticleStore.tallyOf).
 */
export interface DevelopmentTally {
  articleCount: number;
  firstSeen: number;
  lastSeen: number;
  originals: number;
  relevanceSum: number;
  /** The last report counted, in filing order (its rowid). */
  filedThrough: number;
  /** Each outlet of an original, with its first report (published, id), in that order. */
  publishers: PublisherFirst[];
}

export interface PublisherFirst {
  publisher: string;
  publishedAt: number;
  id: string;
}

/** A report with its place in filing order and how much it belongs to the story. */
export interface FiledReport extends FiledArticle {
  relevance: number;
}

const WITH_FEED =
  "SELECT articles.*, feeds.publisher, feeds.url AS feed_url FROM articles JOIN feeds ON feeds.id = articles.feed_id";

/** The reports in SQLite, each filed with the actors it names (actor_mentions rows are written with it). */
export class ArticleStore {
  private readonly sql;

  constructor(db: Db) {
    this.sql = {
      has: db.prepare("SELECT 1 FROM articles WHERE id = ?").pluck(),
      developmentOf: db.prepare("SELECT development_id FROM articles WHERE id = ?").pluck(),
      insert: db.prepare(
        `INSERT INTO articles (id, feed_id, development_id, url, title, text, lang, published_at, ingested_at, copy_of, relevance)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      mention: db.prepare(
        `INSERT INTO actor_mentions (article_id, actor_id, development_id, published_at) VALUES (?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      ),
      sourcesOf: db.prepare(
        `SELECT feeds.publisher, articles.title, articles.url, articles.published_at, articles.copy_of
         FROM articles JOIN feeds ON feeds.id = articles.feed_id
         WHERE articles.development_id = ? AND articles.copy_of IS NULL AND articles.url IS NOT NULL
         ORDER BY articles.published_at DESC, articles.id LIMIT ?`,
      ),
      totals: db.prepare(
        `SELECT count(*) AS n, min(published_at) AS first, max(published_at) AS last, max(rowid) AS filed,
           count(CASE WHEN copy_of IS NULL THEN 1 END) AS originals,
           coalesce(sum(CASE WHEN copy_of IS NULL THEN relevance END), 0.0) AS relevance
         FROM articles WHERE development_id = ?`,
      ),
      publishers: db.prepare(
        `SELECT publisher, published_at AS "publishedAt", id FROM (
           SELECT feeds.publisher, articles.published_at, articles.id,
             row_number() OVER (PARTITION BY feeds.publisher ORDER BY articles.published_at, articles.id) AS nth
           FROM articles JOIN feeds ON feeds.id = articles.feed_id
           WHERE articles.development_id = ? AND articles.copy_of IS NULL) AS firsts
         WHERE nth = 1 ORDER BY published_at, id`,
      ),
      filedAfter: db.prepare(
        `SELECT articles.rowid AS filed, articles.*, feeds.publisher, feeds.url AS feed_url
         FROM articles JOIN feeds ON feeds.id = articles.feed_id
         WHERE articles.development_id = ? AND articles.rowid > ? ORDER BY articles.rowid`,
      ),
      latestOriginals: db.prepare(
        `${WITH_FEED} WHERE articles.development_id = ? AND articles.copy_of IS NULL
         ORDER BY articles.published_at DESC, articles.id DESC LIMIT ?`,
      ),
      originalsAfter: db.prepare(
        `SELECT articles.rowid AS filed, articles.*, feeds.publisher, feeds.url AS feed_url
         FROM articles JOIN feeds ON feeds.id = articles.feed_id
         WHERE articles.development_id = ? AND articles.copy_of IS NULL AND articles.rowid > ? ORDER BY articles.rowid`,
      ),
      originalIdsUpTo: db
        .prepare(
          `SELECT id FROM articles WHERE development_id = ? AND copy_of IS NULL AND rowid <= ?
           ORDER BY rowid DESC LIMIT ?`,
        )
        .pluck(),
      get: db.prepare(`${WITH_FEED} WHERE articles.id = ?`),
      of: db.prepare(`${WITH_FEED} WHERE development_id = ? ORDER BY published_at, articles.id LIMIT ?`),
      between: db.prepare(
        `${WITH_FEED} WHERE published_at >= ? AND published_at <= ? ORDER BY published_at, articles.id`,
      ),
      all: db.prepare(`${WITH_FEED} ORDER BY published_at, articles.id`),
      latestPublishedAt: db.prepare("SELECT max(published_at) FROM articles").pluck(),
      count: db.prepare("SELECT count(*) FROM articles").pluck(),
    };
  }

  has(id: string): boolean {
    return this.sql.has.get(id) !== undefined;
  }

  developmentOf(articleId: string): number | undefined {
    return this.sql.developmentOf.get(articleId) as number | undefined;
  }

  /** Files an article and the actors it names, under its development. */
  insert(article: Article, feedId: number, ingestedAt: number): void {
    this.sql.insert.run(
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
    for (const actorId of article.actorIds) {
      this.sql.mention.run(article.id, actorId, article.developmentId, article.publishedAt);
    }
  }

  /**
   * The newest original reports of a development with a web link, without their text: what a list line's source
   * links need, newest first, read as the caller goes: it stops once it has its links. Reading whole articles for
   * that made /timeline and /actor slow on a large archive.
   */
  *sourcesOf(developmentId: number, limit: number): Generator<ArticleSource> {
    for (const row of this.sql.sourcesOf.iterate(developmentId, limit) as IterableIterator<{
      publisher: string;
      title: string;
      url: string;
      published_at: number;
      copy_of: string | null;
    }>) {
      yield {
        publisher: row.publisher,
        title: row.title,
        url: row.url,
        publishedAt: row.published_at,
        copyOf: row.copy_of,
      };
    }
  }

  /**
   * What a development's record says of all its reports, counted in SQL: how many, first and last seen, its outlets
   * (originals only) in order of their first report, and where filing order stands. A development kept in memory
   * is then brought up to date from the reports filed after it (filedAfter).
   */
  tallyOf(developmentId: number): DevelopmentTally | undefined {
    const totals = this.sql.totals.get(developmentId) as {
      n: number;
      first: number | null;
      last: number | null;
      filed: number | null;
      originals: number;
      relevance: number;
    };
    if (totals.n === 0 || totals.first === null || totals.last === null) return undefined;
    return {
      articleCount: totals.n,
      firstSeen: totals.first,
      lastSeen: totals.last,
      originals: totals.originals,
      relevanceSum: totals.relevance,
      filedThrough: totals.filed ?? 0,
      publishers: this.sql.publishers.all(developmentId) as PublisherFirst[],
    };
  }

  /** A development's reports (copies too) filed after `filed` (a rowid), in filing order. */
  filedAfter(developmentId: number, filed: number): FiledReport[] {
    const rows = this.sql.filedAfter.all(developmentId, filed) as (ArticleRow & { filed: number; relevance: number })[];
    return rows.map((row) => ({ ...toFiled(row), relevance: row.relevance }));
  }

  /** The newest `limit` original reports of a development (copies left out), oldest first. */
  latestOriginals(developmentId: number, limit: number): StoredArticle[] {
    return (this.sql.latestOriginals.all(developmentId, limit) as ArticleRow[]).map(toArticle).reverse();
  }

  /** A development's original reports filed after `filed` (a rowid), in filing order. */
  originalsAfter(developmentId: number, filed: number): FiledArticle[] {
    return (this.sql.originalsAfter.all(developmentId, filed) as (ArticleRow & { filed: number })[]).map(toFiled);
  }

  /** The ids of the last `limit` original reports of a development filed up to `filed` (a rowid), in filing order. */
  originalIdsUpTo(developmentId: number, filed: number, limit: number): string[] {
    if (limit <= 0) return [];
    return (this.sql.originalIdsUpTo.all(developmentId, filed, limit) as string[]).reverse();
  }

  get(id: string): StoredArticle | undefined {
    const row = this.sql.get.get(id) as ArticleRow | undefined;
    return row && toArticle(row);
  }

  /** A development's reports, oldest first. */
  of(developmentId: number, limit = 200): StoredArticle[] {
    return (this.sql.of.all(developmentId, limit) as ArticleRow[]).map(toArticle);
  }

  /** Articles published in [from, to], oldest first: what the grouping replays after a restart. */
  between(from: number, to: number): StoredArticle[] {
    return (this.sql.between.all(from, to) as ArticleRow[]).map(toArticle);
  }

  /** Every article, oldest first (an export, or an evaluation over a whole corpus). */
  all(): StoredArticle[] {
    return (this.sql.all.all() as ArticleRow[]).map(toArticle);
  }

  latestPublishedAt(): number | null {
    return this.sql.latestPublishedAt.get() as number | null;
  }

  count(): number {
    return this.sql.count.get() as number;
  }
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

function toFiled(row: ArticleRow & { filed: number }): FiledArticle {
  return { filed: row.filed, article: toArticle(row) };
}
