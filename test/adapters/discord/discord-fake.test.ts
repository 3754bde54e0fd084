import { once } from "node:events";
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  ButtonStyle,
  ChannelType,
  Client,
  ComponentType,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  Partials,
  PermissionFlagsBits,
  Routes,
  type TextChannel,
} from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import {
  DiscordFake,
  FAKE_CHANNEL_ID,
  FAKE_GUILD_ID,
  FAKE_TOKEN,
  fakeClientOptions,
  refusal,
} from "../../helpers/discord-fake.js";

// A real discord.js Client against the local fake: if these pass, the fake is good enough to test the adapter.

const WAIT_MS = 5_000;
const MESSAGES = /^\/channels\/\d+\/messages$/;

let fake: DiscordFake;
let client: Client;

async function loggedInClient(intents: GatewayIntentBits[], partials: Partials[] = []): Promise<Client> {
  const started = new Client({ intents, partials, ...fakeClientOptions(fake) });
  const ready = once(started, Events.ClientReady, { signal: AbortSignal.timeout(WAIT_MS) });
  await started.login(FAKE_TOKEN);
  await ready;
  return started;
}

function nextInteraction(): Promise<Interaction> {
  return once(client, Events.InteractionCreate, { signal: AbortSignal.timeout(WAIT_MS) }).then(
    ([interaction]) => interaction as Interaction,
  );
}

function generalChannel(): TextChannel {
  return client.channels.cache.get(FAKE_CHANNEL_ID) as TextChannel;
}

beforeEach(async () => {
  fake = await DiscordFake.start();
  client = await loggedInClient([GatewayIntentBits.Guilds]);
});

afterEach(async () => {
  await client.destroy();
  await fake.close();
});

describe("logging in", () => {
  it("becomes ready with the guild and its channel in the cache", () => {
    const guild = client.guilds.cache.get(FAKE_GUILD_ID);
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.get(FAKE_CHANNEL_ID)?.type).toBe(ChannelType.GuildText);
    expect(guild?.members.me?.id).toBe(client.user?.id);
    expect(fake.requestsTo("GET", /^\/gateway\/bot$/)).toHaveLength(1);
    const identify = fake.frames.find((frame) => frame.from === "client" && frame.op === 2);
    expect(identify?.d).toMatchObject({ intents: GatewayIntentBits.Guilds, compress: false });
  });
});

