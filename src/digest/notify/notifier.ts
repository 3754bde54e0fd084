import type { Lang } from "../model.js";
import type { Reply } from "../summaries/views.js";

/** What Hilo sends unprompted: the daily digest, an alert for a new development, or an update to an alert. */
export type MessageKind = "digest" | "alert" | "update";

/** The chat a message goes to, as its platform knows it. */
export interface ChatTarget {
  platform: string;
  chatId: string;
  /** Forum topic (Telegram) or thread (Discord); undefined for the chat itself. */
  threadId: string | undefined;
  kind: "private" | "group";
}

/** One message for one chat, already in the chat's language. */
export interface OutgoingMessage {
  kind: MessageKind;
  lang: Lang;
  reply: Reply;
  /** For an update: the platform's id of the alert message it follows (the adapter replies to it or threads it). */
  replyTo?: string | undefined;
}

/** How a send ended. The platform saying no is a value; only bugs throw. */
export type SendOutcome =
  | { kind: "sent"; messageId: string }
  | { kind: "rate-limited"; retryAfterMs: number }
  | { kind: "chat-gone"; reason: string }
  | { kind: "migrated"; chatId: string }
  | { kind: "failed"; reason: string };

/** A platform Hilo can post to: console, Telegram, Discord, or a test recorder. */
export interface Notifier {
  readonly platform: string;
  send(target: ChatTarget, message: OutgoingMessage): Promise<SendOutcome>;
}

/** Time as the scheduler and sender see it, so tests can drive it. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The wall clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
