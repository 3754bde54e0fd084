import type { APIEmbed, APIMessage } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SentInteraction } from "../../helpers/discord-fake.js";
import { discordWorld } from "../../helpers/discord-world.js";

let world: Awaited<ReturnType<typeof discordWorld>>;
beforeAll(async () => {
  world = await discordWorld();
});
afterAll(() => world.close());

/** What a reader sees of a message: its content and every embed text, one string. */
function visible(message: { content?: string; embeds?: APIEmbed[] }): string {
  const embeds = (message.embeds ?? []).flatMap((e) => [
    e.author?.name,
    e.title,
    e.description,
    ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    e.footer?.text,
  ]);
  return [message.content, ...embeds].filter(Boolean).join("\n");
}

/** The bot's answer once it has edited its deferred reply. */
function answerTo(sent: SentInteraction): Promise<APIMessage> {
  const { fake } = world;
  return fake.waitFor(() => {
    const [callback] = fake.callbacksFor(sent.id);
    const original = fake.originalReply(sent.id);
    if (!callback || !original) return undefined;
    if (
      callback.type === 5 &&
      fake.requestsTo("PATCH", new RegExp(`/webhooks/.+/${sent.token}/messages/@original$`)).length === 0
    )
      return undefined;
    return original;
  }, `the answer to interaction ${sent.id}`);
}

describe("/ask on Discord", () => {
  it("answers the question in text: with the developments that match, as a mention would be answered", async () => {
    const sent = world.fake.slashCommand({
      name: "ask",
      options: [{ name: "text", value: "¿quién ofrece asilo a Maduro?" }],
      locale: "es-ES",
    });
    const answer = visible(await answerTo(sent));
    expect(answer).toMatch(/Bielorrusia/);
    expect(world.fake.callbacksFor(sent.id)[0]!.type).toBe(5);
  });

  it("answers a question of only punctuation with what to ask instead, in the language of a direct chat started in English", async () => {
    const sent = world.fake.slashCommand({
      name: "ask",
      options: [{ name: "text", value: "?!…" }],
      locale: "en-US",
      guild: false,
    });
    expect(visible(await answerTo(sent))).toBe(
      "What would you like to know? Example: /ask who is offering Maduro asylum?",
    );
  });
});
