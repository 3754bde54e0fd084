import { z } from "zod";
import type { DiscoveredActor, NameSighting } from "../actors/discover-actors.js";
import type { Db } from "./open-database.js";
import { engineOf } from "./sql-database.js";

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
  /** The discovered actors as last read, the database's write marks then and the newest save they include. */
  private cached: { marks: string; revision: number; actors: DiscoveredActor[] } | undefined;

  private readonly postgres: boolean;

  constructor(db: Db) {
    this.postgres = engineOf(db) === "postgres";
    this.sql = {
      recordNames: db.prepare(
        `INSERT INTO name_mentions (article_id, published_at, key, form, last_word, person_hint, initial)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      sightings:
        db.prepare(`SELECT nm.key, nm.form, nm.article_id AS "articleId", feeds.publisher, articles.published_at AS "publishedAt", nm.person_hint AS hint,
         nm.initial
       FROM name_mentions nm JOIN articles ON articles.id = nm.article_id JOIN feeds ON feeds.id = articles.feed_id
       WHERE nm.last_word = ? AND nm.published_at BETWEEN ? AND ? AND articles.copy_of IS NULL`),
      known: db.prepare("SELECT 1 FROM discovered_actors WHERE id = ?").pluck(),
      save: db.prepare(`INSERT INTO discovered_actors (id, name, kind, forms, keys, articles, publishers, first_seen, last_seen, revision)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, forms = excluded.forms, keys = excluded.keys,
         articles = excluded.articles, publishers = excluded.publishers, first_seen = excluded.first_seen, last_seen = excluded.last_seen,
         revision = excluded.revision`),
      // Each save is numbered from a counter in meta, so numbers keep growing whatever is deleted in between.
      nextRevision: db
        .prepare(`INSERT INTO meta (key, value) VALUES ('discovery_revision', '1')
         ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(meta.value AS BIGINT) + 1 AS TEXT)
         RETURNING CAST(meta.value AS BIGINT)`)
        .pluck(),
      state: db.prepare(`SELECT coalesce((SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'discovery_revision'), 0)
         AS revision, (SELECT count(*) FROM discovered_actors) AS count`),
      savedAfter: db.prepare("SELECT * FROM discovered_actors WHERE revision > ?"),
      linkMentions: db.prepare(`INSERT INTO actor_mentions (article_id, actor_id, development_id, published_at)
       SELECT articles.id, ?, articles.development_id, articles.published_at
       FROM name_mentions nm JOIN articles ON articles.id = nm.article_id
       WHERE nm.key = ? AND nm.published_at BETWEEN ? AND ?
       ON CONFLICT DO NOTHING`),
      // Names in code point order (UTF-8's), as SQLite orders text and compareAsUtf8 merges: PostgreSQL's collation may differ.
      all: db.prepare(
        `SELECT * FROM discovered_actors ORDER BY publishers DESC, articles DESC, name${this.postgres ? ' COLLATE "C"' : ""}`,
      ),
      // Changes by other connections (data_version) and by this one (total_changes): together, "anything written?"
      // PostgreSQL has no such marks: there the counter and the count (state) are asked each time.
      writeMarks: this.postgres
        ? undefined
        : db.prepare("SELECT data_version || ':' || total_changes() FROM pragma_data_version").pluck(),
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
    if (actors.length === 0) return;
    const upsert = this.sql.save;
    const link = this.sql.linkMentions;
    const revision = this.sql.nextRevision.get() as number;
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
        revision,
      );
      for (const key of actor.keys) link.run(actor.id, key, from, to);
    }
  }

  /**
   * Discovered actors, the most widely reported first. /actor and /timeline look up every name in them: parsing every
   * row on each request was a third of a query at 100k archived, and reading them all again after each poll took
   * ~120 ms with the 13,000 discovered at 1M. So they are looked at again only when the database was written since the
   * last read (here or by another process), and then only those saved since are read: the others keep their objects
   * (what callers made of them stays good) and the list is new only if one changed. Callers must not change it.
   */
  all(): readonly DiscoveredActor[] {
    const stateNow = this.sql.writeMarks ? undefined : (this.sql.state.get() as DiscoveryState);
    const marks = stateNow ? `${stateNow.revision}:${stateNow.count}` : (this.sql.writeMarks?.get() as string);
    const cached = this.cached;
    if (cached?.marks === marks) return cached.actors;
    const state = stateNow ?? (this.sql.state.get() as DiscoveryState);
    const actors =
      cached && state.revision >= cached.revision
        ? this.updated(cached.actors, cached.revision, state.count)
        : undefined;
    this.cached = { marks, revision: state.revision, actors: actors ?? this.read() };
    return this.cached.actors;
  }

  /**
   * The list with the actors saved after `revision` put in their place, or undefined when some were deleted (the
   * count tells: a removed feed takes its actors with it), for the caller to read them all.
   */
  private updated(actors: DiscoveredActor[], revision: number, count: number): DiscoveredActor[] | undefined {
    const saved = (this.sql.savedAfter.all(revision) as DiscoveredRow[]).map(toActor);
    if (saved.length === 0) return actors.length === count ? actors : undefined;
    const replaced = new Set(saved.map((actor) => actor.id));
    const kept = actors.filter((actor) => !replaced.has(actor.id));
    if (kept.length + saved.length !== count) return undefined;
    return mergeSorted(kept, saved.sort(byReach));
  }

  private read(): DiscoveredActor[] {
    return (this.sql.all.all() as DiscoveredRow[]).map(toActor);
  }
}

interface DiscoveryState {
  revision: number;
  count: number;
}

function toActor(row: DiscoveredRow): DiscoveredActor {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind === "person" ? "person" : "organisation",
    forms: StringList.parse(JSON.parse(row.forms)),
    keys: StringList.parse(JSON.parse(row.keys)),
    articles: row.articles,
    publishers: row.publishers,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
  };
}

/** The order of the `all` query: most outlets, then most reports, then the name as SQLite compares text (UTF-8 bytes). */
function byReach(a: DiscoveredActor, b: DiscoveredActor): number {
  return b.publishers - a.publishers || b.articles - a.articles || compareAsUtf8(a.name, b.name);
}

/** Code point order, which is UTF-8 byte order: UTF-16 units differ from it only between surrogates and U+E000–U+FFFF. */
function compareAsUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) return surrogatesLast(x) - surrogatesLast(y);
    return x - y;
  }
  return a.length - b.length;
}

function surrogatesLast(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  return unit <= 0xdfff ? unit + 0x2000 : unit;
}

/** Two lists each in `byReach` order as one, in that order. */
function mergeSorted(a: readonly DiscoveredActor[], b: readonly DiscoveredActor[]): DiscoveredActor[] {
  const out: DiscoveredActor[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(byReach(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}
