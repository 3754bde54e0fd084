import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { applyMigrations, openDatabase } from "../../../src/digest/store/open-database.js";
import { FeedStore } from "../../../src/digest/store/feed-store.js";
import { MIGRATIONS } from "../../../src/digest/store/migrations.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the database", () => {
  it("opens with WAL and foreign keys on, with every migration applied once", () => {
    const dir = mkdtempSync(join(tmpdir(), "hilo-db-"));
    dirs.push(dir);
    const db = openDatabase(join(dir, "nested", "hilo.db"));
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(applyMigrations(db, MIGRATIONS)).toEqual([]);
    expect(db.prepare("SELECT count(*) FROM schema_migrations").pluck().get()).toBe(MIGRATIONS.length);
    db.close();
  });

  it("keeps what it stored after being closed and opened again", () => {
    const dir = mkdtempSync(join(tmpdir(), "hilo-db-"));
    dirs.push(dir);
    const path = join(dir, "hilo.db");
    const first = openDatabase(path);
    new FeedStore(first).ensure({ url: "https://caribe.example.org/rss", publisher: "Diario Caribe", lang: "es" });
    first.close();
    const again = openDatabase(path);
    expect(new FeedStore(again).all().map((feed) => feed.publisher)).toEqual(["Diario Caribe"]);
    again.close();
  });

  it("refuses an article that points at a development that does not exist", () => {
    const db = openDatabase(":memory:");
    const feedId = new FeedStore(db).ensure({ url: "https://x.example.org/rss", publisher: "X" });
    const insert = () =>
      db
        .prepare(
          "INSERT INTO articles (id, feed_id, development_id, title, text, lang, published_at, ingested_at) VALUES ('a', ?, 99, 't', 'x', 'es', 0, 0)",
        )
        .run(feedId);
    expect(insert).toThrow(/FOREIGN KEY/);
  });
});
