import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { FeedStore } from "../../../src/digest/store/feed-store.js";
import { MIGRATIONS } from "../../../src/digest/store/migrations.js";
import { openNewsStores } from "../../../src/digest/store/news-stores.js";
import { applyMigrations } from "../../../src/digest/store/open-database.js";
import { removeFeeds } from "../../../src/digest/store/remove-feeds.js";
import { openTestDatabase } from "../../helpers/test-database.js";

const T0 = Date.parse("2025-12-01T00:00:00Z");
const HOUR = 3_600_000;

describe("which reports name an actor", () => {
  function twoOutlets() {
    const db = openTestDatabase();
    const news = openNewsStores(db);
    const feeds = new FeedStore(db);
    const outlets = [0, 1].map((n) => feeds.ensure({ url: `https://o${n}.example/rss`, publisher: `Outlet ${n}` }));
    news.developments.ensure(1, T0);
    news.developments.ensure(2, T0);
    const file = (id: string, outlet: number, developmentId: number, hour: number, actorIds: string[]) =>
      news.articles.insert(
        {
          id,
          feedUrl: `https://o${outlet}.example/rss`,
          publisher: `Outlet ${outlet}`,
          url: `https://o${outlet}.example/${id}`,
          title: id,
          text: "Texto.",
          lang: "es",
          publishedAt: T0 + hour * HOUR,
          developmentId,
          copyOf: null,
          actorIds,
          relevance: 1,
        },
        outlets[outlet]!,
        T0,
      );
    file("a", 0, 1, 1, ["maduro", "trump"]);
    file("b", 1, 1, 2, ["maduro", "petro"]);
    file("c", 1, 2, 3, ["maduro"]);
    file("d", 0, 2, 4, ["trump"]);
    return { db, news, outlets };
  }

  it("are read newest first for an actor, and by report within a development", () => {
    const { news } = twoOutlets();
    expect(news.mentions.count("maduro")).toBe(3);
    expect(news.mentions.withActor("maduro", T0, T0 + 10 * HOUR, 5).map((development) => development.id)).toEqual([
      2, 1,
    ]);
    expect(news.mentions.ofArticle(1, "b")).toEqual(["maduro", "petro"]);
    expect(news.mentions.ofArticle(2, "b")).toEqual([]);
    expect(news.mentions.tallyOf(1)).toEqual([
      { actorId: "maduro", count: 2, first: T0 + HOUR },
      { actorId: "petro", count: 1, first: T0 + 2 * HOUR },
      { actorId: "trump", count: 1, first: T0 + HOUR },
    ]);
  });

  it("go with their reports when a feed is removed, and the other outlet's stay", () => {
    const { db, news, outlets } = twoOutlets();
    removeFeeds(db, news, [outlets[1]!], T0);
    expect(news.mentions.count("maduro")).toBe(1);
    expect(news.mentions.count("petro")).toBe(0);
    expect(news.mentions.ofArticle(1, "a")).toEqual(["maduro", "trump"]);
    expect(db.prepare("SELECT article_id FROM actor_mentions ORDER BY article_id, actor_id").pluck().all()).toEqual([
      "a",
      "a",
      "d",
    ]);
  });

  it("written by an older Hilo keyed by report are read the same after the upgrade", () => {
    const db = new Database(":memory:");
    applyMigrations(
      db,
      MIGRATIONS.filter((migration) => migration.version <= 14),
    );
    db.prepare("INSERT INTO feeds (id, url, publisher) VALUES (1, 'https://o.example/rss', 'Outlet')").run();
    db.prepare("INSERT INTO developments (id, first_seen, last_seen, updated_at) VALUES (1, ?, ?, ?)").run(T0, T0, T0);
    const article = db.prepare(
      `INSERT INTO articles (id, feed_id, development_id, title, text, lang, published_at, ingested_at)
       VALUES (?, 1, 1, 'Informe', 'Texto.', 'es', ?, ?)`,
    );
    const mention = db.prepare(
      "INSERT INTO actor_mentions (article_id, actor_id, development_id, published_at) VALUES (?, ?, 1, ?)",
    );
    for (const [id, hour, actors] of [
      ["old1", 1, ["maduro", "petro"]],
      ["old2", 2, ["maduro"]],
    ] as const) {
      article.run(id, T0 + hour * HOUR, T0);
      for (const actor of actors) mention.run(id, actor, T0 + hour * HOUR);
    }
    applyMigrations(db, MIGRATIONS);
    const news = openNewsStores(db);
    expect(news.mentions.count("maduro")).toBe(2);
    expect(news.mentions.ofArticle(1, "old1")).toEqual(["maduro", "petro"]);
    expect(news.mentions.tallyOf(1)).toEqual([
      { actorId: "maduro", count: 2, first: T0 + HOUR },
      { actorId: "petro", count: 1, first: T0 + HOUR },
    ]);
    // The same report and actor again (a discovery linking it twice, as the stores write) is still one mention.
    db.prepare(
      "INSERT OR IGNORE INTO actor_mentions (article_id, actor_id, development_id, published_at) VALUES (?, ?, 1, ?)",
    ).run("old2", "maduro", T0 + 2 * HOUR);
    expect(news.mentions.count("maduro")).toBe(2);
  });
});
