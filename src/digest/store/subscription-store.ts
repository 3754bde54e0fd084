import { Lang } from "../model.js";
import type { ChatTarget } from "../notify/notifier.js";
import type { Db } from "./open-database.js";

/** A chat's standing order: when its digest comes, in which zone and language, and how alerts behave. */
export interface Subscription {
  chatRef: number;
  target: ChatTarget;
  lang: Lang;
  /** Local time of the daily digest, "HH:MM". */
  digestAt: string;
  /** IANA zone, e.g. "America/Caracas". */
  timeZone: string;
  alerts: boolean;
  /** Local "HH:MM" range in which alerts wait for the next digest; both set or neither. */
  quietFrom: string | undefined;
  quietTo: string | undefined;
  /** Alerts a day at most; the rest wait for the digest. */
  alertBudget: number;
  active: boolean;
  inactiveReason: string | undefined;
  lastDigestAt: number | null;
  /** When the chat subscribed (or came back after unsubscribing): nothing before it is due. */
  subscribedAt: number;
}

export type SubscriptionSettings = Pick<Subscription, "digestAt" | "timeZone">;

interface Row {
  chat_ref: number;
  platform: string;
  chat_id: string;
  thread_id: string;
  kind: string;
  lang: string;
  digest_at: string;
  time_zone: string;
  alerts: number;
  quiet_from: string | null;
  quiet_to: string | null;
  alert_budget: number;
  active: number;
  inactive_reason: string | null;
  last_digest_at: number | null;
  subscribed_at: number;
}

const SELECT = `SELECT s.*, c.platform, c.chat_id, c.thread_id, c.kind, c.lang, c.last_digest_at
  FROM subscriptions AS s JOIN chats AS c ON c.id = s.chat_ref`;

/** Subscriptions in SQLite, joined with their chats. */
export class SubscriptionStore {
  private readonly sql;

  constructor(db: Db) {
    this.sql = {
      subscribe:
        db.prepare(`INSERT INTO subscriptions (chat_ref, digest_at, time_zone, active, subscribed_at) VALUES (?, ?, ?, 1, ?)
         ON CONFLICT(chat_ref) DO UPDATE SET digest_at = excluded.digest_at, time_zone = excluded.time_zone,
         subscribed_at = CASE WHEN subscriptions.active = 1 THEN subscriptions.subscribed_at ELSE excluded.subscribed_at END,
         active = 1, inactive_reason = NULL`),
      deactivate: db.prepare(
        "UPDATE subscriptions SET active = 0, inactive_reason = ? WHERE chat_ref = ? AND active = 1",
      ),
      setAlerts: db.prepare("UPDATE subscriptions SET alerts = ? WHERE chat_ref = ?"),
      setQuietHours: db.prepare("UPDATE subscriptions SET quiet_from = ?, quiet_to = ? WHERE chat_ref = ?"),
      get: db.prepare(`${SELECT} WHERE s.chat_ref = ?`),
      active: db.prepare(`${SELECT} WHERE s.active = 1 ORDER BY s.chat_ref`),
    };
  }

  /** Subscribes a chat (or changes its time and zone), and switches it back on if it was off. */
  subscribe(chatRef: number, settings: SubscriptionSettings, at: number): void {
    this.sql.subscribe.run(chatRef, settings.digestAt, settings.timeZone, at);
  }

  unsubscribe(chatRef: number): boolean {
    return this.deactivate(chatRef, "unsubscribed");
  }

  /** Switches a subscription off, keeping why (unsubscribed, bot blocked, chat deleted…). */
  deactivate(chatRef: number, reason: string): boolean {
    return this.sql.deactivate.run(reason, chatRef).changes > 0;
  }

  setAlerts(chatRef: number, on: boolean): void {
    this.sql.setAlerts.run(on ? 1 : 0, chatRef);
  }

  setQuietHours(chatRef: number, from: string | undefined, to: string | undefined): void {
    this.sql.setQuietHours.run(from ?? null, to ?? null, chatRef);
  }

  get(chatRef: number): Subscription | undefined {
    const row = this.sql.get.get(chatRef) as Row | undefined;
    return row && toSubscription(row);
  }

  /** Every subscription that is on. */
  active(): Subscription[] {
    return (this.sql.active.all() as Row[]).map(toSubscription);
  }
}

function toSubscription(row: Row): Subscription {
  return {
    chatRef: row.chat_ref,
    target: {
      platform: row.platform,
      chatId: row.chat_id,
      threadId: row.thread_id || undefined,
      kind: row.kind === "private" ? "private" : "group",
    },
    lang: Lang.catch("es").parse(row.lang),
    digestAt: row.digest_at,
    timeZone: row.time_zone,
    alerts: row.alerts === 1,
    quietFrom: row.quiet_from ?? undefined,
    quietTo: row.quiet_to ?? undefined,
    alertBudget: row.alert_budget,
    active: row.active === 1,
    inactiveReason: row.inactive_reason ?? undefined,
    lastDigestAt: row.last_digest_at,
    subscribedAt: row.subscribed_at,
  };
}
