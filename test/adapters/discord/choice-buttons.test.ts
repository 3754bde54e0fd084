import { type APIMessage, ButtonStyle, ComponentType, PermissionFlagsBits, Routes } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerTo, visible } from "../../helpers/discord-answers.js";
import { FAKE_CHANNEL_ID } from "../../helpers/discord-fake.js";
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
    const question = await answerTo(
      world.fake,
      world.fake.slashCommand({ name: "actor", options: AMBIGUOUS, locale: "es-ES" }),
    );
    expect(question.flags & EPHEMERAL).toBe(0);
    expect(question.messages[0]!.content).toBe("«vladimir» puede ser más de un actor. ¿Cuál?");
    expect(buttonsOf(question.messages[0]!)).toEqual([
      { label: "Vladímir Putin — Presidente de Rusia", customId: "cmd:actor putin" },
      { label: "Vladimir Padrino López — Ministro de Defensa de Venezuela", customId: "cmd:actor padrino" },
    ]);

    const press = world.fake.pressButton({
      message: question.messages[0]!,
      customId: "cmd:actor putin",
      locale: "es-ES",
    });
    const answer = await answerTo(world.fake, press);
    expect(answer.type).toBe(4);
    expect(answer.flags & EPHEMERAL).toBe(0);
    expect(visible(answer.messages[0]!)).toMatch(/^Vladímir Putin — Presidente de Rusia/);
    expect(world.fake.callbacksFor(press.id)[0]!.data.allowed_mentions).toEqual({ parse: [] });
  });

  it("defers a long command a button runs, as it does the slash command", async () => {
    const question = await answerTo(
      world.fake,
      world.fake.slashCommand({ name: "timeline", options: [{ name: "actor", value: "vladimir" }], locale: "en-US" }),
    );
    const [, padrino] = buttonsOf(question.messages[0]!);
    expect(padrino!.customId).toMatch(/^cmd:timeline padrino \d+$/);

    const answer = await answerTo(
      world.fake,
      world.fake.pressButton({ message: question.messages[0]!, customId: padrino!.customId, locale: "en-US" }),
    );
    expect(answer.type).toBe(5);
    expect(visible(answer.messages[0]!)).toMatch(/Padrino/);
  });

  it("refuses a member privately the settings command a button runs, and runs it for a Manage Server member", async () => {
    const message = await postButtons(["cmd:subscribe 08:00 America/Caracas"]);
    const customId = "cmd:subscribe 08:00 America/Caracas";

    const refused = await answerTo(world.fake, world.fake.pressButton({ message, customId, locale: "es-ES" }));
    expect(refused.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(visible(refused.messages[0]!)).toMatch(/^Solo los administradores/);
    const accepted = await answerTo(
      world.fake,
      world.fake.pressButton({ message, customId, locale: "es-ES", memberPermissions: ADMIN }),
    );
    expect(accepted.flags & EPHEMERAL).toBe(0);
    expect(visible(accepted.messages[0]!)).toMatch(/08:00.*America\/Caracas/);
    const [ref] = world.hilo.chats.refsOf("discord", FAKE_CHANNEL_ID);
    expect(world.hilo.subscriptions.get(ref!)).toMatchObject({
      active: true,
      digestAt: "08:00",
      timeZone: "America/Caracas",
    });
  });

  it("tells whoever presses a button it cannot read that something failed, privately, and logs the button", async () => {
    const message = await postButtons(["legacy:1"]);
    const answer = await answerTo(
      world.fake,
      world.fake.pressButton({ message, customId: "legacy:1", locale: "en-US" }),
    );
    expect(answer.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(visible(answer.messages[0]!)).toMatch(/^Something failed on my side/);
    expect(world.log.entries).toContainEqual(
      expect.objectContaining({
        level: "error",
        message: "discord interaction failed",
        fields: expect.objectContaining({ command: "button legacy:1", chat: FAKE_CHANNEL_ID }),
      }),
    );
  });
});
