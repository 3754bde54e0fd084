import { describe, expect, it } from "vitest";
import { startTelegram } from "../../../src/adapters/telegram/start-telegram.js";
import { HandledUpdates } from "../../../src/digest/index.js";
import { TEST_BOT, TEST_TOKEN } from "../../helpers/telegram-emulator.js";
import { telegramWorld } from "../../helpers/telegram-world.js";

const WEBHOOK = { url: "https://hilo.example.org/telegram/hook", secret: "s3cret-token_1", port: 0 };

function startUpdate(chatId: number, updateId: number) {
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: "private", first_name: "Ana" },
      from: { id: chatId, is_bot: false, first_name: "Ana", language_code: "es" },
      text: "/start",
      entities: [{ type: "bot_command", offset: 0, length: 6 }],
    },
  };
}

describe("starting the Telegram adapter", () => {
  it("in webhook mode, sets the webhook with its secret, serves /healthz, and answers only updates that carry the secret", async () => {
    const world = await telegramWorld({ webhook: WEBHOOK });
    try {
      const [setWebhook] = world.tg.callsTo("setWebhook");
      expect(setWebhook!.payload).toMatchObject({
        url: WEBHOOK.url,
        secret_token: WEBHOOK.secret,
        allowed_updates: ["message", "callback_query", "my_chat_member"],
      });
      expect(world.tg.callsTo("getUpdates")).toEqual([]);
      const base = `http://127.0.0.1:${world.handle.webhookPort}`;
      const health = await fetch(`${base}/healthz`);
      expect([health.status, await health.text()]).toEqual([200, "ok"]);

      const post = (path: string, body: unknown, secret?: string) =>
        fetch(`${base}${path}`, {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            ...(secret ? { "X-Telegram-Bot-Api-Secret-Token": secret } : {}),
          },
          body: JSON.stringify(body),
        });
      expect((await post("/telegram/hook", startUpdate(801, 1))).status).toBe(401);
      expect((await post("/telegram/hook", startUpdate(801, 2), "wrong")).status).toBe(401);
      expect((await post("/elsewhere", startUpdate(801, 3), WEBHOOK.secret)).status).toBe(404);
      expect(world.tg.sentTo(801)).toEqual([]);

      expect((await post("/telegram/hook", startUpdate(801, 4), WEBHOOK.secret)).status).toBe(200);
      // grammY answers the webhook once the update is handled, so the welcome has been sent by now.
      expect(world.tg.sentTo(801).map((call) => call.visible)).toEqual([expect.stringMatching(/^Hola\. Soy Hilo/)]);
    } finally {
      await world.close();
    }
  });

  it("in webhook mode, stops listening on stop()", async () => {
    const world = await telegramWorld({ webhook: WEBHOOK });
    const base = `http://127.0.0.1:${world.handle.webhookPort}`;
    await world.close();
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });

  it("in webhook mode behind a load balancer, handles an update once though Telegram posts it twice, to two replicas", async () => {
    const world = await telegramWorld({ webhook: WEBHOOK, dedupe: true });
    // A second replica on the same database, behind the same public URL.
    const other = await startTelegram({
      hilo: world.hilo,
      telegram: { token: TEST_TOKEN, apiRoot: world.tg.apiRoot, webhook: WEBHOOK },
      log: world.log,
      botInfo: TEST_BOT,
      webhookHost: "127.0.0.1",
      handled: new HandledUpdates(world.db),
    });
    try {
      const post = (port: number | undefined, body: unknown) =>
        fetch(`http://127.0.0.1:${port}/telegram/hook`, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": WEBHOOK.secret },
          body: JSON.stringify(body),
        });
      expect((await post(world.handle.webhookPort, startUpdate(901, 70))).status).toBe(200);
      // Telegram thought the answer slow and posted it again; the balancer sent the copy to the other replica.
      expect((await post(other.webhookPort, startUpdate(901, 70))).status).toBe(200);
      expect((await post(world.handle.webhookPort, startUpdate(901, 70))).status).toBe(200);
      expect(world.tg.sentTo(901)).toHaveLength(1);
      expect(world.log.entries).toContainEqual({
        level: "info",
        message: "telegram update already handled by a replica; skipped",
        fields: { updateId: 70 },
      });
      // A new update is handled as ever, by whichever replica gets it.
      expect((await post(other.webhookPort, startUpdate(901, 71))).status).toBe(200);
      expect(world.tg.sentTo(901)).toHaveLength(2);
    } finally {
      await other.stop();
      await world.close();
    }
  });

  it("in polling mode, a replica without the work lease leaves getUpdates alone until it takes the lease over", async () => {
    const world = await telegramWorld({ pollNow: false });
    try {
      expect(world.log.entries).toContainEqual({
        level: "info",
        message: "telegram updates are polled by the replica that holds the work lease",
        fields: { bot: TEST_BOT.username },
      });
      const ana = world.tg.user({ userId: 902, chatId: 902, languageCode: "es" });
      await ana.command("/start");
      // The update waits at Telegram; taking the lease over, the replica polls and answers it.
      world.handle.startPolling();
      world.handle.startPolling();
      await world.tg.waitFor(() => world.tg.sentTo(902).length > 0, "the welcome after the takeover");
      expect(world.tg.sentTo(902).map((call) => call.visible)).toEqual([expect.stringMatching(/^Hola\. Soy Hilo/)]);
      expect(world.log.entries.filter((entry) => entry.message === "telegram bot polling")).toHaveLength(1);
    } finally {
      await world.close();
    }
  });

  it("in polling mode, removes any webhook first, since Telegram refuses getUpdates while one is set", async () => {
    const world = await telegramWorld();
    try {
      const methods = world.tg.calls.map((call) => call.method);
      expect(methods).toContain("deleteWebhook");
      expect(methods).not.toContain("setWebhook");
    } finally {
      await world.close();
    }
  });
});
