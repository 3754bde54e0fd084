import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { FeedStore } from "../../../src/digest/store/feed-store.js";
import { MIGRATIONS } from "../../../src/digest/store/migrations.js";
import { applyMigrations, openDatabase } from "../../../src/digest/store/open-database.js";

const NOW = Date.parse("2025-12-12T12:00:00Z");

describe("the feed store", () => {
  it("keeps a database's feeds through the polling migration, and does not start polling them", () => {
    const db = new Database(":memory:");
    applyMigrations(
      db,
      MIGRATIONS.filter((migration) => migration.version === 1),
    );
    // Written as the first schema had it: the store of today writes columns that schema lacks.
    const id = Number(
      db
        .prepare("INSERT INTO feeds (url, publisher, lang, last_success_at, item_count) VALUES (?, ?, ?, ?, 18)")
        .run("/content/demo/diario-caribe.xml", "Diario Caribe", "es", NOW).lastInsertRowid,
    );
    applyMigrations(db, MIGRATIONS);
    const store = new FeedStore(db);
    expect(store.get(id)).toMatchObject({
      publisher: "Diario Caribe",
      itemCount: 18,
      state: "active",
      nextPollAt: null,
      fetchUrl: "/content/demo/diario-caribe.xml",
    });
    expect(store.due(NOW + 365 * 24 * 60 * 60_000)).toEqual([]);
  });

  it("counts failures from the first one and leaves a disabled feed disabled until a good read", () => {
    const store = new FeedStore(openDatabase(":memory:"));
    const id = store.ensure({ url: "https://x.example.org/rss", publisher: "X" });
    store.recordFailure(id, NOW, "http: HTTP 500");
    store.recordFailure(id, NOW + 1000, "http: HTTP 500");
    expect(store.get(id)).toMatchObject({ state: "failing", failures: 2, failingSince: NOW, lastErrorAt: NOW + 1000 });
    store.disable(id, NOW + 2000);
    store.recordFailure(id, NOW + 3000, "timeout: slow");
    expect(store.get(id)).toMatchObject({ state: "disabled", disabledAt: NOW + 2000, failures: 3 });
    store.recordSuccess(id, NOW + 4000, "X", 1);
    expect(store.get(id)).toMatchObject({
      state: "active",
      failures: 0,
      failingSince: null,
      disabledAt: null,
      lastError: "timeout: slow",
    });
  });
});
