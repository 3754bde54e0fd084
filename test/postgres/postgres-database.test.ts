import { afterAll, describe, expect, inject, it } from "vitest";
import { DatabaseSchemaError } from "../../src/digest/errors.js";
import { openPostgres } from "../../src/digest/store/postgres/open-postgres.js";
import { PostgresDatabase } from "../../src/digest/store/postgres/postgres-database.js";
import { POSTGRES_MIGRATIONS } from "../../src/digest/store/postgres/postgres-migrations.js";
import { PostgresError } from "../../src/digest/store/postgres/sync-postgres-client.js";

const url = inject("postgresUrl") as string;
const db = PostgresDatabase.connect(url);
afterAll(() => db.close());
db.exec("CREATE TEMP TABLE notes (id BIGINT PRIMARY KEY, body TEXT NOT NULL, weight DOUBLE PRECISION)");

describe("PostgreSQL behind the stores' statements", () => {
  it("answers run, get, all, pluck and raw as better-sqlite3 does, ids and counts as numbers", () => {
    const add = db.prepare("INSERT INTO notes (id, body, weight) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
    expect(add.run(1, "¿asilo? 'sí'", 0.5)).toEqual({ changes: 1 });
    expect(add.run(1, "again", 1)).toEqual({ changes: 0 });
    add.run(2_000_000_000_123, "big", null);
    expect(db.prepare("SELECT * FROM notes WHERE id = ?").get(1)).toEqual({ id: 1, body: "¿asilo? 'sí'", weight: 0.5 });
    expect(db.prepare("SELECT id FROM notes ORDER BY id").pluck().all()).toEqual([1, 2_000_000_000_123]);
    expect(db.prepare("SELECT count(*), sum(id) FROM notes").raw().get()).toEqual([2, 2_000_000_000_124]);
    expect(db.prepare("SELECT body FROM notes WHERE id = ?").get(99)).toBeUndefined();
    // A question mark inside quotes is text, not a placeholder.
    expect(db.prepare("SELECT '¿?' || ? AS text").pluck().get("!")).toBe("¿?!");
  });

  it("rolls a failed transaction back, and a nested one to its savepoint only", () => {
    const add = db.prepare("INSERT INTO notes (id, body) VALUES (?, ?)");
    const count = db.prepare("SELECT count(*) FROM notes WHERE id BETWEEN 100 AND 199").pluck();
    expect(() =>
      db.transaction(() => {
        add.run(100, "kept only if all goes well");
        throw new Error("boom");
      })(),
    ).toThrow("boom");
    expect(count.get()).toBe(0);
    db.transaction(() => {
      add.run(101, "outer");
      expect(() =>
        db.transaction(() => {
          add.run(102, "inner");
          add.run(101, "a duplicate: PostgreSQL refuses it");
        })(),
      ).toThrow(PostgresError);
      add.run(103, "after the inner one failed, the outer goes on");
    })();
    expect(db.prepare("SELECT id FROM notes WHERE id BETWEEN 100 AND 199 ORDER BY id").pluck().all()).toEqual([
      101, 103,
    ]);
  });

  it("says what PostgreSQL refused: its SQLSTATE and the statement", () => {
    const error = (() => {
      try {
        db.prepare("SELECT nothing FROM notes").all();
      } catch (caught) {
        return caught as PostgresError;
      }
    })();
    expect(error).toBeInstanceOf(PostgresError);
    expect(error?.code).toBe("42703");
    expect(error?.message).toContain("(in: SELECT nothing FROM notes)");
  });

  it("fails at once, with the reason, when no server answers at the address", () => {
    const nowhere = PostgresDatabase.connect("postgres://hilo@127.0.0.1:1/none", { timeoutMs: 20_000 });
    expect(() => nowhere.exec("SELECT 1")).toThrow(/ECONNREFUSED/);
    nowhere.close();
  });
});

describe("opening a PostgreSQL database", () => {
  it("migrates once however many open it, and refuses one written by a newer Hilo without printing the password", () => {
    const schema = `open_${process.pid}`;
    const first = openPostgres(url, { schema });
    const second = openPostgres(url, { schema });
    expect(second.prepare("SELECT count(*) FROM schema_migrations").pluck().get()).toBe(POSTGRES_MIGRATIONS.length);
    second.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 0)").run();
    second.close();
    first.close();
    const withPassword = new URL(url);
    withPassword.password = "hunter2";
    expect(() => openPostgres(withPassword.toString(), { schema, setBy: "HILO_DATABASE_URL" })).toThrow(
      DatabaseSchemaError,
    );
    try {
      openPostgres(withPassword.toString(), { schema, setBy: "HILO_DATABASE_URL" });
    } catch (error) {
      expect((error as Error).message).toMatch(/schema version 99 but this Hilo knows up to 2/);
      expect((error as Error).message).not.toContain("hunter2");
    }
  });
});
