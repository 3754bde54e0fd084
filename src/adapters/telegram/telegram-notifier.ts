import { type Api, GrammyError, HttpError } from "grammy";
import type { ChatTarget, Notifier, OutgoingMessage, SendOutcome } from "../../digest/index.js";
import { PartialSends } from "../partial-sends.js";
import { renderReply } from "./render.js";
import { sendMessages, type TelegramPlace } from "./send-messages.js";

/** Sends the core's digests, alerts and updates to Telegram chats, and reports each outcome as a value. */
export class TelegramNotifier implements Notifier {
  readonly platform = "telegram";
  private readonly partial = new PartialSends<number>();

  /** `api` is the bot's, with its auto-retry: waits of up to ~10 s happen here, longer ones go back to the outbox. */
  constructor(private readonly api: Api) {}

  async send(target: ChatTarget, message: OutgoingMessage): Promise<SendOutcome> {
    const parts = renderReply(message.reply, message.lang);
    const key = PartialSends.keyOf(
      `${target.chatId}:${target.threadId ?? ""}`,
      parts.map((part) => part.text),
    );
    const delivered = this.partial.delivered(key);
    const place: TelegramPlace = {
      chatId: target.chatId,
      threadId: toId(target.threadId),
      replyTo: toId(message.replyTo),
    };
    try {
      try {
        await sendMessages(this.api, place, parts, delivered);
      } catch (error) {
        // The alert an update follows was deleted: the update still goes, on its own.
        if (!(place.replyTo !== undefined && isGrammy(error, 400, /message to reply not found/i))) throw error;
        await sendMessages(this.api, { ...place, replyTo: undefined }, parts, delivered);
      }
      this.partial.forget(key);
      return { kind: "sent", messageId: String(delivered[0]) };
    } catch (error) {
      const outcome = sendOutcomeOf(error);
      if (outcome.kind === "rate-limited" || outcome.kind === "failed") this.partial.remember(key, delivered);
      else this.partial.forget(key);
      return outcome;
    }
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
  if (parameters.migrate_to_chat_id !== undefined)
    return { kind: "migrated", chatId: String(parameters.migrate_to_chat_id) };
  if (code === 403 && /blocked|kicked|deactivated|not a member|initiate conversation/i.test(description)) {
    return { kind: "chat-gone", reason: description };
  }
  // A deleted forum topic is gone like a chat: the subscription belongs to the topic.
  if (code === 400 && /chat not found|message thread not found/i.test(description))
    return { kind: "chat-gone", reason: description };
  // Only an edit can be "not modified": the message is already as it should be.
  if (code === 400 && /message is not modified/i.test(description)) {
    return {
      kind: "sent",
      messageId: String((error.payload as { message_id?: unknown } | undefined)?.message_id ?? ""),
    };
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
