import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refusal } from "../../helpers/telegram-emulator.js";
import { telegramWorld } from "../../helpers/telegram-world.js";
import { tickThrough } from "../../helpers/tick-through.js";

const at = (iso: string) => Date.parse(iso);
// The core's wall clock: when chats subscribe. The demo story's last reports are from 11–12 December 2025.
const wall = at("2025-12-11T12:00:00Z");
let world: Awaited<ReturnType<typeof telegramWorld>>;
let tick: (iso: string) => Promise<void>;

beforeAll(async () => {
  world = await telegramWorld({ wallClock: () => wall });
  tick = tickThrough(world, world.handle.notifier);
});
afterAll(() => world.close());

const digests = (chatId: number) => world.tg.sentTo(chatId).filter((call) => call.visible?.startsWith("🧵 "));

describe("scheduled delivery on Telegram", () => {
  it("sends exactly one digest at 08:00 in Caracas to a chat that subscribed with /subscribe", async () => {
    const CHAT = 501;
    const ana = world.tg.user({ userId: CHAT, chatId: CHAT, languageCode: "es" });
    expect((await ana.ask("/subscribe 08:00 America/Caracas"))[0]!.visible).toMatch(/08:00/);
    await tick("2025-12-12T11:59:00Z"); // 07:59 in Caracas
    expect(digests(CHAT)).toHaveLength(0);
    await tick("2025-12-12T12:00:00Z"); // 08:00 in Caracas
    await tick("2025-12-12T12:01:00Z");
    expect(digests(CHAT)).toHaveLength(1);
    const [digest] = digests(CHAT);
    expect(digest!.visible).toMatch(/^🧵 Venezuela – EE UU · .+\n\d+ nuevos? · /);
    expect(digest!.payload).toMatchObject({ parse_mode: "HTML", link_preview_options: { is_disabled: true } });
    expect(digest!.payload.reply_markup.inline_keyboard[0][0].text).toBe("📰 Fuentes 1");
  });

  it("posts a forum group's digest in the topic where /subscribe was sent", async () => {
    const GROUP = -1009000000001;
    const TOPIC = 42;
    world.tg.admins.set(GROUP, [601]);
    const admin = world.tg.user({
      userId: 601,
      chatId: GROUP,
      type: "supergroup",
      languageCode: "en",
      threadId: TOPIC,
    });
    const [subscribed] = await admin.ask("/subscribe 08:00 America/Caracas");
    expect(subscribed!.payload.message_thread_id).toBe(TOPIC);
    await tick("2025-12-12T12:02:00Z");
    const [digest] = digests(GROUP);
    expect(digest!.visible).toMatch(/^🧵 Venezuela – US/);
    expect(digest!.payload.message_thread_id).toBe(TOPIC);
  });

  it("switches off the subscription of a user who blocked the bot", async () => {
    const CHAT = 502;
    const bob = world.tg.user({ userId: CHAT, chatId: CHAT, languageCode: "es" });
    await bob.ask("/subscribe 09:00 America/Caracas");
    world.tg.script("sendMessage", refusal.blocked(), { chatId: CHAT });
    await tick("2025-12-12T13:00:00Z"); // 09:00 in Caracas the next day
    const { id } = world.hilo.chats.ensure({ platform: "telegram", chatId: String(CHAT) }, "es", wall);
    expect(world.hilo.subscriptions.get(id)).toMatchObject({
      active: false,
      inactiveReason: "Forbidden: bot was blocked by the user",
    });
    expect(digests(CHAT)).toHaveLength(0);
  });
});
