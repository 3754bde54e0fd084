import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
const dirs: string[] = [];
let schemas = 0;

afterAll(() => {
  for (const db of opened.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
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

/**
 * `count` connections to one new database, as replicas have: a SQLite file in a temp folder, or, in the PostgreSQL
 * suite, one schema of the suite's server (closed after the file's tests).
 */
export function openSharedTestDatabases(count: number): Db[] {
  const url = inject("postgresUrl");
  const connections: Db[] = [];
  if (url === undefined) {
    const dir = mkdtempSync(join(tmpdir(), "hilo-shared-"));
    dirs.push(dir);
    for (let i = 0; i < count; i += 1) connections.push(openDatabase(join(dir, "hilo.db")));
  } else {
    const schema = `test_${process.pid}_${++schemas}`;
    for (let i = 0; i < count; i += 1) connections.push(openPostgres(url, { schema }));
  }
  opened.push(...connections);
  return connections;
}
