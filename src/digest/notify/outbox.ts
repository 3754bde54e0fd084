import { z } from "zod";
import { Lang } from "../model.js";
import type { Db } from "../store/open-database.js";
import { engineOf } from "../store/sql-database.js";
import { Reply } from "../summaries/views.js";
import { type Clock, type MessageKind, type OutgoingMessage, systemClock } from "./notifier.js";

/** Where a delivery stands: waiting, handed to the platform right now, delivered, or given up. */
export const DeliveryStatus = z.enum(["pending", "sending", "sent", "closed"]);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** What the scheduler and alerts ask the outbox to deliver. */
export interface DeliveryRequest {
  /** Deterministic, e.g. `digest:<chatRef>:<period>`, `alert:<chatRef>:<developmentId>`; a second enqueue with it is a no-op. */
  key: string;
  chatRef: number;
  kind: MessageKind;
  developmentId?: number | undefined;
  message: OutgoingMessage;
  /** Not sent before this time (ms). */
  notBefore: number;
  /** For an update: the key of the alert it follows. */
  replyToKey?: string | undefined;
}

/** A pending delivery as the sender sees it, payload already validated. */
export interface Delivery {
  id: number;
  key: string;
  chatRef: number;
  kind: MessageKind;
  developmentId: number | undefined;
  message: OutgoingMessage;
  replyToKey: string | undefined;
  /** Failed sends so far; rate limits and migrations do not count. */
  attempts: number;
}

/** A chat a sender has claimed: its due rows are this sender's to deliver until the claim ends. */
export interface ClaimedChat {
  chatRef: number;
  /** When the last send to the chat ended, by whichever sender (ms), for the per-chat gap. */
  lastSendEnd: number | undefined;
}

/** A row the sender is due to look at: only what it needs to queue it by chat. */
export interface DueDelivery {
  id: number;
  key: string;
  chatRef: number;
  /** Left in `sending` by a sender that died (or lost its claim) mid-send. */
  interrupted: boolean;
}

/** Reading a row back: ready to send, no longer pending, or a payload that does not parse. */
export type LoadedDelivery =
  | { kind: "ready"; delivery: Delivery }
  | { kind: "not-pending" }
  | { kind: "corrupt"; key: string; chatRef: number; error: string };

const MessageKindSchema = z.enum(["digest", "alert", "update"]);
const StoredMessage: z.ZodType<OutgoingMessage> = z.object({
  kind: MessageKindSchema,
  lang: Lang,
  reply: Reply,
  replyTo: z.string().optional(),
});

interface Row {
  id: number;
  key: string;
  chat_ref: number;
  kind: string;
  development_id: number | null;
  payload: string;
  status: string;
  attempts: number;
  reply_to_key: string | null;
}

/** The deliveries table: every digest, alert and update is written here before anything is sent. */
export class Outbox {
  private readonly sql;

