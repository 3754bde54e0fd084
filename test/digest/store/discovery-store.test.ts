import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { DiscoveredActor } from "../../../src/digest/actors/discover-actors.js";
import { DiscoveryStore } from "../../../src/digest/store/discovery-store.js";
import { FeedStore } from "../../../src/digest/store/feed-store.js";
import { MIGRATIONS } from "../../../src/digest/store/migrations.js";
import { openNewsStores } from "../../../src/digest/store/news-stores.js";
import { applyMigrations, type Db } from "../../../src/digest/store/open-database.js";
import { openSharedTestDatabases, openTestDatabase } from "../../helpers/test-database.js";

const ALWAYS = { from: 0, to: Number.MAX_SAFE_INTEGER };

const actor = (name: string, articles: number): DiscoveredActor => ({
  id: `found-${name.toLowerCase().replace(/\s+/g, "-")}`,
  name,
  kind: "person",
  forms: [name],
  keys: [name.toLowerCase()],
  articles,
  publishers: 2,
  firstSeen: 1,
  lastSeen: 2,
});

describe("the discovered actors as a request reads them", () => {
  it("are read once while nothing is written, and again after a write here or by another process", () => {
    const [one, another] = openSharedTestDatabases(2);
    const here = new DiscoveryStore(one!);
    const elsewhere = new DiscoveryStore(another!);
    here.save([actor("Delcy Rodríguez", 3)], ALWAYS);
    const first = here.all();
    expect(first.map((found) => found.name)).toEqual(["Delcy Rodríguez"]);
    // Nothing written since: the very same list, not a new read.
    expect(here.all()).toBe(first);

    here.save([actor("Hermes Salcedo", 5)], ALWAYS);
    expect(here.all().map((found) => found.name)).toEqual(["Hermes Salcedo", "Delcy Rodríguez"]);

    // Another connection (a second process on the same file) writes: this one sees it at its next read.
    const before = here.all();
    elsewhere.save([actor("Ana Pérez", 9)], ALWAYS);
    expect(here.all()).not.toBe(before);
    expect(here.all().map((found) => found.name)).toEqual(["Ana Pérez", "Hermes Salcedo", "Delcy Rodríguez"]);
  });
});

describe("the discovered actors read again after a write", () => {
  const named = (name: string, articles: number, publishers = 2): DiscoveredActor => ({
    ...actor(name, articles),
    publishers,
  });
  /** What a store that never read before gives: the whole table, in the `all` query's order. */
  const freshRead = (db: Db) => new DiscoveryStore(db).all();

  it("are only those saved since: the others keep their objects, and the list is the one a full read gives", () => {
    const db = openTestDatabase();
    const store = new DiscoveryStore(db);
    // Ties on outlets and reports fall back to the name as SQLite orders text: accents and letters outside the
    // basic plane included ("𝐀" sorts after "Ω" and after U+FFFD in UTF-8).
    const names = ["Zoe Ruiz", "Ángel Díaz", "Ana Pérez", "𝐀lvaro Mora", "Ωmega Sur", "\uFFFDvan Lee", "Émile Roy"];
    store.save(
      names.map((name) => named(name, 3)),
      ALWAYS,
    );
    const first = store.all();
    expect(first).toEqual(freshRead(db));
    const delcy = first.find((found) => found.name === "Ana Pérez")!;

    store.save([named("Zoe Ruiz", 9), named("Hermes Salcedo", 3), named("Bruno Gil", 3, 4)], ALWAYS);
    const second = store.all();
    expect(second).not.toBe(first);
    expect(second).toEqual(freshRead(db));
    expect(second.map((found) => found.name).slice(0, 2)).toEqual(["Bruno Gil", "Zoe Ruiz"]);
    // Not saved again: the very same object, so what /actor made of it (its view, its folded names) stays.
    expect(second.find((found) => found.name === "Ana Pérez")).toBe(delcy);
  });

  it("stay the very same list after a write that saved none of them", () => {
    const db = openTestDatabase();
    const store = new DiscoveryStore(db);
    store.save([named("Delcy Rodríguez", 3)], ALWAYS);
    const first = store.all();
    new FeedStore(db).ensure({ url: "https://example.org/feed.xml", publisher: "Example" });
    expect(store.all()).toBe(first);
  });

  it("are read whole when some were deleted, as a removed feed does", () => {
    const db = openTestDatabase();
    const store = new DiscoveryStore(db);
    store.save([named("Delcy Rodríguez", 3), named("Hermes Salcedo", 5)], ALWAYS);
    store.all();
    db.prepare("DELETE FROM discovered_actors WHERE name = 'Hermes Salcedo'").run();
    expect(store.all().map((found) => found.name)).toEqual(["Delcy Rodríguez"]);
    // Deleted and another saved between two reads: the count alone would not tell.
    db.prepare("DELETE FROM discovered_actors").run();
    store.save([named("Ana Pérez", 4)], ALWAYS);
    expect(store.all().map((found) => found.name)).toEqual(["Ana Pérez"]);
  });
});

