import { PermissionFlagsBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { renderReply } from "../../../src/adapters/discord/render.js";
import { answerTo, visible } from "../../helpers/discord-answers.js";
import { FAKE_CHANNEL_ID } from "../../helpers/discord-fake.js";
import { discordWorld } from "../../helpers/discord-world.js";

let world: Awaited<ReturnType<typeof discordWorld>>;
beforeAll(async () => {
  world = await discordWorld({ digestChars: 20_000 });
});
afterAll(() => world.close());

const EPHEMERAL = 64;
const ADMIN = (
  PermissionFlagsBits.ManageGuild |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ViewChannel
).toString();

describe("slash commands on Discord", () => {
  it("answers /actor petro with Petro's developments in an embed, and no oil-company story", async () => {
    const sent = world.fake.slashCommand({
      name: "actor",
      options: [{ name: "name", value: "petro" }],
      locale: "es-ES",
    });
    const { messages, flags } = await answerTo(world.fake, sent);
    const text = visible(messages[0]);
    expect(text).toMatch(/^Gustavo Petro — Presidente de Colombia/);
    expect(text).toMatch(/Desarrollos/i);
    expect(text).not.toMatch(/PDVSA|Chevron|petrolera/i);
    expect(flags & EPHEMERAL).toBe(0);
    expect(messages[0]!.embeds.length).toBeGreaterThan(0);
  });

  it("answers in English for an English Discord client", async () => {
    const sent = world.fake.slashCommand({
      name: "actor",
      options: [{ name: "name", value: "petro" }],
      locale: "en-US",
      channelId: undefined,
      user: { id: "3001", username: "ann" },
      guild: false,
    });
    expect(visible((await answerTo(world.fake, sent)).messages[0])).toMatch(/^Gustavo Petro — President of Colombia/);
  });

  it("autocompletes actor names from the registry, accents and case ignored", async () => {
    const sent = world.fake.autocomplete({
      name: "actor",
      options: [{ name: "name", value: "luka", focused: true }],
      locale: "es-ES",
    });
    const [callback] = await world.fake.waitFor(
      () => world.fake.callbacksFor(sent.id).length > 0 && world.fake.callbacksFor(sent.id),
      "autocomplete",
    );
    expect(callback!.type).toBe(8);
    expect(callback!.data.choices[0]).toEqual({ name: "Alexandr Lukashenko", value: "Alexandr Lukashenko" });
  });

  it("autocompletes time zones for /subscribe", async () => {
    const sent = world.fake.autocomplete({
      name: "subscribe",
      options: [{ name: "timezone", value: "cara", focused: true }],
    });
    const [callback] = await world.fake.waitFor(
      () => world.fake.callbacksFor(sent.id).length > 0 && world.fake.callbacksFor(sent.id),
      "autocomplete",
    );
    expect(callback!.data.choices[0]).toEqual({ name: "America/Caracas", value: "America/Caracas" });
  });

  it("refuses a member's /subscribe privately, saying why, and lets a Manage Server member subscribe", async () => {
    const refused = await answerTo(
      world.fake,
      world.fake.slashCommand({ name: "subscribe", options: [{ name: "time", value: "08:00" }], locale: "es-ES" }),
    );
    expect(refused.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(visible(refused.messages[0])).toMatch(/^Solo los administradores/);
    const chat = world.hilo.chats.refsOf("discord", FAKE_CHANNEL_ID);
    expect(chat.every((ref) => world.hilo.subscriptions.get(ref)?.active !== true)).toBe(true);

    const accepted = await answerTo(
      world.fake,
      world.fake.slashCommand({
        name: "subscribe",
        options: [
          { name: "time", value: "08:00" },
          { name: "timezone", value: "America/Caracas" },
        ],
        locale: "es-ES",
        memberPermissions: ADMIN,
      }),
    );
    expect(accepted.flags & EPHEMERAL).toBe(0);
    expect(visible(accepted.messages[0])).toMatch(/08:00.*America\/Caracas/);
    const [ref] = world.hilo.chats.refsOf("discord", FAKE_CHANNEL_ID);
    expect(world.hilo.subscriptions.get(ref!)).toMatchObject({
      active: true,
      digestAt: "08:00",
      timeZone: "America/Caracas",
    });
  });

  it("explains a bad value typed into an option, privately", async () => {
    const answer = await answerTo(
      world.fake,
      world.fake.slashCommand({
        name: "timeline",
        options: [{ name: "actor", value: "nadie-existe" }],
        locale: "es-ES",
      }),
    );
    expect(visible(answer.messages[0])).toMatch(/nadie-existe/);
  });

  it("defers a long /digest, then splits it into messages between developments, each one Discord accepts", async () => {
    const expected = renderReply(
      world.hilo.answer("/digest 30d", { platform: "discord", chatId: "preview" }, "es")!,
      "es",
    );
    expect(expected.length).toBeGreaterThan(1);
    const sent = world.fake.slashCommand({
      name: "digest",
      options: [{ name: "window", value: "30d" }],
      locale: "es-ES",
      channelId: FAKE_CHANNEL_ID,
    });
    const answer = await answerTo(world.fake, sent, expected.length - 1);
    expect(answer.type).toBe(5);
    expect(answer.messages.map((m) => m.embeds.length)).toEqual(expected.map((m) => m.embeds.length));
    const titles = answer.messages.flatMap((m) => m.embeds.map((e) => e.title).filter(Boolean));
    expect(titles[0]).toMatch(/^1\. /);
    expect(titles.map((t) => Number(/^(\d+)\./.exec(t!)?.[1]))).toEqual(titles.map((_, i) => i + 1));
    // The fake refuses what Discord would; every request the digest made was accepted.
    expect(
      world.fake.requestsTo("POST", new RegExp(`/webhooks/.+/${sent.token}$`)).every((r) => r.status === 200),
    ).toBe(true);
  });

  it("keeps running after a failure: logs it with channel and command and tells the user privately", async () => {
    const spy = vi.spyOn(world.hilo, "answer").mockImplementationOnce(() => {
      throw new Error("the database went away");
    });
    try {
      const answer = await answerTo(world.fake, world.fake.slashCommand({ name: "latest", locale: "es-ES" }));
      expect(answer.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(visible(answer.messages[0])).toMatch(/^Algo falló de mi lado/);
      expect(world.log.entries).toContainEqual(
        expect.objectContaining({
          level: "error",
          message: "discord interaction failed",
          fields: expect.objectContaining({ command: "latest", chat: FAKE_CHANNEL_ID }),
        }),
      );
    } finally {
      spy.mockRestore();
    }
    expect(
      visible((await answerTo(world.fake, world.fake.slashCommand({ name: "latest", locale: "es-ES" }))).messages[0]),
    ).toMatch(/^Lo más reciente/);
  });
});

describe("feed text on Discord", () => {
  it("shows a feed title with @everyone and markdown literally, and never lets it ping", async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Trampa</title><link>https://trampa.example/</link>
      <item><title>@everyone **Festival** de _jazz_ en [Mérida](javascript:alert(1)) &lt;@123&gt;</title><link>https://trampa.example/1</link>
      <description>Un festival de jazz reúne a músicos de toda la región en Mérida durante tres noches.</description><pubDate>${new Date(world.hilo.now()).toUTCString()}</pubDate></item></channel></rss>`;
    await world.hilo.pipeline.ingest(
      [{ source: { feed: "https://trampa.example/rss", publisher: "Trampa", lang: "es" }, bytes: Buffer.from(xml) }],
      Date.now(),
    );
    const sent = world.fake.slashCommand({
      name: "search",
      options: [{ name: "query", value: "festival jazz Mérida" }],
      locale: "es-ES",
    });
    const { messages } = await answerTo(world.fake, sent);
    const line = messages[0]!.embeds[0]!.description!.split("\n")[0]!;
    // Shown as written: @everyone defused with a zero-width space, every markdown character escaped.
    expect(line).toBe(
      "· *12 dic* **@\u200beveryone \\*\\*Festival\\*\\* de \\_jazz\\_ en \\[Mérida\\](javascript:alert(1)) \\<@123\\>** (1 medio · nuevo · fuera de esta historia)",
    );
    const [edit] = world.fake.requestsTo("PATCH", new RegExp(`/webhooks/.+/${sent.token}/messages/@original$`));
    expect(edit!.body.allowed_mentions).toEqual({ parse: [] });
  });
});

describe("questions by mention", () => {
  it("are ignored unless switched on, since they need the Message Content intent", async () => {
    const { delivered } = world.fake.messageCreate({ content: "¿quién ofrece asilo a Maduro?", mentionsBot: true });
    // Without GuildMessages the gateway does not even send the message.
    expect(delivered).toBe(false);
  });
});
