import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerTo, visible } from "../../helpers/discord-answers.js";
import { discordWorld } from "../../helpers/discord-world.js";

let world: Awaited<ReturnType<typeof discordWorld>>;
beforeAll(async () => {
  world = await discordWorld();
});
afterAll(() => world.close());

describe("/ask on Discord", () => {
  it("answers the question in text: with the developments that match, as a mention would be answered", async () => {
    const sent = world.fake.slashCommand({
      name: "ask",
      options: [{ name: "text", value: "¿quién ofrece asilo a Maduro?" }],
      locale: "es-ES",
    });
    const answer = visible((await answerTo(world.fake, sent)).messages[0]);
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
    expect(visible((await answerTo(world.fake, sent)).messages[0])).toBe(
      "What would you like to know? Example: /ask who is offering Maduro asylum?",
    );
  });
});
