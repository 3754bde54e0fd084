import { afterAll, inject } from "vitest";
import type { Db } from "../../src/digest/store/open-database.js";
import { openDatabase } from "../../src/digest/store/open-database.js";
import { openPostgres } from "../../src/digest/store/postgres/open-postgres.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Set by the PostgreSQL suite's global setup (`npm run test:postgres`): the tests' own server. */
    postgresUrl?: string;
  }
}

const opened: Db[] = [];
let schemas = 0;

afterAll(() => {
  for (const db of opened.splice(0)) db.close();
});

/** Whether this run is the PostgreSQL suite. */
export function onPostgres(): boolean {
  return inject("postgresUrl") !== undefined;
}

/**
 * A new, empty, migrated database for one test: in-memory SQLite, or, in the PostgreSQL suite, a schema of its own
 * on the suite's server (closed after the file's tests).
 */
export function openTestDatabase(): Db {
  const url = inject("postgresUrl");
  if (url === undefined) return openDatabase(":memory:");
  const db = openPostgres(url, { schema: `test_${process.pid}_${++schemas}` });
  opened.push(db);
  return db;
}
