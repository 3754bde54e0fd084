import { describeError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { ChatStore } from "../store/chat-store.js";
import type { SubscriptionStore } from "../store/subscription-store.js";
import type { ChatTarget, Clock, Notifier, OutgoingMessage, SendOutcome } from "./notifier.js";
import type { ClaimedChat, Delivery, DueDelivery, Outbox } from "./outbox.js";
import { type SendBudget, Spacing } from "./send-spacing.js";

/** How fast and how stubbornly the sender delivers. */
export interface SenderLimits {
  /** Across all chats and platforms. */
  messagesPerSecond: number;
  /** From the end of one send to the start of the next to the same chat. */
  privateGapMs: number;
  groupGapMs: number;
  /** Chats served at the same time. */
  concurrentChats: number;
  /** A rate limit asking for a longer wait defers the row instead of sleeping. */
  maxRetryWaitMs: number;
  /** After the n-th failed send the row waits backoffBaseMs × 2^(n−1), at most backoffMaxMs. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Failed sends after which a row is closed. */
  maxAttempts: number;
  /**
   * A drain claims no more chats after this long (it finishes those it holds), so a long fan-out leaves room for the
   * rest of live work between drains; the next drain goes on from there.
   */
  maxDrainMs: number;
}

/** Telegram allows ~30 messages/s overall, 1/s per private chat and 20/min per group; these stay under it. */
export const DEFAULT_SENDER_LIMITS: SenderLimits = {
  messagesPerSecond: 25,
  privateGapMs: 1_000,
  groupGapMs: 3_000,
  concurrentChats: 32,
  maxRetryWaitMs: 60_000,
  backoffBaseMs: 15_000,
  backoffMaxMs: 30 * 60_000,
  maxAttempts: 10,
  maxDrainMs: Number.POSITIVE_INFINITY,
};

// Bounds on retries inside one drain, so a platform that keeps answering 429 or "migrated" cannot hold it forever.
const RATE_LIMITS_PER_DRAIN = 5;
const MIGRATIONS_PER_DRAIN = 3;

/** What a sender works with; the clock is the only source of time and of waiting. */
export interface SenderOptions {
  outbox: Outbox;
  chats: ChatStore;
  subscriptions: SubscriptionStore;
  /** One notifier per platform, keyed like chats.platform. */
  notifiers: ReadonlyMap<string, Notifier>;
  clock: Clock;
  log: Logger;
  limits?: Partial<SenderLimits> | undefined;
  /** Who this sender is among those sharing the outbox (its claims carry it): unique per process. */
  holder?: string | undefined;
  /** How long a claim on a chat lasts unless a send renews it: a dead sender's chats wait this long (ms). */
  claimMs?: number | undefined;
  /** No other sender uses the database (SQLite's single writer): claims found at the first drain are a dead one's. */
  alone?: boolean | undefined;
  /** The send slots every sender of the bot shares; by default this process's own spacing at the limit's rate. */
  budget?: SendBudget | undefined;
}

/** A claim on a chat lasts this long unless renewed: a replica that dies mid fan-out holds its chats no longer. */
export const DEFAULT_CLAIM_MS = 60_000;

/** What one drain did: rows delivered, left pending for later, given up, and failed but to be retried. */
export interface DrainReport {
  sent: number;
  deferred: number;
  closed: number;
  failed: number;
  /** Rows a dead sender had left mid-send, put back in the queue and sent again. */
  resumed: number;
  /** The drain stopped claiming chats at its time limit (maxDrainMs): more may be due, for the next drain. */
  truncated: boolean;
}

// After a row: go on with the chat's next row, or stop serving the chat (held by a rate limit, gone, or no longer
// this sender's: its claim was lost).
type Next = "next" | "held" | "gone" | "lost";

/**
 * Delivers due outbox rows through each platform's notifier, per chat in order, within the rate limits. Senders of
 * several replicas share one outbox: each claims chats (their due rows) before serving them, so a chat is served by
 * one sender at a time and its rows stay in order; a claim lasts `claimMs` unless a send renews it.
 */
export class Sender {
  private readonly limits: SenderLimits;
  private readonly budget: SendBudget;
  private readonly holder: string;
  private readonly claimMs: number;
  private readonly lastSendEnd = new Map<number, number>();
  /** Until when this sender's claim on each chat it serves lasts. */
  private readonly claims = new Map<number, number>();
  private readonly platformsWithoutNotifier = new Set<string>();
  private started = false;
  private stopping = false;
  private running: Promise<DrainReport> | undefined;

  constructor(private readonly options: SenderOptions) {
    this.limits = { ...DEFAULT_SENDER_LIMITS, ...options.limits };
    this.budget = options.budget ?? new Spacing(options.clock, 1000 / this.limits.messagesPerSecond);
    this.holder = options.holder ?? `sender-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
    this.claimMs = options.claimMs ?? DEFAULT_CLAIM_MS;
  }

  /**
   * Sends the rows due by `now` and resolves when each has been sent, deferred, retried later or closed, or left to
   * the sender that holds its chat. A drain already running is joined rather than started twice.
   */
  drain(now: number = this.options.clock.now()): Promise<DrainReport> {
    this.running ??= this.run(now).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /**
   * Claims no more chats, now or in later drains; resolves when the drain under way has served those it holds (at
   * most a batch of `concurrentChats`), so the process can stop without leaving claims mid-send.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  private async run(now: number): Promise<DrainReport> {
    const { outbox, clock, log } = this.options;
    const report: DrainReport = { sent: 0, deferred: 0, closed: 0, failed: 0, resumed: 0, truncated: false };
    if (!this.started) {
      if (this.options.alone) outbox.clearClaims();
      this.started = true;
    }
    this.forgetOldGaps(now);
    // Chats are claimed in ascending order, a batch at a time, each once per drain: a chat whose rows fall due again
    // meanwhile, or that another sender holds, waits for the next drain.
    let claimed: ClaimedChat[] = [];
    let after = 0;
    let exhausted = false;
    const startedAt = clock.now();
    const nextChat = (): ClaimedChat | undefined => {
      if (claimed.length === 0 && !exhausted) {
        const at = clock.now();
        if (this.stopping || at - startedAt >= this.limits.maxDrainMs) {
          exhausted = true;
          report.truncated = !this.stopping;
          return undefined;
        }
        const until = at + this.claimMs;
        claimed = outbox.claimChats({
          holder: this.holder,
          at,
          until,
          dueBy: now,
          after,
          limit: this.limits.concurrentChats,
        });
        for (const chat of claimed) this.claims.set(chat.chatRef, until);
        if (claimed.length === 0) exhausted = true;
        else after = claimed.at(-1)!.chatRef;
      }
      return claimed.shift();
    };
    const worker = async () => {
      for (let chat = nextChat(); chat !== undefined; chat = nextChat()) {
        try {
          await this.serveChat(chat, now, report);
        } catch (error) {
          // A bug or a database error: this chat's rows stay where they are and the other chats go on.
          log.error("sender stopped serving a chat", { chatRef: chat.chatRef, error: describeError(error) });
        } finally {
          this.release(chat.chatRef);
        }
      }
    };
    await Promise.all(Array.from({ length: this.limits.concurrentChats }, worker));
    return report;
  }

  private release(chatRef: number): void {
    this.claims.delete(chatRef);
    try {
      this.options.outbox.releaseChat(chatRef, this.holder, this.lastSendEnd.get(chatRef));
    } catch (error) {
      // The claim then simply expires.
      this.options.log.warn("could not release a chat's claim", { chatRef, error: describeError(error) });
    }
  }

  /** Renews this sender's claim on a chat when half of it is spent; false when another sender has taken the chat. */
  private keepClaim(chatRef: number): boolean {
    const now = this.options.clock.now();
    const until = this.claims.get(chatRef) ?? now;
    if (until - now > this.claimMs / 2) return true;
    const renewed = now + this.claimMs;
    if (!this.options.outbox.renewClaim(chatRef, this.holder, renewed)) return false;
    this.claims.set(chatRef, renewed);
    return true;
  }

  /**
   * Delivery is at-least-once: a row is marked `sending` in its own commit before the platform is called and
   * `sent` right after it answers, and a row found in `sending` by the next holder of its chat (the sender died, or
   * its claim expired) is sent again. Telegram and Discord take no idempotency key, so nothing can tell whether that
   * send arrived; resending risks a duplicate only in the instant between the platform's answer and our commit,
   * while skipping it would lose a whole digest.
   */
  private resumeInterrupted(chatRef: number, rows: readonly DueDelivery[]): number {
    const interrupted = rows.filter((row) => row.interrupted);
    if (interrupted.length === 0) return 0;
    this.options.outbox.resumeInterrupted(chatRef);
    for (const row of interrupted) {
      this.options.log.warn("delivery interrupted by a restart; sending it again, the chat may get it twice", {
        key: row.key,
        chatRef: row.chatRef,
      });
    }
    return interrupted.length;
  }

  private async serveChat(chat: ClaimedChat, now: number, report: DrainReport): Promise<void> {
    const { outbox, chats, log } = this.options;
    const { chatRef } = chat;
    if (chat.lastSendEnd !== undefined)
      this.lastSendEnd.set(chatRef, Math.max(chat.lastSendEnd, this.lastSendEnd.get(chatRef) ?? 0));
    const rows = outbox.dueOf(chatRef, now);
    report.resumed += this.resumeInterrupted(chatRef, rows);
    const platform = chats.target(chatRef)?.platform;
    if (platform !== undefined && !this.options.notifiers.has(platform)) {
      if (!this.platformsWithoutNotifier.has(platform)) {
        this.platformsWithoutNotifier.add(platform);
        log.warn("no notifier for a platform; its deliveries stay pending", { platform });
      }
      report.deferred += rows.length;
      return;
    }
    const queue = [...rows];
    const settled = new Set<number>();
    const requeued = new Set<number>();
    for (let i = 0; i < queue.length; i += 1) {
      const row = queue[i]!;
      const loaded = outbox.load(row.id);
      if (loaded.kind === "not-pending") continue;
      if (loaded.kind === "corrupt") {
        outbox.close(row.id, loaded.error, this.options.clock.now());
        log.error("closed a delivery whose stored payload is unreadable", {
          key: loaded.key,
          chatRef,
          error: loaded.error,
        });
        report.closed += 1;
        settled.add(row.id);
        continue;
      }
      const delivery = loaded.delivery;
      let replyTo: string | undefined;
      if (delivery.replyToKey !== undefined) {
        const original = outbox.statusOf(delivery.replyToKey);
        if (original === "pending" || original === "sending") {
          // The alert may still come later in this very queue; look again after it, once.
          if (!requeued.has(row.id) && queue.slice(i + 1).some((later) => later.key === delivery.replyToKey)) {
            requeued.add(row.id);
            queue.push(row);
          } else {
            report.deferred += 1;
            settled.add(row.id);
          }
          continue;
        }
        if (original === undefined)
          log.warn("update follows a delivery that does not exist; sending it on its own", { key: row.key });
        // An original closed unsent leaves nothing to reply to; the update still goes, on its own.
        replyTo = original === "sent" ? outbox.messageIdOf(delivery.replyToKey) : undefined;
      }
      settled.add(row.id);
      const next = await this.deliver(delivery, { ...delivery.message, replyTo }, report);
      if (next === "held") {
        report.deferred += new Set(
          queue
            .slice(i + 1)
            .map((later) => later.id)
            .filter((id) => !settled.has(id)),
        ).size;
        return;
      }
      if (next === "gone" || next === "lost") return;
    }
  }

  /** Sends one row until it is sent, deferred, scheduled for a retry or closed. */
  private async deliver(delivery: Delivery, message: OutgoingMessage, report: DrainReport): Promise<Next> {
    const { outbox, chats, clock, log } = this.options;
    const { id, key, chatRef } = delivery;
    let target = chats.target(chatRef);
    let rateLimits = 0;
    let migrations = 0;
    for (;;) {
      if (!target) {
        outbox.close(id, "chat not found", clock.now());
        log.error("closed a delivery to a chat that is not in the database", { key, chatRef });
        report.closed += 1;
        return "next";
      }
      const notifier = this.options.notifiers.get(target.platform)!;
      await this.waitForGap(chatRef, target);
      // Marked before the wait for a send slot, so nothing but the send itself follows the slot: work done between
      // the two (a statement, other chats' turns) would make the messages leave less evenly than the slots.
      if (!this.keepClaim(chatRef) || !outbox.markSending(id, clock.now(), this.holder)) {
        // Paused past its claim (a long stall), this sender finds the chat taken: its holder sends the row.
        log.warn("a chat's claim was lost before a send; leaving the chat to the sender that holds it", {
          key,
          chatRef,
        });
        report.deferred += 1;
        return "lost";
      }
      await this.budget.take();
      let outcome: SendOutcome;
      let thrown = false;
      try {
        outcome = await notifier.send(target, message);
      } catch (error) {
        outcome = { kind: "failed", reason: describeError(error) };
        thrown = true;
      }
      const at = clock.now();
      switch (outcome.kind) {
        case "sent":
          outbox.markSent(id, outcome.messageId, at);
          this.lastSendEnd.set(chatRef, at);
          report.sent += 1;
          log.info("delivery sent", { key, chatRef, messageId: outcome.messageId });
          return "next";
        case "rate-limited": {
          rateLimits += 1;
          const until = at + outcome.retryAfterMs;
          // Back to pending while waiting: a crash now must not look like a send that may have arrived.
          outbox.retryAt(id, until);
          if (outcome.retryAfterMs > this.limits.maxRetryWaitMs || rateLimits > RATE_LIMITS_PER_DRAIN) {
            outbox.holdChat(chatRef, until);
            report.deferred += 1;
            log.info("delivery deferred by a rate limit", { key, chatRef, retryAfterMs: outcome.retryAfterMs });
            return "held";
          }
          await clock.sleep(outcome.retryAfterMs);
          continue;
        }
        case "chat-gone": {
          this.options.subscriptions.deactivate(chatRef, outcome.reason);
          outbox.close(id, outcome.reason, at);
          const others = outbox.closeChat(chatRef, outcome.reason, at);
          report.closed += 1 + others;
          log.warn("chat is gone; subscription switched off and its deliveries closed", {
            key,
            chatRef,
            reason: outcome.reason,
            closed: 1 + others,
          });
          return "gone";
        }
        case "migrated": {
          migrations += 1;
          if (migrations > MIGRATIONS_PER_DRAIN)
            return this.fail(delivery, `moved more than ${MIGRATIONS_PER_DRAIN} times in a row`, false, at, report);
          try {
            chats.moveChat(chatRef, outcome.chatId);
          } catch (error) {
            return this.fail(
              delivery,
              `could not move the chat to ${outcome.chatId}: ${describeError(error)}`,
              true,
              at,
              report,
            );
          }
          log.info("chat moved to a new id; sending there", { key, chatRef, from: target.chatId, to: outcome.chatId });
          outbox.retryAt(id, at);
          target = chats.target(chatRef);
          continue;
        }
        case "failed":
          this.lastSendEnd.set(chatRef, at);
          return this.fail(delivery, outcome.reason, thrown, at, report);
      }
    }
  }

  private fail(delivery: Delivery, reason: string, thrown: boolean, at: number, report: DrainReport): Next {
    const { outbox, log } = this.options;
    const attempts = delivery.attempts + 1;
    const fields = { key: delivery.key, chatRef: delivery.chatRef, attempts, reason };
    if (attempts >= this.limits.maxAttempts) {
      outbox.close(delivery.id, `gave up after ${attempts} attempts: ${reason}`, at);
      log.error("delivery given up", fields);
      report.closed += 1;
      return "next";
    }
    outbox.retryAt(
      delivery.id,
      at + backoffDelay(attempts, this.limits.backoffBaseMs, this.limits.backoffMaxMs),
      reason,
    );
    // A throw breaks the Notifier contract (only bugs throw), so it is an error; "failed" is the platform's answer.
    if (thrown) log.error("delivery failed; will retry", fields);
    else log.warn("delivery failed; will retry", fields);
    report.failed += 1;
    return "next";
  }

  private async waitForGap(chatRef: number, target: ChatTarget): Promise<void> {
    const last = this.lastSendEnd.get(chatRef);
    if (last === undefined) return;
    const gap = target.kind === "private" ? this.limits.privateGapMs : this.limits.groupGapMs;
    const wait = last + gap - this.options.clock.now();
    if (wait > 0) await this.options.clock.sleep(wait);
  }

  private forgetOldGaps(now: number): void {
    const longest = Math.max(this.limits.privateGapMs, this.limits.groupGapMs);
    for (const [chatRef, end] of this.lastSendEnd) if (end + longest <= now) this.lastSendEnd.delete(chatRef);
  }
}

/** Delay before the next try after the n-th failed send: base × 2^(n−1), capped. */
export function backoffDelay(failures: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
}
