import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTelegramBot } from "../../../src/adapters/telegram/bot.js";
import { TelegramNotifier } from "../../../src/adapters/telegram/telegram-notifier.js";
import { type ChatTarget, Hilo, loadStoryPack, openDatabase, silentLogger } from "../../../src/digest/index.js";
import { STORY_DIR } from "../../helpers/demo-hilo.js";
import { alertMessage, longDigestMessage as longDigest } from "../../helpers/sample-views.js";
import { freePort, refusal, TEST_BOT, TEST_TOKEN, TelegramEmulator } from "../../helpers/telegram-emulator.js";

/** The sample alert (or its update) with no outlet links, so a message is plain text and one part. */
const alert = (kind: "alert" | "update" = "alert", replyTo?: string) =>
  alertMessage(kind, replyTo, { actors: ["Putin"], links: [] });

let tg: TelegramEmulator;
let notifier: TelegramNotifier;
let nextChat = 1000;

/** A notifier on the bot's own API (with its auto-retry), as startTelegram builds it; the bot itself is not started. */
function notifierAt(apiRoot: string): TelegramNotifier {
  const hilo = new Hilo({
    db: openDatabase(":memory:"),
    pack: loadStoryPack(STORY_DIR),
    log: silentLogger,
    digestChars: 3500,
  });
  return new TelegramNotifier(
    createTelegramBot(hilo, { token: TEST_TOKEN, apiRoot, log: silentLogger, botInfo: TEST_BOT }).api,
  );
}

beforeAll(async () => {
  tg = await TelegramEmulator.start();
  notifier = notifierAt(tg.apiRoot);
});
afterAll(() => tg.close());

/** A chat no other test writes to. */
function chat(kind: "private" | "group" = "private", threadId?: string): ChatTarget {
  return { platform: "telegram", chatId: String(nextChat++), threadId, kind };
}

describe("the Telegram notifier", () => {
  it("sends a split digest in order and reports the first part's id as the delivery's", async () => {
    const target = chat();
    const outcome = await notifier.send(target, longDigest(12));
    const parts = tg.sentTo(Number(target.chatId));
    expect(parts.length).toBeGreaterThan(1);
    expect(outcome).toEqual({
      kind: "sent",
      messageId: String((parts[0]!.answer as { result: { message_id: number } }).result.message_id),
    });
    expect(parts.slice(1).every((part) => /^\d+\. /.test(part.visible!))).toBe(true);
    expect(parts.map((part) => part.visible).join("\n")).toMatch(/Titular 1\n[\s\S]*Titular 12\n/);
  });

  it("posts in the forum topic a subscription belongs to", async () => {
    const target = chat("group", "77");
    await notifier.send(target, alert());
    expect(tg.sentTo(Number(target.chatId))[0]!.payload).toMatchObject({ message_thread_id: 77, parse_mode: "HTML" });
  });

  it("sends an update as a reply to its alert, to be sent even if the alert is gone", async () => {
    const target = chat();
    await notifier.send(target, alert("update", "42"));
    expect(tg.sentTo(Number(target.chatId))[0]!.payload.reply_parameters).toEqual({
      message_id: 42,
      allow_sending_without_reply: true,
    });
  });

  it("sends the update on its own when Telegram can't find the alert to reply to", async () => {
    const target = chat();
    tg.script("sendMessage", refusal.replyNotFound(), { chatId: Number(target.chatId) });
    expect(await notifier.send(target, alert("update", "42"))).toMatchObject({ kind: "sent" });
    const [sent] = tg.sentTo(Number(target.chatId));
    expect(sent!.payload.reply_parameters).toBeUndefined();
  });

  it("hands a long rate limit back to the outbox, with the wait in milliseconds", async () => {
    const target = chat();
    tg.script("sendMessage", refusal.rateLimited(30), { chatId: Number(target.chatId) });
    expect(await notifier.send(target, alert())).toEqual({ kind: "rate-limited", retryAfterMs: 30_000 });
    expect(tg.sentTo(Number(target.chatId))).toHaveLength(0);
  });

  it("waits out a short rate limit itself and delivers", async () => {
    const target = chat();
    tg.script("sendMessage", refusal.rateLimited(1), { chatId: Number(target.chatId) });
    expect(await notifier.send(target, alert())).toMatchObject({ kind: "sent" });
    expect(
      tg.calls.filter((call) => Number(call.payload.chat_id) === Number(target.chatId)).map((call) => call.answer.ok),
    ).toEqual([false, true]);
  });

  it("retries a Telegram 500 and delivers", async () => {
    const target = chat();
    tg.script("sendMessage", refusal.serverError(), { chatId: Number(target.chatId) });
    expect(await notifier.send(target, alert())).toMatchObject({ kind: "sent" });
  });

  it("reports a user who blocked the bot, a group that kicked it and a chat that no longer exists as gone", async () => {
    for (const [answer, reason] of [
      [refusal.blocked(), "Forbidden: bot was blocked by the user"],
      [refusal.kicked(), "Forbidden: bot was kicked from the supergroup chat"],
      [refusal.chatNotFound(), "Bad Request: chat not found"],
    ] as const) {
      const target = chat();
      tg.script("sendMessage", answer, { chatId: Number(target.chatId) });
      expect(await notifier.send(target, alert())).toEqual({ kind: "chat-gone", reason });
    }
  });

  it("follows a group that became a supergroup to its new id", async () => {
    const target = chat("group");
    tg.script("sendMessage", refusal.migrated(-1009876543210), { chatId: Number(target.chatId) });
    expect(await notifier.send(target, alert())).toEqual({ kind: "migrated", chatId: "-1009876543210" });
  });

  it("reports other refusals as failures for the outbox to retry", async () => {
    const target = chat();
    tg.script("sendMessage", refusal.badRequest("not enough rights to send text messages to the chat"), {
      chatId: Number(target.chatId),
    });
    expect(await notifier.send(target, alert())).toEqual({
      kind: "failed",
      reason: "400: Bad Request: not enough rights to send text messages to the chat",
    });
  });

  it("reports an unreachable Bot API as a failure, not a throw", async () => {
    const offline = notifierAt(`http://127.0.0.1:${await freePort()}`);
    expect(await offline.send(chat(), alert())).toMatchObject({
      kind: "failed",
      reason: expect.stringMatching(/could not reach Telegram/),
    });
  });

  it("sends only the rest of a split digest when it is retried after a failure part-way", async () => {
    const target = chat();
    tg.script("sendMessage", refusal.rateLimited(30), { chatId: Number(target.chatId), after: 1 });
    const message = longDigest(12);
    expect(await notifier.send(target, message)).toMatchObject({ kind: "rate-limited" });
    const first = tg.sentTo(Number(target.chatId));
    expect(first).toHaveLength(1);
    const outcome = await notifier.send(target, message);
    const all = tg.sentTo(Number(target.chatId));
    expect(outcome).toEqual({
      kind: "sent",
      messageId: String((first[0]!.answer as { result: { message_id: number } }).result.message_id),
    });
    expect(all.length).toBeGreaterThan(1);
    expect(new Set(all.map((part) => part.payload.text)).size).toBe(all.length);
    expect(all.map((part) => part.visible).join("\n")).toMatch(/Titular 12\n/);
  });
});