describe("refusing a client it cannot serve", () => {
  it("refuses a wrong token as Discord does", async () => {
    const stranger = new Client({ intents: [GatewayIntentBits.Guilds], ...fakeClientOptions(fake) });

    await expect(stranger.login("not-the-token")).rejects.toMatchObject({ code: "TokenInvalid" });
    expect(fake.requestsTo("GET", /^\/gateway\/bot$/).at(-1)?.status).toBe(401);
  });

  it("closes a compressed gateway connection with a code discord.js does not retry, and says why", async () => {
    const socket = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`);
    const [code] = await once(socket, "close", { signal: AbortSignal.timeout(WAIT_MS) });

    expect(code).toBe(4012);
    expect(fake.gatewayProblems.join()).toContain("compress=zlib-stream");
  });
});

describe("slash commands", () => {
  it("delivers the command with its options and locale, and records the embed reply", async () => {
    const arriving = nextInteraction();
    const sent = fake.slashCommand({ name: "digest", options: [{ name: "topic", value: "petro" }], locale: "es-ES" });
    const interaction = await arriving;
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");
    expect(interaction.id).toBe(sent.id);
    expect(interaction.commandName).toBe("digest");
    expect(interaction.options.getString("topic")).toBe("petro");
    expect(interaction.locale).toBe("es-ES");
    expect(interaction.inCachedGuild()).toBe(true);
    expect(interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(false);

    await interaction.reply({ embeds: [{ title: "Resumen", description: "Tres novedades" }] });

    expect(fake.callbacksFor(sent.id)).toEqual([
      {
        type: 4,
        status: 204,
        data: expect.objectContaining({ embeds: [{ title: "Resumen", description: "Tres novedades" }] }),
      },
    ]);
    expect(fake.originalReply(sent.id)?.embeds[0]?.title).toBe("Resumen");
  });

  it("lets a test wait for a reply the bot makes from its own listener", async () => {
    client.on(Events.InteractionCreate, async (interaction) => {
      if (interaction.isChatInputCommand())
        await interaction.reply({ content: `Tema: ${interaction.options.getString("topic")}` });
    });

    const sent = fake.slashCommand({ name: "digest", options: [{ name: "topic", value: "petro" }] });
    const reply = await fake.waitFor(() => fake.originalReply(sent.id), "the reply to /digest");

    expect(reply.content).toBe("Tema: petro");
  });

  it("fails a wait that is never met with what the bot did meanwhile", async () => {
    await expect(fake.waitFor(() => false, "a reply that never comes", 50)).rejects.toThrow(
      /a reply that never comes.*GET \/gateway\/bot → 200/,
    );
  });

  it("records a deferred reply and the edit that fills it in", async () => {
    const arriving = nextInteraction();
    const sent = fake.slashCommand({ name: "digest" });
    const interaction = await arriving;
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");

    await interaction.deferReply();
    expect(fake.originalReply(sent.id)?.flags).toBe(128); // loading until edited
    const edited = await interaction.editReply({ content: "Listo" });

    expect(fake.callbacksFor(sent.id).map((callback) => callback.type)).toEqual([5]);
    expect(fake.requestsTo("PATCH", /\/messages\/@original$/).map((request) => request.status)).toEqual([200]);
    expect(fake.originalReply(sent.id)).toMatchObject({ content: "Listo", flags: 0 });
    expect(edited.content).toBe("Listo");
  });

  it("answers with_response=true with the callback and its message", async () => {
    const arriving = nextInteraction();
    const sent = fake.slashCommand({ name: "digest", guild: false });
    const interaction = await arriving;
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");
    expect(interaction.inGuild()).toBe(false);

    const response = await interaction.reply({ content: "Hola", flags: 64, withResponse: true });

    expect(response.interaction.id).toBe(sent.id);
    expect(response.interaction.responseMessageEphemeral).toBe(true);
    expect(response.resource?.message?.content).toBe("Hola");
    expect(fake.requestsTo("POST", /callback$/)[0]?.query).toEqual({ with_response: "true" });
  });

  it("records autocomplete choices", async () => {
    const arriving = nextInteraction();
    const sent = fake.autocomplete({ name: "actor", options: [{ name: "name", value: "pe", focused: true }] });
    const interaction = await arriving;
    if (!interaction.isAutocomplete()) throw new Error("expected an autocomplete interaction");
    expect(interaction.options.getFocused()).toBe("pe");

    await interaction.respond([{ name: "Gustavo Petro", value: "petro" }]);

    expect(fake.callbacksFor(sent.id)).toEqual([
      { type: 8, status: 204, data: { choices: [{ name: "Gustavo Petro", value: "petro" }] } },
    ]);
  });

  it("refuses a second answer to one interaction as Discord does", async () => {
    const sent = fake.slashCommand({ name: "digest" });
    const answer = { body: { type: 4, data: { content: "uno" } }, auth: false };
    await client.rest.post(Routes.interactionCallback(sent.id, sent.token), answer);

    await expect(client.rest.post(Routes.interactionCallback(sent.id, sent.token), answer)).rejects.toMatchObject({
      code: 40060,
      status: 400,
    });
  });

  it("retries an interaction reply after a 429", async () => {
    fake.rateLimitNext("POST", /\/callback$/, { retryAfterSeconds: 0.02 });
    const arriving = nextInteraction();
    const sent = fake.slashCommand({ name: "digest" });
    const interaction = await arriving;
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");

    await interaction.reply({ content: "Hola" });

    expect(fake.callbacksFor(sent.id).map((callback) => callback.status)).toEqual([429, 204]);
  });
});

describe("channel messages", () => {
  it("keeps what the bot posts in the channel", async () => {
    await client.rest.post(Routes.channelMessages(FAKE_CHANNEL_ID), { body: { content: "hola" } });
    await generalChannel().send({ embeds: [{ title: "Alerta" }] });

    expect(fake.messagesIn(FAKE_CHANNEL_ID).map((message) => message.content || message.embeds[0]?.title)).toEqual([
      "hola",
      "Alerta",
    ]);
  });

  it("starts a thread with the id of the message it hangs from", async () => {
    const message = await generalChannel().send("Petro habla en la ONU");
    const thread = await message.startThread({ name: "Petro en la ONU" });
    await thread.send("Segunda nota");

    expect(thread.id).toBe(message.id);
    expect(fake.channel(thread.id)).toMatchObject({
      type: ChannelType.PublicThread,
      parent_id: FAKE_CHANNEL_ID,
      name: "Petro en la ONU",
    });
    expect(fake.messagesIn(thread.id).map((m) => m.content)).toEqual(["Segunda nota"]);
  });

  it("answers a channel fetch from its table", async () => {
    const fetched = await client.channels.fetch(FAKE_CHANNEL_ID, { force: true });

    expect(fetched?.id).toBe(FAKE_CHANNEL_ID);
    expect(fake.requestsTo("GET", /^\/channels\/\d+$/).map((request) => request.status)).toEqual([200]);
  });

  it("answers an unknown channel with 10003", async () => {
    await expect(client.rest.post(Routes.channelMessages("999"), { body: { content: "x" } })).rejects.toMatchObject({
      code: 10003,
      status: 404,
    });
  });

  it("records a call it does not know as a 404", async () => {
    await expect(client.rest.get(Routes.guildAuditLog(FAKE_GUILD_ID))).rejects.toMatchObject({ status: 404 });
    expect(fake.requestsTo("GET", /audit-logs$/).map((request) => request.status)).toEqual([404]);
  });
});

describe("Discord's limits", () => {
  it("refuses content over 2000 characters with 50035", async () => {
    const sending = client.rest.post(Routes.channelMessages(FAKE_CHANNEL_ID), { body: { content: "x".repeat(2001) } });

    await expect(sending).rejects.toBeInstanceOf(DiscordAPIError);
    await expect(sending).rejects.toMatchObject({
      code: 50035,
      status: 400,
      rawError: { errors: { content: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } } },
    });
    expect(fake.messagesIn(FAKE_CHANNEL_ID)).toEqual([]);
  });

  it("counts characters as Discord does, by code point", async () => {
    await generalChannel().send("😀".repeat(2000)); // 4000 UTF-16 units, 2000 characters to Discord

    expect(fake.messagesIn(FAKE_CHANNEL_ID)).toHaveLength(1);
  });

  it("refuses embeds that together pass 6000 characters", async () => {
    const half = { description: "y".repeat(3001) };

    await expect(generalChannel().send({ embeds: [half, half] })).rejects.toMatchObject({
      code: 50035,
      rawError: { errors: { embeds: { _errors: [{ code: "MAX_EMBED_SIZE_EXCEEDED" }] } } },
    });
  });

  it("refuses an interaction reply over the limits, pointing into its data", async () => {
    const arriving = nextInteraction();
    fake.slashCommand({ name: "digest" });
    const interaction = await arriving;
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");

    await expect(interaction.reply({ embeds: [{ title: "t".repeat(257) }] })).rejects.toMatchObject({
      code: 50035,
      rawError: { errors: { data: { embeds: { 0: { title: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } } } } } },
    });
  });

  it("refuses a thread name over 100 characters", async () => {
    const message = await generalChannel().send("nota");

    await expect(message.startThread({ name: "n".repeat(101) })).rejects.toMatchObject({ code: 50035 });
  });

  it("refuses buttons past Discord's limits: six to a row, six rows, a label over 80, a custom_id over 100 or used twice", async () => {
    const send = (components: unknown[]) =>
      client.rest.post(Routes.channelMessages(FAKE_CHANNEL_ID), { body: { content: "¿Cuál?", components } });
    const buttons = (n: number, prefix = "b") => Array.from({ length: n }, (_, i) => button(`${prefix}${i}`));
    const invalid = (errors: unknown) => ({ code: 50035, rawError: { errors } });
    const error = (code: string) => ({ _errors: [expect.objectContaining({ code })] });

    await expect(send([row(buttons(6))])).rejects.toMatchObject(
      invalid({ components: { 0: { components: error("BASE_TYPE_BAD_LENGTH") } } }),
    );
    await expect(send(Array.from({ length: 6 }, (_, i) => row(buttons(1, `r${i}-`))))).rejects.toMatchObject(
      invalid({ components: error("BASE_TYPE_MAX_LENGTH") }),
    );
    await expect(send([row([button("a", "é".repeat(81))])])).rejects.toMatchObject(
      invalid({ components: { 0: { components: { 0: { label: error("BASE_TYPE_MAX_LENGTH") } } } } }),
    );
    await expect(send([row([button("c".repeat(101))])])).rejects.toMatchObject(
      invalid({ components: { 0: { components: { 0: { custom_id: error("BASE_TYPE_MAX_LENGTH") } } } } }),
    );
    await expect(send([row([button("same")]), row([button("same")])])).rejects.toMatchObject(
      invalid({ components: { 1: { components: { 0: { custom_id: error("COMPONENT_CUSTOM_ID_DUPLICATED") } } } } }),
    );
    await send(
      Array.from({ length: 5 }, (_, i) => row([...buttons(4, `r${i}-`), button(`r${i}-last`, "é".repeat(80))])),
    );
    expect(fake.messagesIn(FAKE_CHANNEL_ID)).toHaveLength(1);
  });

  it("refuses an interaction reply whose buttons and embeds break limits, reporting both under its data", async () => {
    const arriving = nextInteraction();
    fake.slashCommand({ name: "digest" });
    const interaction = await arriving;
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");

    await expect(
      interaction.reply({ embeds: [{ title: "t".repeat(257) }], components: [row([button("x".repeat(101))])] }),
    ).rejects.toMatchObject({
      code: 50035,
      rawError: {
        errors: {
          data: {
            embeds: { 0: { title: expect.anything() } },
            components: { 0: { components: { 0: { custom_id: expect.anything() } } } },
          },
        },
      },
    });
  });
});

const row = (components: APIButtonComponentWithCustomId[]): APIActionRowComponent<APIButtonComponentWithCustomId> => ({
  type: ComponentType.ActionRow,
  components,
});
const button = (customId: string, label = "Elegir"): APIButtonComponentWithCustomId => ({
  type: ComponentType.Button,
  style: ButtonStyle.Secondary,
  label,
  custom_id: customId,
});

describe("buttons", () => {
  it("delivers a press of a button on the bot's reply as a button interaction, and records the answer to it", async () => {
    const arriving = nextInteraction();
    const sent = fake.slashCommand({ name: "actor", locale: "es-ES" });
    const command = await arriving;
    if (!command.isChatInputCommand()) throw new Error("expected a chat input command");
    await command.reply({
      content: "¿Cuál?",
      components: [row([button("cmd:actor putin", "Putin"), button("cmd:actor padrino", "Padrino")])],
    });
    const question = fake.originalReply(sent.id)!;

    const pressing = nextInteraction();
    const press = fake.pressButton({ message: question, customId: "cmd:actor padrino", locale: "es-ES" });
    const interaction = await pressing;
    if (!interaction.isButton()) throw new Error("expected a button interaction");
    expect(interaction.customId).toBe("cmd:actor padrino");
    expect(interaction.message.id).toBe(question.id);
    expect(interaction.locale).toBe("es-ES");
    expect(interaction.inCachedGuild()).toBe(true);
    await interaction.reply({ content: "Padrino" });

    expect(fake.callbacksFor(press.id)).toEqual([
      { type: 4, status: 204, data: expect.objectContaining({ content: "Padrino" }) },
    ]);
    expect(fake.originalReply(press.id)?.interaction_metadata).toMatchObject({
      type: 3,
      interacted_message_id: question.id,
    });
  });

  it("will not press a button the message does not show", async () => {
    const message = await generalChannel().send({ content: "¿Cuál?", components: [row([button("cmd:actor putin")])] });
    const shown = fake.messagesIn(FAKE_CHANNEL_ID).find((m) => m.id === message.id)!;

    expect(() => fake.pressButton({ message: shown, customId: "cmd:lang en" })).toThrow(
      /no button with custom_id "cmd:lang en"/,
    );
  });
});

describe("application commands", () => {
  it("registers commands and hands back their ids", async () => {
    const commands = await client.application!.commands.set([
      { name: "resumen", description: "El resumen de hoy", nameLocalizations: { "en-US": "digest" } },
    ]);

    expect(commands.first()?.name).toBe("resumen");
    expect(fake.registeredCommands().map((command) => command.id)).toEqual([commands.first()?.id]);
  });

  it("refuses a command name with capitals, as Discord does", async () => {
    await expect(
      client.application!.commands.set([{ name: "Resumen", description: "El resumen de hoy" }]),
    ).rejects.toMatchObject({ code: 50035 });
  });
});

describe("scripted answers", () => {
  it("lets @discordjs/rest wait out two 429s and sends the message once", async () => {
    fake.rateLimitNext("POST", MESSAGES, { retryAfterSeconds: 0.02, times: 2 });

    await client.rest.post(Routes.channelMessages(FAKE_CHANNEL_ID), { body: { content: "una vez" } });

    expect(fake.requestsTo("POST", MESSAGES).map((request) => request.status)).toEqual([429, 429, 200]);
    expect(fake.messagesIn(FAKE_CHANNEL_ID).map((message) => message.content)).toEqual(["una vez"]);
  });

  it("refuses with the answer a test scripts", async () => {
    fake.script({ method: "POST", path: MESSAGES }, refusal.missingPermissions());

    await expect(generalChannel().send("hola")).rejects.toMatchObject({ code: 50013, status: 403 });
    await generalChannel().send("hola");
    expect(fake.messagesIn(FAKE_CHANNEL_ID)).toHaveLength(1);
  });
});

describe("messages users write", () => {
  it("delivers a message that mentions the bot to a client with GuildMessages", async () => {
    await client.destroy();
    client = await loggedInClient([GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);
    const arriving = once(client, Events.MessageCreate, { signal: AbortSignal.timeout(WAIT_MS) });

    const { delivered } = fake.messageCreate({ content: "¿qué hay de nuevo?", mentionsBot: true });
    const [message] = await arriving;

    expect(delivered).toBe(true);
    expect(message.mentions.users.has(client.user!.id)).toBe(true);
    expect(message.content).toContain("¿qué hay de nuevo?");
  });

  it("blanks what a user wrote for a client without MessageContent, unless it mentions the bot", async () => {
    await client.destroy();
    client = await loggedInClient([GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);
    const arriving = once(client, Events.MessageCreate, { signal: AbortSignal.timeout(WAIT_MS) });

    fake.messageCreate({ content: "hola a todos" });
    const [message] = await arriving;

    expect(message.content).toBe("");
  });

  it("delivers a DM to a client with DirectMessages and the Channel partial", async () => {
    await client.destroy();
    client = await loggedInClient([GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages], [Partials.Channel]);
    const arriving = once(client, Events.MessageCreate, { signal: AbortSignal.timeout(WAIT_MS) });

    fake.messageCreate({ content: "/resumen", dm: true });
    const [message] = await arriving;

    expect(message.content).toBe("/resumen");
    expect(message.channel.isDMBased()).toBe(true);
  });

  it("does not deliver messages to a client without the intent", () => {
    expect(fake.messageCreate({ content: "hola" }).delivered).toBe(false);
  });
});

describe("shutting down", () => {
  it("lets the client disconnect and then stops without hanging", async () => {
    await client.destroy();
    await fake.close();

    expect(fake.frames.at(-1)?.from).toBe("fake");
  });
});
