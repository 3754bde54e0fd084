import { z } from "zod";
import type { DiscoveredActor, NameSighting } from "../actors/discover-actors.js";
import type { Db } from "./open-database.js";

const StringList = z.array(z.string());

/** From one moment to another, both included (ms since the epoch). */
export interface TimeSpan {
  from: number;
  to: number;
}

const EVER: TimeSpan = { from: Number.MIN_SAFE_INTEGER, to: Number.MAX_SAFE_INTEGER };

interface DiscoveredRow {
  id: string;
  name: string;
  kind: string;
  forms: string;
  keys: string;
  articles: number;
  publishers: number;
  first_seen: number;
  last_seen: number;
}

/** The names outside the registry each report wrote, and the actors discovered from them, in SQLite. */
export class DiscoveryStore {
  private readonly sql;
  /** The discovered actors as last read, and the database's write marks then. */
  private cached: { marks: string; actors: DiscoveredActor[] } | undefined;

  constructor(db: Db) {
    this.sql = {
      recordNames: db.prepare(
        `INSERT INTO name_mentions (article_id, published_at, key, form, last_word, person_hint, initial)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      sightings:
        db.prepare(`SELECT nm.key, nm.form, nm.article_id AS articleId, feeds.publisher, articles.published_at AS publishedAt, nm.person_hint AS hint,
         nm.initial
       FROM name_mentions nm JOIN articles ON articles.id = nm.article_id JOIN feeds ON feeds.id = articles.feed_id
       WHERE nm.last_word = ? AND nm.published_at BETWEEN ? AND ? AND articles.copy_of IS NULL`),
      known: db.prepare("SELECT 1 FROM discovered_actors WHERE id = ?").pluck(),
      save: db.prepare(`INSERT INTO discovered_actors (id, name, kind, forms, keys, articles, publishers, first_seen, last_seen)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, forms = excluded.forms, keys = excluded.keys,
         articles = excluded.articles, publishers = excluded.publishers, first_seen = excluded.first_seen, last_seen = excluded.last_seen`),
      linkMentions:
        db.prepare(`INSERT OR IGNORE INTO actor_mentions (article_id, actor_id, development_id, published_at)
       SELECT articles.id, ?, articles.development_id, articles.published_at
       FROM name_mentions nm JOIN articles ON articles.id = nm.article_id
       WHERE nm.key = ? AND nm.published_at BETWEEN ? AND ?`),
      all: db.prepare("SELECT * FROM discovered_actors ORDER BY publishers DESC, articles DESC, name"),
      // Changes by other connections (data_version) and by this one (total_changes): together, "anything written?".
      otherWrites: db.prepare("PRAGMA data_version").pluck(),
      ownWrites: db.prepare("SELECT total_changes()").pluck(),
    };
  }

  /** Keeps the names one report wrote, for the discovery to count across outlets. */
  recordNames(
    article: { id: string; publishedAt: number },
    names: readonly { key: string; form: string; personHint: boolean; initial: boolean }[],
  ): void {
    const insert = this.sql.recordNames;
    for (const name of names) {
      insert.run(
        article.id,
        article.publishedAt,
        name.key,
        name.form,
        name.key.slice(name.key.lastIndexOf(" ") + 1),
        name.personHint ? 1 : 0,
        name.initial ? 1 : 0,
      );
    }
  }

  /**
   * Every sighting within `window` of a name ending in one of these words: all a discovery of them needs. The window
   * is closed at both ends: a batch of old reports (a feed's backlog) counts the names of its own time, not every one
   * written since.
   */
  sightings(lastWords: readonly string[], window: TimeSpan): NameSighting[] {
    if (lastWords.length === 0) return [];
    const query = this.sql.sightings;
    const out: NameSighting[] = [];
    for (const word of new Set(lastWords)) {
      for (const row of query.all(word, window.from, window.to) as (Omit<NameSighting, "personHint" | "initial"> & {
        hint: number;
        initial: number;
      })[]) {
        out.push({
          key: row.key,
          form: row.form,
          articleId: row.articleId,
          publisher: row.publisher,
          publishedAt: row.publishedAt,
          personHint: row.hint === 1,
          initial: row.initial === 1,
        });
      }
    }
    return out;
  }

  /**
   * Saves discovered actors and links the reports that named them, so /actor finds them at once: every report for an
   * actor discovered now, those within `window` (the one the discovery counted) for one found before, whose other
   * reports were linked then.
   */
  save(actors: readonly DiscoveredActor[], window: TimeSpan): void {
    const upsert = this.sql.save;
    const link = this.sql.linkMentions;
    for (const actor of actors) {
      const known = this.sql.known.get(actor.id) !== undefined;
      const { from, to } = known ? window : EVER;
      upsert.run(
        actor.id,
        actor.name,
        actor.kind,
        JSON.stringify(actor.forms),
        JSON.stringify(actor.keys),
        actor.articles,
        actor.publishers,
        actor.firstSeen,
        actor.lastSeen,
      );
      for (const key of actor.keys) link.run(actor.id, key, from, to);
    }
  }

  /**
   * Discovered actors, the most widely reported first. Read again only when the database was written since the last
   * read (here or by another process): /actor and /timeline look up every name in them, and parsing every row on
   * each request was a third of a query at 100k archived. Callers must not change the array.
   */
  all(): readonly DiscoveredActor[] {
    const marks = `${this.sql.otherWrites.get()}:${this.sql.ownWrites.get()}`;
    if (this.cached?.marks !== marks) this.cached = { marks, actors: this.read() };
    return this.cached.actors;
  }

  private read(): DiscoveredActor[] {
    const rows = this.sql.all.all() as DiscoveredRow[];
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      kind: row.kind === "person" ? "person" : "organisation",
      forms: StringList.parse(JSON.parse(row.forms)),
      keys: StringList.parse(JSON.parse(row.keys)),
      articles: row.articles,
      publishers: row.publishers,
      firstSeen: row.first_seen,
      lastSeen: row.last_seen,
    }));
  }
}
