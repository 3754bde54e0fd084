import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { FeedStore } from "../../../src/digest/store/feed-store.js";
import { MIGRATIONS } from "../../../src/digest/store/migrations.js";
import { applyMigrations } from "../../../src/digest/store/open-database.js";
import { openTestDatabase } from "../../helpers/test-database.js";

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

  it("keeps a failure stored as text by an older Hilo as its reason and detail, without the repeated prefix", () => {
    const db = new Database(":memory:");
    applyMigrations(
      db,
      MIGRATIONS.filter((migration) => migration.version <= 10),
    );
    const insert = db.prepare("INSERT INTO feeds (url, publisher, last_error, last_error_at) VALUES (?, ?, ?, ?)");
    const wrapped = Number(
      insert.run(
        "https://a.example.org/rss",
        "A",
        "timeout: feed https://a.example.org/rss: timeout: no answer within 20 s",
        NOW,
      ).lastInsertRowid,
    );
    const plain = Number(
      insert.run("https://b.example.org/rss", "B", "processing: disk I/O error", NOW).lastInsertRowid,
    );
    const odd = Number(insert.run("https://c.example.org/rss", "C", "it broke", NOW).lastInsertRowid);
    const fine = Number(insert.run("https://d.example.org/rss", "D", null, null).lastInsertRowid);
    applyMigrations(db, MIGRATIONS);
    const store = new FeedStore(db);
    expect(store.get(wrapped)!.lastError).toEqual({ reason: "timeout", detail: "no answer within 20 s" });
    expect(store.get(plain)!.lastError).toEqual({ reason: "processing", detail: "disk I/O error" });
    expect(store.get(odd)!.lastError).toEqual({ reason: "processing", detail: "it broke" });
    expect(store.get(fine)!.lastError).toBeNull();
  });

  it("counts failures from the first one and leaves a disabled feed disabled until a good read", () => {
    const store = new FeedStore(openTestDatabase());
    const id = store.ensure({ url: "https://x.example.org/rss", publisher: "X" });
    store.recordFailure(id, NOW, { reason: "http", detail: "HTTP 500" });
    store.recordFailure(id, NOW + 1000, { reason: "http", detail: "HTTP 500" });
    expect(store.get(id)).toMatchObject({ state: "failing", failures: 2, failingSince: NOW, lastErrorAt: NOW + 1000 });
    store.disable(id, NOW + 2000);
    store.recordFailure(id, NOW + 3000, { reason: "timeout", detail: "slow" });
    expect(store.get(id)).toMatchObject({ state: "disabled", disabledAt: NOW + 2000, failures: 3 });
    store.recordSuccess(id, NOW + 4000, "X", 1);
    expect(store.get(id)).toMatchObject({
      state: "active",
      failures: 0,
      failingSince: null,
      disabledAt: null,
      lastError: { reason: "timeout", detail: "slow" },
    });
  });
});
