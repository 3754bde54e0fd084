import type { Config } from "../src/config.js";
import { type Db, openDatabase, openPostgres, PostgresDatabase } from "../src/digest/index.js";

/**
 * The database an evaluation files into: a new in-memory SQLite one, or, with HILO_DATABASE_URL set, a schema of its
 * own on that PostgreSQL database (dropped afterwards), so `hilo eval --story` and `--demo` can be compared engine to
 * engine on the same story.
 */
export async function withEvalDatabase<T>(config: Config, run: (db: Db) => Promise<T>): Promise<T> {
  if (!config.databaseUrl) {
    const db = openDatabase(":memory:");
    try {
      return await run(db);
    } finally {
      db.close();
    }
  }
  const schema = `hilo_eval_${process.pid}`;
  const db = openPostgres(config.databaseUrl, { setBy: "HILO_DATABASE_URL", schema });
  try {
    return await run(db);
  } finally {
    if (db instanceof PostgresDatabase && db.isOpen) db.exec(`DROP SCHEMA ${schema} CASCADE`);
    db.close();
  }
}
