import { z } from "zod";
import { Lang } from "../model.js";
import type { Db } from "../store/open-database.js";
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

/** A row the sender is due to look at: only what it needs to queue it by chat. */
export interface DueDelivery {
  id: number;
  key: string;
  chatRef: number;
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
    private readonly db: Db,
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
      due: db.prepare(
        "SELECT id, key, chat_ref FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id",
      ),
      load: db.prepare(
        "SELECT id, key, chat_ref, kind, development_id, payload, status, attempts, reply_to_key FROM deliveries WHERE id = ?",
      ),
      markSending: db.prepare("UPDATE deliveries SET status = 'sending', last_attempt_at = ? WHERE id = ?"),
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
      resumeInterrupted: db.prepare("SELECT id, key, chat_ref FROM deliveries WHERE status = 'sending' ORDER BY id"),
      requeueInterrupted: db.prepare("UPDATE deliveries SET status = 'pending' WHERE status = 'sending'"),
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

  /** Pending rows due by `now`, oldest first. */
  due(now: number): DueDelivery[] {
    return (this.sql.due.all(now) as { id: number; key: string; chat_ref: number }[]).map((row) => ({
      id: row.id,
      key: row.key,
      chatRef: row.chat_ref,
    }));
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

  /** Committed on its own before the platform is called, so a crash mid-send is visible on restart. */
  markSending(id: number, at: number): void {
    this.sql.markSending.run(at, id);
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

  /** Rows a crash left in `sending` go back to pending; returns them so the caller can log each. */
  resumeInterrupted(): DueDelivery[] {
    return this.db.transaction(() => {
      const rows = this.sql.resumeInterrupted.all() as {
        id: number;
        key: string;
        chat_ref: number;
      }[];
      this.sql.requeueInterrupted.run();
      return rows.map((row) => ({ id: row.id, key: row.key, chatRef: row.chat_ref }));
    })();
  }
}
