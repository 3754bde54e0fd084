import { type APIMessage, DiscordAPIError, HTTPError, RateLimitError, type REST, Routes } from "discord.js";
import {
  type ChatTarget,
  describeError,
  type Lang,
  type Logger,
  type Notifier,
  type OutgoingMessage,
  type SendOutcome,
} from "../../digest/index.js";
import { PartialSends } from "../partial-sends.js";
import { type DiscordMessage, renderReply, threadName } from "./render.js";

// Discord's JSON error codes this notifier acts on.
const UNKNOWN_CHANNEL = 10003;
const MISSING_ACCESS = 50001;
const MISSING_PERMISSIONS = 50013;

/** An alert's id as the outbox keeps it: "thread:<id>" when its thread was opened, else the alert message's id. */
const THREAD_PREFIX = "thread:";

/** A day without messages archives an alert's thread; posting an update reopens it. */
const THREAD_ARCHIVE_MINUTES = 1440;

// Said once per channel (per process) when Hilo may post but not open threads; layout words, like the emoji.
const NO_THREADS: Record<Lang, string> = {
  es: "No puedo abrir hilos en este canal: me falta el permiso «Crear hilos públicos». Las actualizaciones de cada alerta irán como respuesta a la alerta.",
  en: "I can't open threads in this channel: I lack the “Create Public Threads” permission. Updates to each alert will reply to the alert instead.",
};

/**
 * Sends digests, alerts and updates to Discord channels through the REST API. An alert opens a thread named after
 * its development, and the development's updates post inside it, so its discussion stays in one place.
 */
export class DiscordNotifier implements Notifier {
  readonly platform = "discord";
  private readonly partial = new PartialSends<string>();
  private readonly toldNoThreads = new Set<string>();

  /** `rest` is the client's: it waits out short rate limits itself and rejects long ones (start-discord.ts). */
  constructor(
    private readonly rest: REST,
    private readonly log: Logger,
  ) {}

  async send(target: ChatTarget, message: OutgoingMessage): Promise<SendOutcome> {
    const parts = renderReply(message.reply, message.lang);
    const channelId = target.threadId ?? target.chatId;
    const key = PartialSends.keyOf(
      channelId,
      parts.map((part) => JSON.stringify(part)),
    );
    const delivered = this.partial.delivered(key);
    try {
      if (message.kind === "update" && message.replyTo !== undefined)
        await this.sendUpdate(channelId, message.replyTo, parts, delivered);
      else await this.post(channelId, parts, delivered);
      this.partial.forget(key);
      const first = delivered[0]!;
      if (message.kind !== "alert" || message.reply.kind !== "alert") return { kind: "sent", messageId: first };
      return {
        kind: "sent",
        messageId: await this.openThread(channelId, first, threadName(message.reply.alert), message.lang),
      };
    } catch (error) {
      const outcome = sendOutcomeOf(error);
      if (outcome.kind === "rate-limited" || outcome.kind === "failed") this.partial.remember(key, delivered);
      else this.partial.forget(key);
      return outcome;
    }
  }

  /** Posts the parts in order, skipping those already delivered; each id is pushed as soon as Discord answers. */
  private async post(
    channelId: string,
    parts: readonly DiscordMessage[],
    delivered: string[],
    replyTo?: string,
  ): Promise<void> {
    for (const [i, part] of parts.entries()) {
      if (i < delivered.length) continue;
      const body =
        i === 0 && replyTo ? { ...part, message_reference: { message_id: replyTo, fail_if_not_exists: false } } : part;
      const sent = (await this.rest.post(Routes.channelMessages(channelId), { body })) as APIMessage;
      delivered.push(sent.id);
    }
  }

  /** Inside the alert's thread; when there is none (or it was deleted), as a reply to the alert in the channel. */
  private async sendUpdate(
    channelId: string,
    alertId: string,
    parts: readonly DiscordMessage[],
    delivered: string[],
  ): Promise<void> {
    if (alertId.startsWith(THREAD_PREFIX)) {
      const threadId = alertId.slice(THREAD_PREFIX.length);
      try {
        await this.post(threadId, parts, delivered);
        return;
      } catch (error) {
        if (!isApiError(error, UNKNOWN_CHANNEL, MISSING_ACCESS, MISSING_PERMISSIONS) || delivered.length > 0)
          throw error;
        this.log.warn("an alert's thread is gone; the update replies to the alert instead", {
          channel: channelId,
          thread: threadId,
          error: describeError(error),
        });
      }
      // A thread started from a message has that message's id.
      await this.post(channelId, parts, delivered, threadId);
      return;
    }
    await this.post(channelId, parts, delivered, alertId);
  }

  /**
   * Opens the alert's thread and returns the id its updates go to. Without the permission the alert still counts
   * as sent: updates reply to it, and the channel is told once what is missing.
   */
  private async openThread(channelId: string, alertId: string, name: string, lang: Lang): Promise<string> {
    try {
      await this.rest.post(Routes.threads(channelId, alertId), {
        body: { name, auto_archive_duration: THREAD_ARCHIVE_MINUTES },
      });
      return `${THREAD_PREFIX}${alertId}`;
    } catch (error) {
      if (!isApiError(error, MISSING_PERMISSIONS, MISSING_ACCESS)) {
        // The alert is out; a thread that failed for another reason only changes where updates go.
        this.log.warn("could not open a thread for an alert; updates will reply to it", {
          channel: channelId,
          alert: alertId,
          error: describeError(error),
        });
        return alertId;
      }
      await this.tellNoThreads(channelId, lang);
      return alertId;
    }
  }

  private async tellNoThreads(channelId: string, lang: Lang): Promise<void> {
    if (this.toldNoThreads.has(channelId)) return;
    this.toldNoThreads.add(channelId);
    this.log.warn("no permission to open threads in a channel; updates will reply to alerts", { channel: channelId });
    try {
      await this.rest.post(Routes.channelMessages(channelId), {
        body: { content: NO_THREADS[lang], allowed_mentions: { parse: [] } },
      });
    } catch (error) {
      this.log.warn("could not say that threads are missing", { channel: channelId, error: describeError(error) });
    }
  }
}

/**
 * What a failed REST call means for the outbox. Discord's answers are values; anything else is a bug and is
 * thrown again, so the sender logs it as one.
 */
export function sendOutcomeOf(error: unknown): SendOutcome {
  if (error instanceof RateLimitError) return { kind: "rate-limited", retryAfterMs: Math.max(error.retryAfter, 1) };
  if (error instanceof DiscordAPIError) {
    const code = Number(error.code);
    if (code === UNKNOWN_CHANNEL || code === MISSING_ACCESS || code === MISSING_PERMISSIONS) {
      return { kind: "chat-gone", reason: `${error.status} ${code}: ${error.message}` };
    }
    return { kind: "failed", reason: `${error.status} ${code}: ${error.message}` };
  }
  if (error instanceof HTTPError)
    return { kind: "failed", reason: `Discord answered ${error.status}: ${error.message}` };
  // Network failures (refused, reset, timed out) reach here as plain errors from undici, after REST's retries.
  if (
    error instanceof Error &&
    (error.name === "AbortError" ||
      /fetch failed|ECONN|ETIMEDOUT|ENOTFOUND|socket/i.test(`${error.message} ${describeError(error)}`))
  ) {
    return { kind: "failed", reason: `could not reach Discord: ${describeError(error)}` };
  }
  throw error;
}

function isApiError(error: unknown, ...codes: number[]): boolean {
  return error instanceof DiscordAPIError && codes.includes(Number(error.code));
}
