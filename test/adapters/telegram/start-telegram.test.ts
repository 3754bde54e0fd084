import { describe, expect, it } from "vitest";
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
