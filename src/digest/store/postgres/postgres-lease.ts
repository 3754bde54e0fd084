import type { LeaseState, WorkLease } from "../../live/work-lease.js";
import type { PostgresDatabase } from "./postgres-database.js";

// The class of Hilo's leases among advisory locks ("hilo" in ASCII); the name and schema give the other key.
const LEASE_CLASS = 0x68696c6f;

/**
 * A lease held as a session advisory lock on this process's connection, keyed by `name` within the current schema:
 * PostgreSQL lets it go when the connection ends, the holder's death (even by SIGKILL) included, so another replica
 * takes it at its next try. Taken, it is kept for the life of the connection.
 */
export function postgresLease(db: PostgresDatabase, name: string): WorkLease {
  let held = false;
  const key = "hashtext(current_schema() || '/' || $2)";
  return {
    hold(): LeaseState {
      if (held) return "held";
      const row = db.query(`SELECT pg_try_advisory_lock($1, ${key}) AS taken`, [LEASE_CLASS, name]).rows[0] as {
        taken: boolean;
      };
      held = row.taken;
      return held ? "taken" : "elsewhere";
    },
    release() {
      if (!held) return;
      held = false;
      if (db.isOpen) db.query(`SELECT pg_advisory_unlock($1, ${key})`, [LEASE_CLASS, name]);
    },
  };
}
