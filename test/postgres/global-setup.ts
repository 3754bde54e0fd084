import type { TestProject } from "vitest/node";
import { PostgresDatabase } from "../../src/digest/store/postgres/postgres-database.js";
import { startPostgres } from "../helpers/postgres-server.js";

/** Starts the PostgreSQL suite's server (failing the run when none can start) and stops it after the last file. */
export default async function setup(project: TestProject): Promise<() => void> {
  const server = await startPostgres();
  // Installed once, before test files migrate their schemas side by side and would race to install it.
  const db = PostgresDatabase.connect(server.url);
  db.exec("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public");
  db.close();
  project.provide("postgresUrl", server.url);
  return () => server.stop();
}
