import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiCall, refusal } from "../../helpers/telegram-emulator.js";
import { telegramWorld } from "../../helpers/telegram-world.js";

let world: Awaited<ReturnType<typeof telegramWorld>>;
beforeAll(async () => {
  world = await telegramWorld();
});
afterAll(() => world.close());

const sendsTo = (calls: readonly ApiCall[], chatId: number) =>
  calls.filter((call) => call.method === "sendMessage" && call.answer.ok && Number(call.payload.chat_id) === chatId);
const keyboardOf = (call: ApiCall) =>
  call.payload.reply_markup.inline_keyboard as { text: string; callback_data: string }[][];
const messageIdOf = (call: ApiCall) => (call.answer as { result: { message_id: number } }).result.message_id;

// "Vladimir" is both Vladímir Putin and Vladimir Padrino López in the bundled Venezuela story.
const AMBIGUOUS = "/actor vladimir";

describe("a question asked back on Telegram", () => {
  it("offers one button per actor an ambiguous /actor fits, and a press answers with that actor under the question", async () => {
    const CHAT = 801;
    const user = world.tg.user({ userId: CHAT, chatId: CHAT, languageCode: "es" });
    const [question, ...more] = await user.ask(AMBIGUOUS);
    expect(more).toEqual([]);
    expect(question!.visible).toBe("«vladimir» puede ser más de un actor. ¿Cuál?");
    const keyboard = keyboardOf(question!);
    expect(keyboard.map((row) => row.map((button) => button.text))).toEqual([
      ["Vladímir Putin — Presidente de Rusia"],
      ["Vladimir Padrino López — Ministro de Defensa de Venezuela"],
    ]);

    const pressed = await user.exchange(() => user.press(keyboard[0]![0]!.callback_data, messageIdOf(question!)));
    const [answered] = pressed.filter((call) => call.method === "answerCallbackQuery");
    expect(answered!.payload.text).toBeUndefined();
    const [actor] = sendsTo(pressed, CHAT);
    expect(actor!.visible).toMatch(/^Vladímir Putin — Presidente de Rusia/);
    expect(actor!.payload.reply_parameters).toMatchObject({ message_id: messageIdOf(question!) });
    // The spinner stops before the answer is sent.
    expect(pressed.indexOf(answered!)).toBeLessThan(pressed.indexOf(actor!));
  });

  it("answers a press in the forum topic the question was asked in, in the chat's language", async () => {
    const GROUP = -1001234568001;
    const TOPIC = 42;
    world.tg.admins.set(GROUP, [811]);
    const admin = world.tg.user({
      userId: 811,
      chatId: GROUP,
      type: "supergroup",
      languageCode: "es",
      threadId: TOPIC,
    });
    await admin.ask("/lang en");
    // Someone whose Telegram is in Spanish presses: the group chose English.
    const member = world.tg.user({
      userId: 812,
      chatId: GROUP,
      type: "supergroup",
      languageCode: "es",
      threadId: TOPIC,
    });
    const [question] = await member.ask(AMBIGUOUS);
    expect(question!.visible).toBe(`"vladimir" fits more than one actor. Which one?`);
    expect(question!.payload.message_thread_id).toBe(TOPIC);

    const pressed = await member.exchange(() =>
      member.pressInTopic(keyboardOf(question!)[1]![0]!.callback_data, messageIdOf(question!)),
    );
    const [actor] = sendsTo(pressed, GROUP);
    expect(actor!.visible).toMatch(/^Vladimir Padrino López — Venezuela.s/);
    expect(actor!.payload.message_thread_id).toBe(TOPIC);
  });

  it("checks a group member's rights for a settings command a button runs, as for a typed one", async () => {
    const GROUP = -1001234568002;
    world.tg.admins.set(GROUP, [821]);
    const member = world.tg.user({ userId: 822, chatId: GROUP, type: "supergroup", languageCode: "es" });
    const admin = world.tg.user({ userId: 821, chatId: GROUP, type: "supergroup", languageCode: "es" });
    const [question] = await member.ask(AMBIGUOUS);
    const data = "cmd:subscribe 08:00 America/Caracas";

    const refused = await member.exchange(() => member.press(data, messageIdOf(question!)));
    expect(sendsTo(refused, GROUP)[0]!.visible).toMatch(
      /^Solo los administradores del grupo pueden cambiar sus ajustes/,
    );
    const accepted = await admin.exchange(() => admin.press(data, messageIdOf(question!)));
    expect(sendsTo(accepted, GROUP)[0]!.visible).toMatch(/08:00.*America\/Caracas/);
    const [ref] = world.hilo.chats.refsOf("telegram", String(GROUP));
    expect(world.hilo.subscriptions.get(ref!)).toMatchObject({ active: true, digestAt: "08:00" });
  });

  it("apologises in the chat when the answer to a press fails, logs the button, and keeps answering", async () => {
    const CHAT = 831;
    const user = world.tg.user({ userId: CHAT, chatId: CHAT, languageCode: "en" });
    const [question] = await user.ask(AMBIGUOUS);
    const data = keyboardOf(question!)[0]![0]!.callback_data;
    world.tg.script("sendMessage", refusal.badRequest("can't parse entities: simulated"), { chatId: CHAT });

    const pressed = await user.exchange(() => user.press(data, messageIdOf(question!)));
    expect(sendsTo(pressed, CHAT).map((call) => call.visible)).toEqual([
      "Something failed on my side while answering. It has been logged; try again in a moment.",
    ]);
    expect(world.log.entries).toContainEqual(
      expect.objectContaining({
        message: "telegram update failed",
        fields: expect.objectContaining({ chat: CHAT, command: `button ${data}` }),
      }),
    );
    const again = await user.exchange(() => user.press(data, messageIdOf(question!)));
    expect(sendsTo(again, CHAT)[0]!.visible).toMatch(/^Vladimir Putin — President of Russia/);
  });
});
