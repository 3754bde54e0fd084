import { describeError } from "../errors.js";
import type { Db } from "./open-database.js";

/** Whether the database took a write just now, and if not, what it said. */
export type WriteProbe = { ok: true } | { ok: false; error: string };

/**
 * Commits one tiny write, so a read-only file, a full disk or a closed connection shows up as it would for the
 * outbox. A transaction that only begins and rolls back would not touch the disk, so it could not tell.
 */
export function probeWrite(db: Db, now: number): WriteProbe {
  try {
    db.prepare(
      "INSERT INTO health_probe (id, written_at) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET written_at = excluded.written_at",
    ).run(now);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  }
}