  constructor(
    db: Db,
    private readonly clock: Clock = systemClock,
  ) {
    this.sql = {
      enqueue:
        db.prepare(`INSERT INTO deliveries (key, chat_ref, kind, development_id, payload, status, next_attempt_at, reply_to_key, created_at)
           VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?) ON CONFLICT(key) DO NOTHING`),
      messageIdOf: db.prepare("SELECT platform_message_id FROM deliveries WHERE key = ?").pluck(),
      depth: db.prepare("SELECT count(*) FROM deliveries WHERE status IN ('pending', 'sending')").pluck(),
      statusOf: db.prepare("SELECT status FROM deliveries WHERE key = ?").pluck(),
      errorOf: db.prepare("SELECT error FROM deliveries WHERE key = ?").pluck(),
      nextAttemptOf: db.prepare("SELECT next_attempt_at FROM deliveries WHERE key = ?").pluck(),
      dueOf: db.prepare(`SELECT id, key, chat_ref, status FROM deliveries
         WHERE chat_ref = ? AND status IN ('pending', 'sending') AND next_attempt_at <= ? ORDER BY id`),
      // Chats with rows due (or left mid-send), past the cursor, that no sender holds: claimed in one statement. On
      // PostgreSQL, FOR UPDATE SKIP LOCKED passes over chats another sender is claiming right now, and a chat claimed
      // since this statement's snapshot is re-checked on its new row and dropped: two senders never share a chat.
      claimChats: db.prepare(`UPDATE chats SET send_holder = ?, send_until = ?
         WHERE id IN (SELECT c.id FROM chats c
           WHERE c.id > ? AND (c.send_until IS NULL OR c.send_until <= ?)
             AND c.id IN (SELECT chat_ref FROM deliveries WHERE status IN ('pending', 'sending') AND next_attempt_at <= ?)
           ORDER BY c.id LIMIT ?${engineOf(db) === "postgres" ? " FOR UPDATE SKIP LOCKED" : ""})
         RETURNING id, last_send_end`),
      renewClaim: db.prepare("UPDATE chats SET send_until = ? WHERE id = ? AND send_holder = ?"),
      releaseChat: db.prepare(`UPDATE chats SET send_holder = NULL, send_until = NULL,
         last_send_end = coalesce(?, last_send_end) WHERE id = ? AND send_holder = ?`),
      clearClaims: db.prepare("UPDATE chats SET send_holder = NULL, send_until = NULL WHERE send_holder IS NOT NULL"),
      requeueInterruptedOf: db.prepare(
        "UPDATE deliveries SET status = 'pending' WHERE chat_ref = ? AND status = 'sending'",
      ),
      load: db.prepare(
        "SELECT id, key, chat_ref, kind, development_id, payload, status, attempts, reply_to_key FROM deliveries WHERE id = ?",
      ),
      // Only while the chat is still this sender's: one that lost its claim (paused past it) sends nothing more.
      markSending: db.prepare(`UPDATE deliveries SET status = 'sending', last_attempt_at = ?
         WHERE id = ? AND status = 'pending'
           AND chat_ref IN (SELECT id FROM chats WHERE send_holder = ? AND send_until > ?)`),
      markSent: db.prepare(
        "UPDATE deliveries SET status = 'sent', platform_message_id = ?, sent_at = ?, error = NULL WHERE id = ?",
      ),
      retryAt: db.prepare(`UPDATE deliveries SET status = 'pending', next_attempt_at = ?,
         attempts = attempts + ?, error = coalesce(?, error) WHERE id = ?`),
      holdChat: db.prepare(
        `UPDATE deliveries SET next_attempt_at = CASE WHEN next_attempt_at > ? THEN next_attempt_at ELSE ? END
         WHERE chat_ref = ? AND status = 'pending'`,
      ),
      close: db.prepare("UPDATE deliveries SET status = 'closed', error = ?, closed_at = ? WHERE id = ?"),
      closeChat: db.prepare(
        "UPDATE deliveries SET status = 'closed', error = ?, closed_at = ? WHERE chat_ref = ? AND status = 'pending'",
      ),
    };
  }

  /** Writes the delivery unless its key is already there; true when it was new. */
  enqueue(request: DeliveryRequest): boolean {
    const { replyTo: _filledAtSendTime, ...message } = request.message;
    return (
      this.sql.enqueue.run(
        request.key,
        request.chatRef,
        request.kind,
        request.developmentId ?? null,
        JSON.stringify(message),
        request.notBefore,
        request.replyToKey ?? null,
        this.clock.now(),
      ).changes > 0
    );
  }

  /** The platform's id of the message a delivery became, once sent. */
  messageIdOf(key: string): string | undefined {
    const id = this.sql.messageIdOf.get(key) as string | null | undefined;
    return id ?? undefined;
  }

  /** Deliveries not yet sent or given up. */
  depth(): number {
    return this.sql.depth.get() as number;
  }

  statusOf(key: string): DeliveryStatus | undefined {
    const status = this.sql.statusOf.get(key);
    return status === undefined ? undefined : DeliveryStatus.parse(status);
  }

  /** Why a delivery was closed, or what its last failure was. */
  errorOf(key: string): string | undefined {
    const error = this.sql.errorOf.get(key) as string | null | undefined;
    return error ?? undefined;
  }

  /** When a pending delivery will next be tried (ms). */
  nextAttemptOf(key: string): number | undefined {
    return this.sql.nextAttemptOf.get(key) as number | undefined;
  }

