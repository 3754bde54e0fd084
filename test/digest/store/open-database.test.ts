import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { DatabaseOpenError, DatabaseSchemaError } from "../../../src/digest/errors.js";
import { FeedStore } from "../../../src/digest/store/feed-store.js";
import { lockDatabase } from "../../../src/digest/store/lock-database.js";
import { MIGRATIONS } from "../../../src/digest/store/migrations.js";
import { applyMigrations, openDatabase, PAGE_CACHE_KB } from "../../../src/digest/store/open-database.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the database", () => {
  it("opens with WAL and foreign keys on, its page cache capped, with every migration applied once", () => {
    const dir = mkdtempSync(join(tmpdir(), "hilo-db-"));
    dirs.push(dir);
    const db = openDatabase(join(dir, "nested", "hilo.db"));
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.pragma("cache_size", { simple: true })).toBe(-PAGE_CACHE_KB);
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

/** A new folder for one test, removed after it. */
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), "hilo-db-"));
  dirs.push(dir);
  return dir;
}

/** A migrated database file, changed by `tamper` with plain SQL as someone outside Hilo might. */
function tampered(tamper: string): string {
  const path = join(scratch(), "hilo.db");
  openDatabase(path).close();
  const raw = new Database(path);
  raw.exec(tamper);
  raw.close();
  return path;
}

const NEWEST = Math.max(...MIGRATIONS.map((migration) => migration.version));

describe("a database this Hilo cannot use", () => {
  it("refuses a file written by a newer Hilo, naming both schema versions", () => {
    const path = tampered(
      `INSERT INTO schema_migrations (version, name, applied_at) VALUES (${NEWEST + 1}, 'from the future', 0)`,
    );
    expect(() => openDatabase(path, { setBy: "HILO_DB_PATH" })).toThrow(
      `${path} has schema version ${NEWEST + 1} but this Hilo knows up to ${NEWEST}: it was written by a newer Hilo; upgrade Hilo, or point HILO_DB_PATH at another file`,
    );
  });

  it("refuses a file whose column was renamed, naming the table and the column, rather than showing English headlines", () => {
    const path = tampered("ALTER TABLE developments RENAME COLUMN headline_es TO titular");
    expect(() => openDatabase(path)).toThrow(
      `${path}: table developments has no column headline_es: the file was changed outside Hilo; restore a backup or start a new file`,
    );
  });

  it("refuses a file that lost a table, naming it", () => {
    const path = tampered("DROP TABLE health_probe");
    expect(() => openDatabase(path)).toThrow(DatabaseSchemaError);
    expect(() => openDatabase(path)).toThrow(
      `${path}: it has no table health_probe: the file was changed outside Hilo`,
    );
  });

  it("opens a file with extra tables and columns someone added", () => {
    const path = tampered("ALTER TABLE developments ADD COLUMN note TEXT; CREATE TABLE notes (id INTEGER PRIMARY KEY)");
    openDatabase(path).close();
  });
});

describe("a database path that cannot be opened", () => {
  it("names the path and HILO_DB_PATH when a file stands where its folder should be", () => {
    const blocker = join(scratch(), "not-a-folder");
    writeFileSync(blocker, "");
    const path = join(blocker, "data", "hilo.db");
    expect(() => openDatabase(path, { setBy: "HILO_DB_PATH" })).toThrow(DatabaseOpenError);
    expect(() => openDatabase(path, { setBy: "HILO_DB_PATH" })).toThrow(
      new RegExp(
        `^cannot open the database ${escapeRegExp(path)} \\(set by HILO_DB_PATH\\): .*; check that the folder exists and is writable$`,
      ),
    );
  });

  it("names the path and HILO_DB_PATH when the path is a folder", () => {
    const path = join(scratch(), "hilo.db");
    mkdirSync(path);
    expect(() => openDatabase(path, { setBy: "HILO_DB_PATH" })).toThrow(
      `cannot open the database ${path} (set by HILO_DB_PATH): unable to open database file; that is a folder; give the path of a file inside it`,
    );
  });

  it("names the path and HILO_DB_PATH when the file is not a database", () => {
    const path = join(scratch(), "notes.txt");
    writeFileSync(path, "Notes on the story, not a database. ".repeat(40));
    expect(() => openDatabase(path, { setBy: "HILO_DB_PATH" })).toThrow(
      `cannot open the database ${path} (set by HILO_DB_PATH): file is not a database; give the path of a Hilo database, or of a file that does not exist yet`,
    );
  });

  it("names the path and HILO_DB_PATH when even the lock beside it cannot be created", () => {
    const blocker = join(scratch(), "not-a-folder");
    writeFileSync(blocker, "");
    const path = join(blocker, "hilo.db");
    expect(() => lockDatabase(path, { setBy: "HILO_DB_PATH" })).toThrow(
      new RegExp(
        `^cannot open the database ${escapeRegExp(path)} \\(set by HILO_DB_PATH\\): .*; check that the folder exists and is writable$`,
      ),
    );
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
