import type { ChatTarget, Clock, Notifier, OutgoingMessage, SendOutcome } from "../../src/digest/notify/notifier.js";

/** An answer a test scripts: any outcome the platform can give, or a thrown error (a bug in an adapter). */
export type ScriptedAnswer = SendOutcome | { kind: "throw"; error: Error };

/** Ready-made answers, named as the platforms say them. */
export const answer = {
  rateLimited: (retryAfterMs: number): ScriptedAnswer => ({ kind: "rate-limited", retryAfterMs }),
  blocked: (reason = "Forbidden: bot was blocked by the user"): ScriptedAnswer => ({ kind: "chat-gone", reason }),
  migrated: (chatId: string): ScriptedAnswer => ({ kind: "migrated", chatId }),
  failed: (reason = "Internal Server Error"): ScriptedAnswer => ({ kind: "failed", reason }),
  throws: (message = "adapter bug"): ScriptedAnswer => ({ kind: "throw", error: new Error(message) }),
};

export interface RecordedSend {
  target: ChatTarget;
  message: OutgoingMessage;
  /** Virtual time of the call. */
  at: number;
  /** What the notifier answered ("threw" for a scripted throw). */
  outcome: SendOutcome | "threw";
}

/** A Notifier that keeps every call and answers what the test scripted, per chat or per call; otherwise "sent". */
export class RecordingNotifier implements Notifier {
  /** Every call, whatever it answered. */
  readonly calls: RecordedSend[] = [];
  private readonly byChat = new Map<string, ScriptedAnswer[]>();
  private readonly byCall: ScriptedAnswer[] = [];
  private nextId = 1;

  constructor(
    private readonly clock: Clock,
    readonly platform: string = "test",
  ) {}

  /** Messages the platform accepted, in order. */
  get sent(): RecordedSend[] {
    return this.calls.filter((call) => call.outcome !== "threw" && call.outcome.kind === "sent");
  }

  sentTo(chatId: string): RecordedSend[] {
    return this.sent.filter((call) => call.target.chatId === chatId);
  }

  /** The next answers for one chat, in order; checked before the per-call script. */
  scriptChat(chatId: string, ...answers: ScriptedAnswer[]): this {
    this.byChat.set(chatId, [...(this.byChat.get(chatId) ?? []), ...answers]);
    return this;
  }

  /** The next answers for any call, in order. */
  scriptCalls(...answers: ScriptedAnswer[]): this {
    this.byCall.push(...answers);
    return this;
  }

  async send(target: ChatTarget, message: OutgoingMessage): Promise<SendOutcome> {
    const at = this.clock.now();
    const scripted = this.byChat.get(target.chatId)?.shift() ?? this.byCall.shift();
    if (scripted?.kind === "throw") {
      this.calls.push({ target, message, at, outcome: "threw" });
      throw scripted.error;
    }
    const outcome = scripted ?? { kind: "sent", messageId: `m${this.nextId++}` };
    this.calls.push({ target, message, at, outcome });
    return outcome;
  }
}
