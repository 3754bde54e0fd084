import { createHash } from "node:crypto";
import { GrammyError, HttpError, type Api } from "grammy";
import type { ChatTarget, Notifier, OutgoingMessage, SendOutcome } from "../../digest/index.js";
import { renderReply } from "./render.js";
import { sendMessages, type TelegramPlace } from "./send-messages.js";

// Split messages whose later part failed; kept so the outbox's retry sends only the rest. Bounded: a retry
// comes within minutes, and losing an entry costs a repeated part, not a lost one.
const MAX_PARTIAL = 1_000;

/** Sends the core's digests, alerts and updates to Telegram chats, and reports each outcome as a value. */
export class TelegramNotifier implements Notifier {
  readonly platform = "telegram";
  private readonly partial = new Map<string, number[]>();

  /** `api` is the bot's, with its auto-retry: waits of up to ~10 s happen here, longer ones go back to the outbox. */
  constructor(private readonly api: Api) {}

  async send(target: ChatTarget, message: OutgoingMessage): Promise<SendOutcome> {
    const parts = renderReply(message.reply, message.lang);
    const key = partialKey(target, parts.map((part) => part.text));
    const delivered = this.partial.get(key) ?? [];
    const place: TelegramPlace = { chatId: target.chatId, threadId: toId(target.threadId), replyTo: toId(message.replyTo) };
    try {
      try {
        await sendMessages(this.api, place, parts, delivered);
      } catch (error) {
        // The alert an update follows was deleted: the update still goes, on its own.
        if (!(place.replyTo !== undefined && isGrammy(error, 400, /message to reply not found/i))) throw error;
        await sendMessages(this.api, { ...place, replyTo: undefined }, parts, delivered);
      }
      this.partial.delete(key);
      return { kind: "sent", messageId: String(delivered[0]) };
    } catch (error) {
      const outcome = sendOutcomeOf(error);
      if (outcome.kind === "rate-limited" || outcome.kind === "failed") this.remember(key, delivered);
      else this.partial.delete(key);
      return outcome;
    }
  }

  private remember(key: string, delivered: number[]): void {
    if (delivered.length === 0) return;
    this.partial.delete(key);
    this.partial.set(key, delivered);
    if (this.partial.size > MAX_PARTIAL) this.partial.delete(this.partial.keys().next().value!);
  }
}

/**
 * What a failed Bot API call means for the outbox. Telegram's answers are values; anything else is a bug and is
 * thrown again, so the sender logs it as one.
 */
export function sendOutcomeOf(error: unknown): SendOutcome {
  if (error instanceof HttpError) return { kind: "failed", reason: `could not reach Telegram: ${error.message}` };
  if (!(error instanceof GrammyError)) throw error;
  const { error_code: code, description, parameters } = error;
  if (code === 429) return { kind: "rate-limited", retryAfterMs: (parameters.retry_after ?? 1) * 1000 };
  if (parameters.migrate_to_chat_id !== undefined) return { kind: "migrated", chatId: String(parameters.migrate_to_chat_id) };
  if (code === 403 && /blocked|kicked|deactivated|not a member|initiate conversation/i.test(description)) {
    return { kind: "chat-gone", reason: description };
  }
  // A deleted forum topic is gone like a chat: the subscription belongs to the topic.
  if (code === 400 && /chat not found|message thread not found/i.test(description)) return { kind: "chat-gone", reason: description };
  // Only an edit can be "not modified": the message is already as it should be.
  if (code === 400 && /message is not modified/i.test(description)) {
    return { kind: "sent", messageId: String((error.payload as { message_id?: unknown } | undefined)?.message_id ?? "") };
  }
  return { kind: "failed", reason: `${code}: ${description}` };
}

function isGrammy(error: unknown, code: number, description: RegExp): boolean {
  return error instanceof GrammyError && error.error_code === code && description.test(error.description);
}

function toId(value: string | undefined): number | undefined {
  if (value === undefined || !/^-?\d+$/.test(value)) return undefined;
  return Number(value);
}

function partialKey(target: ChatTarget, texts: readonly string[]): string {
  const digest = createHash("sha256");
  for (const text of texts) digest.update(text).update("\u0000");
  return `${target.chatId}:${target.threadId ?? ""}:${digest.digest("hex")}`;
}