describe("the names discovery counts", () => {
  const DAY = 24 * 60 * 60 * 1000;
  const T0 = Date.parse("2025-12-01T00:00:00Z");

  /** A database with one report a day naming Hermes Salcedo, from day 0 to day `days − 1`. */
  function namedDaily(days: number) {
    const db = openTestDatabase();
    const news = openNewsStores(db);
    const discovery = new DiscoveryStore(db);
    const feedId = new FeedStore(db).ensure({ url: "https://o.example/rss", publisher: "Outlet" });
    news.developments.ensure(1, T0);
    const file = (day: number) => {
      const article = {
        id: `r${day}`,
        feedUrl: "https://o.example/rss",
        publisher: "Outlet",
        url: `https://o.example/${day}`,
        title: `Informe ${day}`,
        text: "Hermes Salcedo habló.",
        lang: "es" as const,
        publishedAt: T0 + day * DAY,
        developmentId: 1,
        copyOf: null,
        actorIds: [],
        relevance: 1,
      };
      news.articles.insert(article, feedId, T0);
      discovery.recordNames(article, [
        { key: "hermes salcedo", form: "Hermes Salcedo", personHint: false, initial: false },
      ]);
    };
    for (let day = 0; day < days; day += 1) file(day);
    const linked = () =>
      db.prepare("SELECT count(*) FROM actor_mentions WHERE actor_id = 'found-hermes-salcedo'").pluck().get();
    return { db, discovery, file, linked };
  }

  it("are those of the window asked for, not every one ever written", () => {
    const { discovery } = namedDaily(100);
    const window = { from: T0 + 70 * DAY, to: T0 + 99 * DAY };
    const sightings = discovery.sightings(["salcedo"], window);
    expect(sightings).toHaveLength(30);
    expect(sightings.every((sighting) => sighting.publishedAt >= window.from)).toBe(true);
  });

  it("end where the window ends: a batch of old reports counts its own time, not the reports filed after it", () => {
    const { discovery } = namedDaily(100);
    const sightings = discovery.sightings(["salcedo"], { from: T0 + 10 * DAY, to: T0 + 39 * DAY });
    expect(sightings.map((sighting) => sighting.articleId)).toEqual(Array.from({ length: 30 }, (_, i) => `r${10 + i}`));
  });

  it("link every report to an actor found now, and only the window's to one found before", () => {
    const { db, discovery, file, linked } = namedDaily(100);
    const found = actor("Hermes Salcedo", 100);
    discovery.save([found], { from: T0 + 70 * DAY, to: T0 + 99 * DAY });
    expect(linked()).toBe(100);
    // Links taken away before and after a window show what a save reads: only the window, so they stay away.
    db.prepare("DELETE FROM actor_mentions WHERE article_id IN ('r5', 'r95')").run();
    file(100);
    discovery.save([found], { from: T0 + 50 * DAY, to: T0 + 90 * DAY });
    expect(linked()).toBe(98);
    discovery.save([found], { from: T0 + 71 * DAY, to: T0 + 100 * DAY });
    expect(linked()).toBe(100);
  });
});

describe("names written by an older Hilo", () => {
  it("are dated by their report, so the discovery's window still finds them", () => {
    const db = new Database(":memory:");
    applyMigrations(
      db,
      MIGRATIONS.filter((migration) => migration.version <= 13),
    );
    const at = Date.parse("2025-12-01T00:00:00Z");
    db.prepare("INSERT INTO feeds (id, url, publisher) VALUES (1, 'https://o.example/rss', 'Outlet')").run();
    db.prepare("INSERT INTO developments (id, first_seen, last_seen, updated_at) VALUES (1, ?, ?, ?)").run(at, at, at);
    db.prepare(
      `INSERT INTO articles (id, feed_id, development_id, title, text, lang, published_at, ingested_at)
       VALUES ('old', 1, 1, 'Informe', 'Hermes Salcedo habló.', 'es', ?, ?)`,
    ).run(at, at);
    db.prepare(
      "INSERT INTO name_mentions (article_id, key, form, last_word) VALUES ('old', 'hermes salcedo', 'Hermes Salcedo', 'salcedo')",
    ).run();
    applyMigrations(db, MIGRATIONS);
    const discovery = new DiscoveryStore(db);
    expect(discovery.sightings(["salcedo"], { from: at, to: at }).map((sighting) => sighting.articleId)).toEqual([
      "old",
    ]);
    expect(discovery.sightings(["salcedo"], { from: at + 1, to: at + 86_400_000 })).toEqual([]);
  });
});
