import type { Api } from "grammy";
import type { TelegramMessage } from "./render.js";

/** Where messages go: a chat, maybe a forum topic, maybe as a reply to one message. */
export interface TelegramPlace {
  chatId: number | string;
  /** Forum topic (message_thread_id). */
  threadId?: number | undefined;
  /** The message the first part answers; Telegram sends it anyway if that message is gone. */
  replyTo?: number | undefined;
}

/**
 * Sends the parts of one rendered reply in order. The id of each delivered part is pushed to `delivered` as soon
 * as Telegram answers, so after a failure part-way through a caller knows what arrived; parts already in
 * `delivered` are not sent again.
 */
export async function sendMessages(
  api: Api,
  place: TelegramPlace,
  parts: readonly TelegramMessage[],
  delivered: number[] = [],
): Promise<number[]> {
  for (const [i, part] of parts.entries()) {
    if (i < delivered.length) continue;
    const sent = await api.sendMessage(place.chatId, part.text, {
      ...part.options,
      ...(place.threadId !== undefined ? { message_thread_id: place.threadId } : {}),
      ...(i === 0 && place.replyTo !== undefined
        ? { reply_parameters: { message_id: place.replyTo, allow_sending_without_reply: true } }
        : {}),
    });
    delivered.push(sent.message_id);
  }
  return delivered;
}
