import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS, type Migration } from "./migrations.js";

export type Db = Database.Database;

/** Opens (creating if needed) the SQLite database with WAL and foreign keys on, and applies pending migrations. */
export function openDatabase(path: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  // NORMAL is durable across application crashes in WAL mode; only a power cut can lose the last commit.
  db.pragma("synchronous = NORMAL");
  applyMigrations(db, migrations);
  reusePreparedStatements(db);
  return db;
}

// Statements built from a variable number of placeholders would make new texts without end; past this, start over.
const MAX_CACHED_STATEMENTS = 500;

/**
 * Makes `db.prepare` hand back the statement it compiled before for the same SQL text. The stores prepare
 * their SQL where they use it, which reads well but compiled it again on every call (7% of a /timeline's
 * time in a profile). A reused statement starts in the default row mode, whatever a caller set before.
 */
function reusePreparedStatements(db: Db): void {
  const compile = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    const cached = cache.get(sql);
    if (cached) return cached.reader ? cached.raw(false).pluck(false) : cached;
    if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
    const statement = compile(sql);
    cache.set(sql, statement);
    return statement;
  }) as Db["prepare"];
}

/** Applies every migration newer than the recorded version, each in its own transaction. */
export function applyMigrations(db: Db, migrations: readonly Migration[]): number[] {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
  const applied = new Set(
    db.prepare("SELECT version FROM schema_migrations").pluck().all() as number[],
  );
  const done: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(
        migration.version,
        migration.name,
        Date.now(),
      );
    })();
    done.push(migration.version);
  }
  return done;
}
