import type { Clock } from "../../notify/notifier.js";
import { type SendBudget, waitForSlot } from "../../notify/send-spacing.js";
import type { PostgresDatabase } from "./postgres-database.js";

const BUDGET = "messages";

/**
 * The bot's send slots, evenly spaced, shared by every replica through one row: each send takes the next slot
 * (`next_slot` moves on by the interval) and waits for it. Times are the database server's (in µs), so replicas on
 * hosts whose clocks disagree still never send two messages in one interval.
 */
export class SharedSpacing implements SendBudget {
  private readonly intervalUs: number;

  constructor(
    private readonly db: PostgresDatabase,
    private readonly clock: Clock,
    messagesPerSecond: number,
  ) {
    // Rounded up: the rate may come out a hair under the limit, never over it.
    this.intervalUs = Math.ceil(1_000_000 / messagesPerSecond);
    db.query("INSERT INTO send_budget (name, next_slot) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING", [BUDGET]);
  }

  /** Takes the next slot: when it starts (server time, µs) and how long until then (ms). */
  nextSlot(): { slotUs: number; waitMs: number } {
    const row = this.db.query(
      `UPDATE send_budget SET next_slot = greatest(next_slot, server.now_us) + $2
       FROM (SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint AS now_us) AS server
       WHERE name = $1
       RETURNING next_slot - $2 AS slot_us, server.now_us`,
      [BUDGET, this.intervalUs],
    ).rows[0] as { slot_us: number; now_us: number };
    return { slotUs: row.slot_us, waitMs: (row.slot_us - row.now_us) / 1000 };
  }

  take(): Promise<void> {
    return waitForSlot(() => this.nextSlot().waitMs, this.clock, this.intervalUs / 1000);
  }
}
