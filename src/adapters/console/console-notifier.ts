import type { ChatTarget, Notifier, OutgoingMessage, SendOutcome } from "../../digest/index.js";
import { renderReply } from "./render.js";

/** Prints what would be sent to a chat, so subscriptions work in console mode too. */
export class ConsoleNotifier implements Notifier {
  readonly platform = "console";
  private sent = 0;

  constructor(private readonly output: NodeJS.WritableStream) {}

  async send(target: ChatTarget, message: OutgoingMessage): Promise<SendOutcome> {
    this.sent += 1;
    const id = `console-${this.sent}`;
    const thread = message.replyTo ? ` (reply to ${message.replyTo})` : "";
    this.output.write(
      `\n── ${message.kind} → ${target.platform}:${target.chatId}${thread} ──\n${renderReply(message.reply)}\n\n`,
    );
    return { kind: "sent", messageId: id };
  }
}
