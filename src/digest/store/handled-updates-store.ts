import type { Db } from "./open-database.js";

// Telegram gives up redelivering an update long before this; a day of ids is a few hundred KB at most.
const KEPT_MS = 24 * 60 * 60 * 1000;
// Old ids are swept on every this-many-th new one, not on each.
const SWEEP_EVERY = 500;

/**
 * The platform updates some replica has taken on: behind a load balancer, Telegram may post one update twice (it
 * redelivers when an answer is slow) and each copy may reach a different replica; the first to write its id handles it.
 */
export class HandledUpdates {
  private readonly sql;
  private added = 0;

  constructor(db: Db) {
    this.sql = {
      take: db.prepare(
        "INSERT INTO handled_updates (platform, update_id, handled_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
      ),
      sweep: db.prepare("DELETE FROM handled_updates WHERE handled_at < ?"),
    };
  }

  /** True for the first replica (and the first time) an update is seen; false for every copy after it. */
  take(platform: string, updateId: number, at: number): boolean {
    const first = this.sql.take.run(platform, updateId, at).changes > 0;
    if (first && ++this.added % SWEEP_EVERY === 0) this.sql.sweep.run(at - KEPT_MS);
    return first;
  }
}
