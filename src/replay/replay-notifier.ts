import type { ChatTarget, Clock, Notifier, OutgoingMessage, SendOutcome } from "../digest/index.js";

/** One message the replay's chat received, at virtual time. */
export interface ReplayedMessage {
  at: number;
  messageId: string;
  message: OutgoingMessage;
}

/** The replay's platform: it accepts every message and keeps it, with the virtual time it arrived. */
export class ReplayNotifier implements Notifier {
  readonly platform = "replay";
  readonly received: ReplayedMessage[] = [];

  constructor(private readonly clock: Clock) {}

  async send(_target: ChatTarget, message: OutgoingMessage): Promise<SendOutcome> {
    const messageId = `replay-${this.received.length + 1}`;
    this.received.push({ at: this.clock.now(), messageId, message });
    return { kind: "sent", messageId };
  }
}
