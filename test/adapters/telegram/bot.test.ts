import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiCall, refusal, TEST_BOT } from "../../helpers/telegram-emulator.js";
import { telegramWorld } from "../../helpers/telegram-world.js";

let world: Awaited<ReturnType<typeof telegramWorld>>;
beforeAll(async () => {
  world = await telegramWorld();
});
afterAll(() => world.close());

const text = (calls: readonly ApiCall[]) => calls.map((call) => call.visible).join("\n");
const sendsTo = (calls: readonly ApiCall[], chatId: number) =>
  calls.filter((call) => call.method === "sendMessage" && call.answer.ok && Number(call.payload.chat_id) === chatId);

// Telegram's account that anonymous group admins post through.
const GROUP_ANONYMOUS_BOT = { id: 1087968824, is_bot: true, first_name: "Group", username: "GroupAnonymousBot" };

describe("the Telegram bot in a private chat", () => {
  it("welcomes a user on /start with the story so far, in their language", async () => {
    const ana = world.tg.user({ userId: 101, chatId: 101, languageCode: "es-419" });
    const welcome = await ana.ask("/start");
    expect(welcome).toHaveLength(1);
    expect(welcome[0]!.visible).toMatch(/^Hola\. Soy Hilo/);
    expect(welcome[0]!.visible).toContain("La historia hasta ahora\n\n· ");
    const bob = world.tg.user({ userId: 102, chatId: 102, languageCode: "en-GB" });
    expect(text(await bob.ask("/start"))).toMatch(/^Hi\. I'm Hilo[\s\S]*The story so far/);
  });

  it("answers /actor petro with Petro's developments and no oil-company story", async () => {
    const ana = world.tg.user({ userId: 103, chatId: 103, languageCode: "es" });
    const answer = text(await ana.ask("/actor petro"));
    expect(answer).toMatch(/^Gustavo Petro — Presidente de Colombia/);
    expect(answer).toContain("La Cancillería colombiana no descarta dar asilo a Maduro");
    expect(answer).not.toMatch(/PDVSA|petroler|crudo|barriles/i);
  });

  it("answers a plain message as a question", async () => {
    const ana = world.tg.user({ userId: 104, chatId: 104, languageCode: "es" });
    expect(text(await ana.ask("¿quién ofrece asilo a Maduro?"))).toMatch(/Bielorrusia|asilo/);
  });

  it("publishes its commands in Spanish and English, with the settings only for private chats and group admins", () => {
    const menus = world.tg.callsTo("setMyCommands").map((call) => ({
      scope: call.payload.scope.type as string,
      language: (call.payload.language_code as string | undefined) ?? "default",
      commands: (call.payload.commands as { command: string; description: string }[]).map((c) => c.command),
      first: (call.payload.commands as { description: string }[])[0]!.description,
    }));
    expect(menus.map((menu) => `${menu.scope}/${menu.language}`).sort()).toEqual(
      ["all_chat_administrators", "all_group_chats", "all_private_chats"].flatMap((scope) =>
        ["default", "en", "es"].map((l) => `${scope}/${l}`),
      ),
    );
    const menu = (scope: string, language: string) => menus.find((m) => m.scope === scope && m.language === language)!;
    expect(menu("all_group_chats", "es").commands).toContain("actor");
    expect(menu("all_group_chats", "es").commands).not.toContain("subscribe");
    expect(menu("all_chat_administrators", "es").commands).toEqual(
      expect.arrayContaining(["actor", "subscribe", "quiet", "lang"]),
    );
    expect(menu("all_private_chats", "en").commands).toEqual(
      expect.arrayContaining(["start", "subscribe", "search", "ask"]),
    );
    for (const scope of ["all_private_chats", "all_group_chats", "all_chat_administrators"])
      expect(menu(scope, "es").commands).toContain("ask");
    expect(menu("all_group_chats", "es").first).toBe("Resumen de lo que cambió");
    expect(menu("all_group_chats", "en").first).toBe("Digest of what changed");
  });
});

describe("the Telegram bot in a group", () => {
  const GROUP = -1001234567001;
  const ADMIN = 201;
  const MEMBER = 202;
  beforeAll(() => world.tg.admins.set(GROUP, [ADMIN]));
  const admin = () => world.tg.user({ userId: ADMIN, chatId: GROUP, type: "supergroup", languageCode: "es" });
  const member = () => world.tg.user({ userId: MEMBER, chatId: GROUP, type: "supergroup", languageCode: "es" });

  it("refuses a member's /subscribe politely and answers their /actor", async () => {
    const refused = await member().ask("/subscribe 08:00 America/Caracas");
    expect(text(refused)).toMatch(
      /^Solo los administradores del grupo pueden cambiar sus ajustes\. Puedes usar \/digest/,
    );
    expect(text(await member().ask("/actor petro"))).toMatch(/^Gustavo Petro/);
    expect(
      world.hilo.subscriptions
        .active()
        .some(
          (s) => s.chatRef === world.hilo.chats.ensure({ platform: "telegram", chatId: String(GROUP) }, "es", 0).id,
        ),
    ).toBe(false);
  });

  it("lets an admin subscribe the group, asking Telegram who the admins are", async () => {
    expect(text(await admin().ask("/subscribe 08:00 America/Caracas"))).toMatch(/08:00.*America\/Caracas/);
    expect(world.tg.callsTo("getChatAdministrators").map((call) => call.payload.chat_id)).toContain(GROUP);
  });

  it("lets an anonymous admin change settings: they post as the group itself", async () => {
    const anonymous = world.tg.user({
      userId: GROUP_ANONYMOUS_BOT.id,
      chatId: GROUP,
      type: "supergroup",
      languageCode: "es",
    });
    const answer = await anonymous.exchange(() =>
      anonymous.command("/alerts off", {
        from: GROUP_ANONYMOUS_BOT,
        sender_chat: { id: GROUP, type: "supergroup", title: "El grupo" },
      }),
    );
    expect(text(sendsTo(answer, GROUP))).not.toMatch(/Solo los administradores/);
    expect(text(sendsTo(answer, GROUP))).toMatch(/[Aa]lertas/);
  });

  it("quotes the message it answers, so a busy group sees what it replies to", async () => {
    const [answer] = await member().ask("/latest");
    expect(answer!.payload.reply_parameters).toMatchObject({
      message_id: expect.any(Number),
      allow_sending_without_reply: true,
    });
  });

  it("answers /cmd@botname, and stays silent on a command for another bot or one it doesn't have", async () => {
    expect(text(await member().ask(`/actor@${TEST_BOT.username} petro`))).toMatch(/^Gustavo Petro/);
    const silence = await member().exchange(async () => {
      await member().command("/actor@other_news_bot petro");
      await member().command("/weather");
    });
    expect(sendsTo(silence, GROUP)).toEqual([]);
  });

  it("answers a question asked by mentioning it with sentences of the reports, each linked to its outlet", async () => {
    const [answer] = await member().ask(`@${TEST_BOT.username} ¿quién ofrece asilo a Maduro?`);
    expect(answer!.visible).toMatch(/^Esto dicen las noticias:/);
    expect(answer!.visible).toMatch(/Bielorrusia/);
    expect(answer!.visible).not.toContain("…");
    expect(answer!.payload.text).toMatch(/ — <a href="https:\/\/[^"]+">[^<]+<\/a>, <i>\d+ dic<\/i>/);
  });

  it("answers /ask like a question asked by mention, and /ask alone with what to write and an example", async () => {
    const [asked] = await member().ask("/ask ¿quién ofrece asilo a Maduro?");
    const [mentioned] = await member().ask(`@${TEST_BOT.username} ¿quién ofrece asilo a Maduro?`);
    expect(asked!.visible).toMatch(/Bielorrusia/);
    expect(asked!.visible).toBe(mentioned!.visible);
    expect(text(await member().ask("/ask"))).toBe("¿Qué quieres saber? Ejemplo: /ask ¿quién ofrece asilo a Maduro?");
    expect(text(await member().ask(`@${TEST_BOT.username} ?!…`))).toBe(
      "Hazme una pregunta sobre la historia, por ejemplo: ¿quién ofrece asilo a Maduro?",
    );
  });

  it("says plainly when nothing matches a question", async () => {
    const answer = await member().ask(`@${TEST_BOT.username} ¿qué tiempo hará en Marte?`);
    expect(text(answer)).toMatch(/^Todavía no lo sé/);
  });

  it("answers a reply to one of its own messages as a question", async () => {
    const [earlier] = await member().ask("/latest");
    const botMessage = (earlier!.answer as { result: { message_id: number } }).result.message_id;
    const answer = await member().exchange(() =>
      member().say("¿y lo de Bielorrusia?", {
        reply_to_message: {
          message_id: botMessage,
          date: 0,
          chat: { id: GROUP, type: "supergroup", title: "g" },
          from: { ...TEST_BOT },
          text: "…",
        },
      }),
    );
    expect(text(sendsTo(answer, GROUP))).toMatch(/Bielorrusia/);
  });

  it("ignores chatter that is not addressed to it", async () => {
    const answer = await member().exchange(() => member().say("hola a todos, ¿vieron lo de Maduro?"));
    expect(sendsTo(answer, GROUP)).toEqual([]);
  });

  it("introduces itself once when added to a group, not again when re-added", async () => {
    const NEW_GROUP = -1001234567002;
    const someone = world.tg.user({ userId: 203, chatId: NEW_GROUP, type: "supergroup", languageCode: "es" });
    const membership = (from: string, to: string) => ({
      my_chat_member: {
        chat: { id: NEW_GROUP, type: "supergroup" as const, title: "Nuevo grupo" },
        from: { id: 203, is_bot: false, first_name: "Ana", language_code: "es" },
        date: Math.floor(Date.now() / 1000),
        old_chat_member: { status: from, user: TEST_BOT },
        new_chat_member: { status: to, user: TEST_BOT },
      },
    });
    const added = await someone.exchange(async () => world.tg.inject(membership("left", "member") as never));
    expect(sendsTo(added, NEW_GROUP)).toHaveLength(1);
    expect(text(sendsTo(added, NEW_GROUP))).toMatch(
      /^Hola a todos\. Sigo la historia[\s\S]*\n\nLa historia hasta ahora\n\n· /,
    );
    const readded = await someone.exchange(async () => {
      world.tg.inject(membership("member", "administrator") as never);
      world.tg.inject(membership("administrator", "left") as never);
      world.tg.inject(membership("left", "member") as never);
    });
    expect(sendsTo(readded, NEW_GROUP)).toEqual([]);
  });

  it("switches a group's subscription off as soon as the bot is removed, with the reason", async () => {
    const LEFT_GROUP = -1001234567003;
    world.tg.admins.set(LEFT_GROUP, [204]);
    const owner = world.tg.user({ userId: 204, chatId: LEFT_GROUP, type: "supergroup", languageCode: "es" });
    await owner.ask("/subscribe 08:00 America/Caracas");
    const [ref] = world.hilo.chats.refsOf("telegram", String(LEFT_GROUP));
    expect(world.hilo.subscriptions.get(ref!)?.active).toBe(true);

    await owner.exchange(async () =>
      world.tg.inject({
        my_chat_member: {
          chat: { id: LEFT_GROUP, type: "supergroup", title: "Grupo" },
          from: { id: 204, is_bot: false, first_name: "Eva" },
          date: Math.floor(Date.now() / 1000),
          old_chat_member: { status: "member", user: TEST_BOT },
          new_chat_member: { status: "kicked", user: TEST_BOT, until_date: 0 },
        },
      } as never),
    );
    expect(world.hilo.subscriptions.get(ref!)).toMatchObject({
      active: false,
      inactiveReason: "the bot was removed (kicked)",
    });
    expect(world.log.entries).toContainEqual(
      expect.objectContaining({ message: "chat is gone; subscriptions switched off" }),
    );
  });

  it("moves a group's subscription to its new id when the group becomes a supergroup", async () => {
    const OLD = -4001;
    const NEW = -1001234567004;
    world.tg.admins.set(OLD, [205]);
    const owner = world.tg.user({ userId: 205, chatId: OLD, type: "group", languageCode: "es" });
    await owner.ask("/subscribe 09:00 Europe/Madrid");
    const [ref] = world.hilo.chats.refsOf("telegram", String(OLD));

    await owner.exchange(async () =>
      world.tg.inject({
        message: {
          message_id: 77,
          date: Math.floor(Date.now() / 1000),
          chat: { id: OLD, type: "group", title: "Grupo" },
          from: { id: 205, is_bot: false, first_name: "Leo" },
          migrate_to_chat_id: NEW,
        },
      } as never),
    );
    expect(world.hilo.chats.refsOf("telegram", String(NEW))).toEqual([ref]);
    expect(world.hilo.chats.target(ref!)).toMatchObject({ chatId: String(NEW) });
    expect(world.hilo.subscriptions.get(ref!)).toMatchObject({
      active: true,
      digestAt: "09:00",
      timeZone: "Europe/Madrid",
    });
  });
});

describe("digest buttons", () => {
  const CHAT = 301;
  const user = () => world.tg.user({ userId: CHAT, chatId: CHAT, languageCode: "es" });

  it("answers Fuentes with every outlet as a reply to the digest, and Más with the whole development", async () => {
    const [digest] = await user().ask("/digest 7d");
    const keyboard = digest!.payload.reply_markup.inline_keyboard as { text: string; callback_data: string }[][];
    expect(keyboard[0]!.map((button) => button.text)).toEqual(["📰 Fuentes 1", "➕ Más 1"]);
    const digestId = (digest!.answer as { result: { message_id: number } }).result.message_id;

    const sources = await user().exchange(() => user().press(keyboard[0]![0]!.callback_data, digestId));
    expect(sources.find((call) => call.method === "answerCallbackQuery")!.payload.text).toBeUndefined();
    const [list] = sendsTo(sources, CHAT);
    expect(list!.visible).toMatch(/^Fuentes · /);
    expect(list!.payload.reply_parameters).toMatchObject({ message_id: digestId });
    // Each outlet's name is the link: the reader sees names and dates, never an address.
    expect(list!.payload.text).toMatch(/· <i>\d+ dic<\/i> <a href="https:\/\/[^"]+">[^<]+<\/a>: /);
    expect(list!.visible).not.toMatch(/https?:\/\//);

    const more = await user().exchange(() => user().press(keyboard[0]![1]!.callback_data, digestId));
    expect(text(sendsTo(more, CHAT))).toMatch(/^Más sobre · /);
  });

  it("says so in the button's answer when a development is gone or the button is not Hilo's", async () => {
    for (const data of ["src:99999", "borrar:todo"]) {
      const answer = await user().exchange(() => user().press(data, 1));
      expect(answer.find((call) => call.method === "answerCallbackQuery")!.payload.text).toMatch(
        /ya no está disponible/,
      );
      expect(sendsTo(answer, CHAT)).toEqual([]);
    }
  });
});

describe("the error boundary", () => {
  it("logs a failure with its chat and command, apologises in the user's language and keeps answering", async () => {
    const CHAT = 401;
    const user = world.tg.user({ userId: CHAT, chatId: CHAT, languageCode: "en" });
    world.tg.script("sendMessage", refusal.badRequest("can't parse entities: simulated"), { chatId: CHAT });
    const answer = await user.ask("/latest");
    expect(text(answer)).toBe(
      "Something failed on my side while answering. It has been logged; try again in a moment.",
    );
    expect(world.log.entries).toContainEqual(
      expect.objectContaining({
        level: "error",
        message: "telegram update failed",
        fields: expect.objectContaining({ chat: CHAT, command: "/latest" }),
      }),
    );
    expect(text(await user.ask("/actor petro"))).toMatch(/^Gustavo Petro/);
  });
});

describe("long and hostile content", () => {
  let big: Awaited<ReturnType<typeof telegramWorld>>;
  beforeAll(async () => {
    // A core that allows digests far longer than one Telegram message, so the adapter has to split them.
    big = await telegramWorld({ digestChars: 20_000 });
    // An outlet whose name, as configured, carries markup, and a report with & and < in its title.
    const xml = `<rss version="2.0"><channel><title>Fjord</title><item><title>Tom &amp; Jerry &lt;3 bacalao: 5 &lt; 7 en la subasta de Tromsø</title><link>https://fjord.example.org/1</link><pubDate>Sat, 13 Dec 2025 10:00:00 GMT</pubDate><description>El parlamento de Noruega votó la cuota de bacalao.</description></item></channel></rss>`;
    await big.hilo.pipeline.ingest(
      [
        {
          source: { feed: "https://fjord.example.org/rss", publisher: `<b>Fjord</b> <script>alert("x")</script>` },
          bytes: new TextEncoder().encode(xml),
        },
      ],
      Date.now(),
    );
  });
  afterAll(() => big.close());

  it("splits a digest longer than 4096 characters between items, each part one Telegram accepts", async () => {
    const CHAT = 701;
    const user = big.tg.user({ userId: CHAT, chatId: CHAT, languageCode: "es" });
    const parts = await user.ask("/digest 90d");
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((part) => part.visible!.length).reduce((a, b) => a + b)).toBeGreaterThan(4096);
    // The proxy refuses what Telegram would (bad HTML, > 4096 characters, > 100 entities): every part went through.
    expect(big.tg.calls.filter((call) => Number(call.payload.chat_id) === CHAT && !call.answer.ok)).toEqual([]);
    expect(parts[0]!.visible).toMatch(/^🧵 /);
    for (const part of parts.slice(1)) expect(part.visible).toMatch(/^\d+\. (🆕|🔄) /);
    const numbers = parts.flatMap((part) =>
      [...part.visible!.matchAll(/^(\d+)\. (?:🆕|🔄) /gm)].map((m) => Number(m[1])),
    );
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });

  it("shows an outlet's <b> and <script> and a title's & and < as text", async () => {
    const CHAT = 702;
    const user = big.tg.user({ userId: CHAT, chatId: CHAT, languageCode: "es" });
    // Cod quotas are off the Venezuela story: /search still finds them, marked as such.
    const [latest] = await user.ask("/search bacalao");
    expect(latest!.visible).toContain("Tom & Jerry <3 bacalao: 5 < 7 en la subasta de Tromsø");
    expect(latest!.visible).toContain("fuera de esta historia");
    expect(latest!.visible).toContain(`<b>Fjord</b> <script>alert("x")</script>`);
    expect(latest!.payload.text).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(latest!.payload.text).not.toMatch(/<script|<b>Fjord/);
  });
});
