import { z } from "zod";
import { type DatabaseHolder, DatabaseInUseError } from "../../errors.js";
import type { DatabaseLock } from "../lock-database.js";
import { thisProcess } from "../lock-database.js";
import { safeUrl } from "./open-postgres.js";
import type { PostgresDatabase } from "./postgres-database.js";

// The writer's advisory lock ("hilo-w" in ASCII), and where the holder says who it is.
const WRITER_LOCK = 0x68696c6f2d77;
const HOLDER_KEY = "writer";
const Holder = z.object({ pid: z.number().int(), host: z.string(), command: z.string(), since: z.string() });

/**
 * Makes this process the only writer of a PostgreSQL database, as lockDatabase does for a SQLite file, or throws
 * `DatabaseInUseError` naming the holder. The lock is a session advisory lock on this connection: PostgreSQL drops it
 * when the connection ends, the holder's death (even by SIGKILL) included, so a stale lock never blocks a restart.
 */
export function lockPostgres(
  db: PostgresDatabase,
  options: { holder?: DatabaseHolder; setBy?: string } = {},
): DatabaseLock {
  const url = safeUrl(db.url);
  const taken = db.query("SELECT pg_try_advisory_lock($1) AS taken", [WRITER_LOCK]).rows[0] as { taken: boolean };
  if (!taken.taken) throw new DatabaseInUseError(url, readHolder(db), options.setBy, { place: "database" });
  db.query("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [
    HOLDER_KEY,
    JSON.stringify(options.holder ?? thisProcess()),
  ]);
  let held = true;
  return {
    path: url,
    release() {
      if (!held) return;
      held = false;
      // A closed connection has already let the lock go with it.
      if (db.isOpen) db.query("SELECT pg_advisory_unlock($1)", [WRITER_LOCK]);
    },
  };
}

function readHolder(db: PostgresDatabase): DatabaseHolder | undefined {
  const row = db.query("SELECT value FROM meta WHERE key = $1", [HOLDER_KEY]).rows[0] as { value: string } | undefined;
  if (!row) return undefined;
  try {
    return Holder.parse(JSON.parse(row.value));
  } catch {
    return undefined; // written by something else: the refusal still stands, without a name
  }
}
