import { type APIEmbed, type APIMessage, ButtonStyle, ComponentType, PermissionFlagsBits, Routes } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_CHANNEL_ID, type SentInteraction } from "../../helpers/discord-fake.js";
import { discordWorld } from "../../helpers/discord-world.js";

let world: Awaited<ReturnType<typeof discordWorld>>;
beforeAll(async () => {
  world = await discordWorld();
});
afterAll(() => world.close());

const EPHEMERAL = 64;
const ADMIN = (
  PermissionFlagsBits.ManageGuild |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ViewChannel
).toString();
// "Vladimir" is both Vladímir Putin and Vladimir Padrino López in the bundled Venezuela story.
const AMBIGUOUS = [{ name: "name", value: "vladimir" }];

/** What a reader sees of a message: its content and every embed text, one string. */
function visible(message: { content?: string; embeds?: APIEmbed[] } | undefined): string {
  if (!message) return "";
  const embeds = (message.embeds ?? []).flatMap((e) => [e.author?.name, e.title, e.description, e.footer?.text]);
  return [message.content, ...embeds].filter(Boolean).join("\n");
}

/** The bot's answer to an interaction once it has one: the callback type, its flags and the reply (after any edit). */
async function answerTo(sent: SentInteraction): Promise<{ type: number; flags: number; reply: APIMessage }> {
  const { fake } = world;
  return fake.waitFor(() => {
    const [callback] = fake.callbacksFor(sent.id);
    const reply = fake.originalReply(sent.id);
    if (!callback || !reply) return undefined;
    // A deferred reply is a loading message until the bot edits it.
    if (
      callback.type === 5 &&
      fake.requestsTo("PATCH", new RegExp(`/webhooks/.+/${sent.token}/messages/@original$`)).length === 0
    )
      return undefined;
    return { type: callback.type, flags: Number(callback.data?.flags ?? 0), reply };
  }, `the answer to interaction ${sent.id}`);
}

const buttonsOf = (message: APIMessage) =>
  (message.components ?? [])
    .flatMap((row) => (row.type === ComponentType.ActionRow ? row.components : []))
    .map((button) => ({
      label: "label" in button ? button.label : undefined,
      customId: "custom_id" in button ? button.custom_id : "",
    }));

/** A message of the bot's with these buttons, as an older Hilo (or a crafted client) might have left in the channel. */
async function postButtons(customIds: string[]): Promise<APIMessage> {
  const body = {
    content: "¿Cuál?",
    components: [
      {
        type: ComponentType.ActionRow,
        components: customIds.map((id) => ({
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: id,
          custom_id: id,
        })),
      },
    ],
  };
  const { id } = (await world.handle.client.rest.post(Routes.channelMessages(FAKE_CHANNEL_ID), { body })) as APIMessage;
  return world.fake.messagesIn(FAKE_CHANNEL_ID).find((message) => message.id === id)!;
}

describe("a question asked back on Discord", () => {
  it("answers an ambiguous /actor with a button per actor, and a press answers with that actor's page", async () => {
    const question = await answerTo(world.fake.slashCommand({ name: "actor", options: AMBIGUOUS, locale: "es-ES" }));
    expect(question.flags & EPHEMERAL).toBe(0);
    expect(question.reply.content).toBe("«vladimir» puede ser más de un actor. ¿Cuál?");
    expect(buttonsOf(question.reply)).toEqual([
      { label: "Vladímir Putin — Presidente de Rusia", customId: "cmd:actor putin" },
      { label: "Vladimir Padrino López — Ministro de Defensa de Venezuela", customId: "cmd:actor padrino" },
    ]);

    const press = world.fake.pressButton({ message: question.reply, customId: "cmd:actor putin", locale: "es-ES" });
    const answer = await answerTo(press);
    expect(answer.type).toBe(4);
    expect(answer.flags & EPHEMERAL).toBe(0);
    expect(visible(answer.reply)).toMatch(/^Vladímir Putin — Presidente de Rusia/);
    expect(world.fake.callbacksFor(press.id)[0]!.data.allowed_mentions).toEqual({ parse: [] });
  });

  it("defers a long command a button runs, as it does the slash command", async () => {
    const question = await answerTo(
      world.fake.slashCommand({ name: "timeline", options: [{ name: "actor", value: "vladimir" }], locale: "en-US" }),
    );
    const [, padrino] = buttonsOf(question.reply);
    expect(padrino!.customId).toMatch(/^cmd:timeline padrino \d+$/);

    const answer = await answerTo(
      world.fake.pressButton({ message: question.reply, customId: padrino!.customId, locale: "en-US" }),
    );
    expect(answer.type).toBe(5);
    expect(visible(answer.reply)).toMatch(/Padrino/);
  });

  it("refuses a member privately the settings command a button runs, and runs it for a Manage Server member", async () => {
    const message = await postButtons(["cmd:subscribe 08:00 America/Caracas"]);
    const customId = "cmd:subscribe 08:00 America/Caracas";

    const refused = await answerTo(world.fake.pressButton({ message, customId, locale: "es-ES" }));
    expect(refused.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(visible(refused.reply)).toMatch(/^Solo los administradores/);
    const accepted = await answerTo(
      world.fake.pressButton({ message, customId, locale: "es-ES", memberPermissions: ADMIN }),
    );
    expect(accepted.flags & EPHEMERAL).toBe(0);
    expect(visible(accepted.reply)).toMatch(/08:00.*America\/Caracas/);
    const [ref] = world.hilo.chats.refsOf("discord", FAKE_CHANNEL_ID);
    expect(world.hilo.subscriptions.get(ref!)).toMatchObject({
      active: true,
      digestAt: "08:00",
      timeZone: "America/Caracas",
    });
  });

  it("tells whoever presses a button it cannot read that something failed, privately, and logs the button", async () => {
    const message = await postButtons(["legacy:1"]);
    const answer = await answerTo(world.fake.pressButton({ message, customId: "legacy:1", locale: "en-US" }));
    expect(answer.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(visible(answer.reply)).toMatch(/^Something failed on my side/);
    expect(world.log.entries).toContainEqual(
      expect.objectContaining({
        level: "error",
        message: "discord interaction failed",
        fields: expect.objectContaining({ command: "button legacy:1", chat: FAKE_CHANNEL_ID }),
      }),
    );
  });
});