  /**
   * Claims for `holder`, until `until`, up to `limit` chats numbered above `after` that have rows due by `dueBy` and
   * no claim live at `at`: the holder alone sends to them, in order, until it releases them or the claim expires.
   */
  claimChats(claim: {
    holder: string;
    at: number;
    until: number;
    dueBy: number;
    after: number;
    limit: number;
  }): ClaimedChat[] {
    const { holder, at, until, dueBy, after, limit } = claim;
    const rows = this.sql.claimChats.all(holder, until, after, at, dueBy, limit) as {
      id: number;
      last_send_end: number | null;
    }[];
    return rows
      .map((row) => ({ chatRef: row.id, lastSendEnd: row.last_send_end ?? undefined }))
      .sort((a, b) => a.chatRef - b.chatRef);
  }

  /** Extends a claim this holder still has; false when it has lost it. */
  renewClaim(chatRef: number, holder: string, until: number): boolean {
    return this.sql.renewClaim.run(until, chatRef, holder).changes > 0;
  }

  /** Lets a claimed chat go, noting when its last send ended (if one did), for the next sender's gap. */
  releaseChat(chatRef: number, holder: string, lastSendEnd: number | undefined): void {
    this.sql.releaseChat.run(lastSendEnd ?? null, chatRef, holder);
  }

  /** Forgets every claim: for a sender alone on its database, whose predecessor's claims died with it. */
  clearClaims(): number {
    return this.sql.clearClaims.run().changes;
  }

  /**
   * A claimed chat's rows due by `now`, oldest first, with those a dead sender left mid-send (`interrupted`): see
   * `resumeInterrupted`.
   */
  dueOf(chatRef: number, now: number): DueDelivery[] {
    return (this.sql.dueOf.all(chatRef, now) as { id: number; key: string; chat_ref: number; status: string }[]).map(
      (row) => ({ id: row.id, key: row.key, chatRef: row.chat_ref, interrupted: row.status === "sending" }),
    );
  }

  /** Reads a row back right before its send, validating the stored payload. */
  load(id: number): LoadedDelivery {
    const row = this.sql.load.get(id) as Row | undefined;
    if (!row || row.status !== "pending") return { kind: "not-pending" };
    const corrupt = (error: string): LoadedDelivery => ({
      kind: "corrupt",
      key: row.key,
      chatRef: row.chat_ref,
      error,
    });
    const kind = MessageKindSchema.safeParse(row.kind);
    if (!kind.success) return corrupt(`unknown delivery kind "${row.kind}"`);
    let json: unknown;
    try {
      json = JSON.parse(row.payload);
    } catch (error) {
      return corrupt(`payload is not JSON (${(error as Error).message})`);
    }
    const message = StoredMessage.safeParse(json);
    if (!message.success)
      return corrupt(`payload is not a message: ${z.prettifyError(message.error).replaceAll("\n", " ")}`);
    return {
      kind: "ready",
      delivery: {
        id: row.id,
        key: row.key,
        chatRef: row.chat_ref,
        kind: kind.data,
        developmentId: row.development_id ?? undefined,
        message: message.data,
        replyToKey: row.reply_to_key ?? undefined,
        attempts: row.attempts,
      },
    };
  }

  /**
   * Committed on its own before the platform is called, so a crash mid-send is visible to the next sender. False, and
   * nothing marked, when `holder` no longer holds the row's chat at `at` or the row is no longer pending.
   */
  markSending(id: number, at: number, holder: string): boolean {
    return this.sql.markSending.run(at, id, holder, at).changes > 0;
  }

  markSent(id: number, messageId: string, at: number): void {
    this.sql.markSent.run(messageId, at, id);
  }

  /** Back to pending, tried again at `at`; counts a failure when `reason` is given. */
  retryAt(id: number, at: number, failure?: string): void {
    this.sql.retryAt.run(at, failure === undefined ? 0 : 1, failure ?? null, id);
  }

  /** Holds every pending row of a chat until at least `at`, keeping their order. */
  holdChat(chatRef: number, at: number): number {
    return this.sql.holdChat.run(at, at, chatRef).changes;
  }

  /** Gives a row up, keeping why. */
  close(id: number, reason: string, at: number): void {
    this.sql.close.run(reason, at, id);
  }

  /** Gives up every pending row of a chat (it is gone); returns how many. */
  closeChat(chatRef: number, reason: string, at: number): number {
    return this.sql.closeChat.run(reason, at, chatRef).changes;
  }

  /** A claimed chat's rows that a dead sender left in `sending` go back to pending: one may have reached the chat. */
  resumeInterrupted(chatRef: number): void {
    this.sql.requeueInterruptedOf.run(chatRef);
  }
}
