import { DatabaseSchemaError } from "../../errors.js";
import type { Migration } from "../migrations.js";
import { applyMigrations } from "../open-database.js";
import { PostgresDatabase } from "./postgres-database.js";
import { POSTGRES_MIGRATIONS } from "./postgres-migrations.js";
import { PostgresError } from "./sync-postgres-client.js";

export interface OpenPostgresOptions {
  /** Where the URL came from, for error messages (e.g. "HILO_DATABASE_URL"). */
  setBy?: string;
  /** A schema of its own (created if missing) instead of `public`: several Hilos, or tests, in one database. */
  schema?: string;
  migrations?: readonly Migration[];
  /** How long one statement may take (ms). */
  timeoutMs?: number;
}

// Replicas starting together take turns at the migrations under this advisory lock ("hilo" in ASCII).
const MIGRATION_LOCK = 0x68696c6f;

/**
 * Connects to PostgreSQL at `url`, applies pending migrations (one replica at a time) and refuses a database written
 * by a newer Hilo. Throws PostgresError when the server cannot be reached or refuses the connection.
 */
export function openPostgres(url: string, options: OpenPostgresOptions = {}): PostgresDatabase {
  const { setBy, schema, migrations = POSTGRES_MIGRATIONS, timeoutMs } = options;
  const db = PostgresDatabase.connect(url, timeoutMs === undefined ? {} : { timeoutMs });
  try {
    if (schema !== undefined) {
      if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new RangeError(`not a schema name: ${schema}`);
      db.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}, public`);
    }
    db.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      const known = migrations.reduce((newest, migration) => Math.max(newest, migration.version), 0);
      const version = schemaVersion(db);
      if (version > known) throw new DatabaseSchemaError(safeUrl(url), { kind: "newer", version, known }, setBy);
      applyMigrations(db, migrations);
    } finally {
      db.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** The URL without its password, for messages and logs. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(a PostgreSQL URL that does not parse)";
  }
}

function schemaVersion(db: PostgresDatabase): number {
  try {
    return (db.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations").pluck().get() as number) ?? 0;
  } catch (error) {
    if (error instanceof PostgresError && error.code === "42P01") return 0; // no such table: a new database
    throw error;
  }
}
