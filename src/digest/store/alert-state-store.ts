import { z } from "zod";
import type { DevelopmentFacts } from "../alerts/development-facts.js";
import type { Db } from "./open-database.js";

/** What was decided about alerting one chat of one development. */
export type AlertDecision = "alerted" | "quiet-hours" | "over-budget" | "before-subscription";

export interface AlertState {
  decision: AlertDecision;
  /** Delivery key of the alert, when one was sent. */
  alertKey: string | undefined;
  /** Updates sent after the alert. */
  version: number;
  facts: DevelopmentFacts;
  decidedAt: number;
  /** When facts newer than the last message were first noticed; the update waits a while so later ones join it. */
  pendingSince?: number | undefined;
  /** When updates were sent, for the cap per day. */
  updateTimes?: number[] | undefined;
}

const Facts = z.object({ actors: z.array(z.string()), numbers: z.array(z.string()), denial: z.boolean() });
const Times = z.array(z.number());
const Decision = z.enum(["alerted", "quiet-hours", "over-budget", "before-subscription"]);

/** One decision per chat and development, so a development alerts a chat at most once. */
export class AlertStateStore {
  private readonly sql;

  constructor(db: Db) {
    this.sql = {
      get: db.prepare(
        "SELECT decision, alert_key, version, facts, decided_at, pending_since, update_times FROM alert_state WHERE chat_ref = ? AND development_id = ?",
      ),
      decide:
        db.prepare(`INSERT INTO alert_state (chat_ref, development_id, decision, alert_key, version, facts, decided_at, pending_since, update_times)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(chat_ref, development_id) DO UPDATE SET decision = excluded.decision, alert_key = excluded.alert_key,
         version = excluded.version, facts = excluded.facts, decided_at = excluded.decided_at, pending_since = excluded.pending_since,
         update_times = excluded.update_times`),
      alertsSince: db
        .prepare("SELECT count(*) FROM alert_state WHERE chat_ref = ? AND decision = 'alerted' AND decided_at >= ?")
        .pluck(),
    };
  }

  get(chatRef: number, developmentId: number): AlertState | undefined {
    const row = this.sql.get.get(chatRef, developmentId) as
      | {
          decision: string;
          alert_key: string | null;
          version: number;
          facts: string;
          decided_at: number;
          pending_since: number | null;
          update_times: string;
        }
      | undefined;
    if (!row) return undefined;
    const facts = Facts.safeParse(JSON.parse(row.facts));
    return {
      decision: Decision.parse(row.decision),
      alertKey: row.alert_key ?? undefined,
      version: row.version,
      // Facts that don't read back are treated as none: the worst case is one extra update.
      facts: facts.success ? facts.data : { actors: [], numbers: [], denial: false },
      decidedAt: row.decided_at,
      pendingSince: row.pending_since ?? undefined,
      updateTimes: Times.catch([]).parse(JSON.parse(row.update_times)),
    };
  }

  decide(chatRef: number, developmentId: number, state: AlertState): void {
    this.sql.decide.run(
      chatRef,
      developmentId,
      state.decision,
      state.alertKey ?? null,
      state.version,
      JSON.stringify(state.facts),
      state.decidedAt,
      state.pendingSince ?? null,
      JSON.stringify(state.updateTimes ?? []),
    );
  }

  /** Alerts sent to a chat since `since` (the start of its local day), for the daily budget. */
  alertsSince(chatRef: number, since: number): number {
    return this.sql.alertsSince.get(chatRef, since) as number;
  }
}
