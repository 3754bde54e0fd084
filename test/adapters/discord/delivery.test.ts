import { ApplicationCommandOptionType, PermissionFlagsBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_CHANNEL_ID } from "../../helpers/discord-fake.js";
import { discordWorld } from "../../helpers/discord-world.js";
import { tickThrough } from "../../helpers/tick-through.js";

const at = (iso: string) => Date.parse(iso);
// The core's wall clock: when channels subscribe. The demo story's last reports are from 11–12 December 2025.
const wall = at("2025-12-11T12:00:00Z");
const ADMIN = (
  PermissionFlagsBits.ManageGuild |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ViewChannel
).toString();
const NEWS = "1200000000000000201";
const GONE = "1200000000000000202";

let world: Awaited<ReturnType<typeof discordWorld>>;
let tick: (iso: string) => Promise<void>;

beforeAll(async () => {
  world = await discordWorld({
    wallClock: () => wall,
    mentions: true,
    fake: {
      guildLocale: "es-ES",
      channels: [
        { id: FAKE_CHANNEL_ID, name: "general" },
        { id: NEWS, name: "noticias" },
        { id: GONE, name: "borrado" },
      ],
    },
  });
  tick = tickThrough(world, world.handle.notifier);
});
afterAll(() => world.close());

/** Runs a slash command as a Manage Server member and waits for its answer. */
async function asAdmin(name: string, options: { name: string; value: string; type?: ApplicationCommandOptionType }[]) {
  const sent = world.fake.slashCommand({ name, options, locale: "es-ES", memberPermissions: ADMIN });
  return world.fake.waitFor(() => world.fake.originalReply(sent.id), `the answer to /${name}`);
}

describe("scheduled delivery on Discord", () => {
  it("sends exactly one digest at 08:00 in Caracas to the channel named in /subscribe", async () => {
    const answer = await asAdmin("subscribe", [
      { name: "channel", value: NEWS, type: ApplicationCommandOptionType.Channel },
      { name: "time", value: "08:00" },
      { name: "timezone", value: "America/Caracas" },
    ]);
    // Said where the command was typed, about the channel it names.
    expect(answer.channel_id).toBe(FAKE_CHANNEL_ID);
    await tick("2025-12-12T11:59:00Z"); // 07:59 in Caracas
    // A development that began after the channel subscribed may alert it before then; the digest waits for 08:00.
    const early = world.fake.messagesIn(NEWS).length;
    expect(world.fake.messagesIn(NEWS).filter((m) => m.content.startsWith("🧵"))).toHaveLength(0);
    await tick("2025-12-12T12:01:00Z");
    await tick("2025-12-12T12:02:00Z");
    const digest = world.fake.messagesIn(NEWS).slice(early);
    expect(digest.length).toBeGreaterThanOrEqual(1);
    expect(digest[0]!.content).toMatch(/^🧵 \*\*Venezuela – EE UU/);
    expect(digest.every((m) => m.embeds.every((e) => e.title === undefined || /^\d+\. (🆕|🔄) /.test(e.title)))).toBe(
      true,
    );
    const parts = early + digest.length;
    await tick("2025-12-12T13:00:00Z");
    expect(world.fake.messagesIn(NEWS)).toHaveLength(parts);
  });

  it("switches off a channel's subscription with the reason when the channel is gone", async () => {
    await asAdmin("subscribe", [
      { name: "channel", value: GONE, type: ApplicationCommandOptionType.Channel },
      { name: "time", value: "09:00" },
      { name: "timezone", value: "America/Caracas" },
    ]);
    world.fake.script(
      { method: "POST", path: new RegExp(`^/channels/${GONE}/messages$`) },
      { status: 404, body: { code: 10003, message: "Unknown Channel" } },
    );
    await tick("2025-12-12T13:01:00Z"); // 09:01 in Caracas
    const [ref] = world.hilo.chats.refsOf("discord", GONE);
    expect(world.hilo.subscriptions.get(ref!)).toMatchObject({
      active: false,
      inactiveReason: expect.stringMatching(/10003.*Unknown Channel/),
    });
  });
});

describe("questions by mention, when switched on", () => {
  it("answers a question that mentions the bot with sentences of the reports, each linked to its outlet", async () => {
    const { message, delivered } = world.fake.messageCreate({
      content: "¿quién ofrece asilo a Maduro?",
      mentionsBot: true,
      channelId: FAKE_CHANNEL_ID,
    });
    expect(delivered).toBe(true);
    const reply = await world.fake.waitFor(
      () => world.fake.messagesIn(FAKE_CHANNEL_ID).find((m) => m.message_reference?.message_id === message.id),
      "the answer to the question",
    );
    const text = [reply.content, ...reply.embeds.map((e) => `${e.title ?? ""}\n${e.description ?? ""}`)].join("\n");
    expect(text).toMatch(/^Esto dicen las noticias:/m);
    expect(text).toMatch(/Bielorrusia/);
    expect(text).toMatch(/ — \[[^\]]+\]\(https:\/\/[^)]+\), \*\d+ dic\*/);
  });

  it("says plainly when nothing answers", async () => {
    const { message } = world.fake.messageCreate({
      content: "¿qué tiempo hará en Marte?",
      mentionsBot: true,
      channelId: FAKE_CHANNEL_ID,
    });
    const reply = await world.fake.waitFor(
      () => world.fake.messagesIn(FAKE_CHANNEL_ID).find((m) => m.message_reference?.message_id === message.id),
      "the answer to the question",
    );
    expect(reply.content || reply.embeds[0]?.title).toMatch(/^Todavía no lo sé/);
  });
});
