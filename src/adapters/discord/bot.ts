import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  Events,
  type Interaction,
  type Message,
  MessageFlags,
  PermissionFlagsBits,
} from "discord.js";
import {
  type ChatAddress,
  describeError,
  type Hilo,
  type Lang,
  type Logger,
  messagesFor,
  type Reply,
} from "../../digest/index.js";
import { type DiscordMessage, renderReply } from "./render.js";
import { timeZoneChoices } from "./time-zone-choices.js";
import { commandLine, commandOfCustomId, languageOfLocale, SETTINGS_COMMANDS } from "./to-command.js";

const PLATFORM = "discord";
/** Discord shows at most 25 autocomplete choices, each name and value ≤ 100 characters. */
const MAX_CHOICES = 25;
const MAX_CHOICE_CHARS = 100;
/** Commands that may read much of the archive: their reply is deferred first, so Discord's 3 s window never lapses. */
const LONG_COMMANDS: ReadonlySet<string> = new Set(["digest", "timeline", "search", "ask"]);

/**
 * Hilo's Discord conversation: slash commands and autocomplete, the buttons of a question asked back, and, when
 * `mentions` is on, questions in messages that mention the bot. Each becomes one core call; each failure ends in
 * one error boundary per event.
 */
export function listen(client: Client, hilo: Hilo, log: Logger, options: { mentions: boolean }): void {
  client.on(Events.InteractionCreate, (interaction) => void answerInteraction(interaction, hilo, log));
  if (options.mentions) client.on(Events.MessageCreate, (message) => void answerMention(message, hilo, log));
}

/** The error boundary for interactions: log with channel and command, tell the user privately, keep running. */
async function answerInteraction(interaction: Interaction, hilo: Hilo, log: Logger): Promise<void> {
  try {
    if (interaction.isAutocomplete()) await suggest(interaction, hilo);
    else if (interaction.isChatInputCommand()) await answerCommand(interaction, hilo);
    else if (interaction.isButton()) await answerButton(interaction, hilo);
  } catch (error) {
    const command =
      interaction.isCommand() || interaction.isAutocomplete()
        ? interaction.commandName
        : interaction.isButton()
          ? `button ${interaction.customId}`
          : `interaction type ${interaction.type}`;
    log.error("discord interaction failed", { chat: interaction.channelId, command, error: describeError(error) });
    if (!interaction.isRepliable()) return;
    const text = messagesFor(languageOfLocale(interaction.locale)).internalError;
    try {
      const answer = { content: text, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } } as const;
      if (interaction.deferred || interaction.replied) await interaction.followUp(answer);
      else await interaction.reply(answer);
    } catch (failure) {
      log.warn("could not tell the user about a failure", {
        chat: interaction.channelId,
        error: describeError(failure),
      });
    }
  }
}

async function answerCommand(interaction: ChatInputCommandInteraction, hilo: Hilo): Promise<void> {
  // A settings command may name another channel; it is that channel's subscription that changes.
  const named = interaction.options.getChannel("channel");
  const options = Object.fromEntries(interaction.options.data.map((option) => [option.name, option.value]));
  await runCommand(interaction, hilo, commandLine({ name: interaction.commandName, options }), named?.id);
}

/** A choice under a question asked back: its command runs as if the slash command had been used here. */
async function answerButton(interaction: ButtonInteraction, hilo: Hilo): Promise<void> {
  const line = commandOfCustomId(interaction.customId);
  // Not a button Hilo writes (an older format): the error boundary logs it and tells whoever pressed it, privately.
  if (line === undefined) throw new Error(`unknown button ${JSON.stringify(interaction.customId.slice(0, 100))}`);
  await runCommand(interaction, hilo, line, undefined);
}

/**
 * Runs a core command line for a slash command or a choice's button, in the interaction's channel (or the channel
 * a settings command names), and answers the interaction.
 */
async function runCommand(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  hilo: Hilo,
  line: string,
  channelId: string | undefined,
): Promise<void> {
  const name = /^\/(\S+)/.exec(line)?.[1] ?? "";
  const kind = interaction.inGuild() ? "group" : "private";
  const here: ChatAddress = { platform: PLATFORM, chatId: interaction.channelId };
  const address: ChatAddress = channelId ? { platform: PLATFORM, chatId: channelId } : here;
  const userLang = languageOfLocale(interaction.locale);
  // Discord hides settings from members without Manage Server by default, but a server can change that: check again.
  const canConfigure =
    kind === "private" || interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) === true;

  if (SETTINGS_COMMANDS.has(name) && !canConfigure) {
    const refusal = hilo.answer(line, address, userLang, { caller: { canConfigure }, kind });
    const [first] = toParts(refusal, hilo.chatLanguage(here, userLang, kind));
    await interaction.reply({ ...first!, flags: MessageFlags.Ephemeral });
    return;
  }
  if (LONG_COMMANDS.has(name)) await interaction.deferReply();
  const reply = hilo.answer(line, address, userLang, { caller: { canConfigure }, kind });
  const parts = toParts(reply, hilo.chatLanguage(here, userLang, kind));
  const [first, ...rest] = parts;
  if (interaction.deferred) await interaction.editReply(first!);
  else await interaction.reply({ ...first!, ...(reply?.kind === "error" ? { flags: MessageFlags.Ephemeral } : {}) });
  for (const part of rest) await interaction.followUp(part);
}

async function suggest(interaction: AutocompleteInteraction, hilo: Hilo): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const typed = String(focused.value);
  const choices =
    focused.name === "timezone"
      ? timeZoneChoices(typed, MAX_CHOICES).map((zone) => ({ name: zone, value: zone }))
      : hilo
          .actorChoices(typed, languageOfLocale(interaction.locale), MAX_CHOICES)
          .map((choice) => ({ name: choice.label, value: choice.value }));
  await interaction.respond(
    choices.map((choice) => ({
      name: choice.name.slice(0, MAX_CHOICE_CHARS),
      value: choice.value.slice(0, MAX_CHOICE_CHARS),
    })),
  );
}

/** A question asked by mentioning the bot (needs the Message Content intent): the matching developments, or a plain no. */
async function answerMention(message: Message, hilo: Hilo, log: Logger): Promise<void> {
  const me = message.client.user;
  if (message.author.bot || !message.mentions.users.has(me.id) || message.mentions.everyone) return;
  try {
    const kind = message.inGuild() ? "group" : "private";
    const address: ChatAddress = { platform: PLATFORM, chatId: message.channelId };
    const lang = hilo.chatLanguage(address, languageOfLocale(message.guild?.preferredLocale), kind);
    const question = message.content
      .replace(new RegExp(`<@!?${me.id}>`, "g"), " ")
      .replace(/\s+/g, " ")
      .trim();
    const reply = question ? hilo.ask(question, address, lang, kind) : hilo.answer("/help", address, lang, { kind });
    const [first, ...rest] = toParts(reply, lang);
    await message.reply({ ...first!, allowedMentions: { parse: [], repliedUser: false } });
    for (const part of rest) if (message.channel.isSendable()) await message.channel.send(part);
  } catch (error) {
    log.error("discord mention failed", { chat: message.channelId, command: "question", error: describeError(error) });
  }
}

/** Rendered parts in discord.js's option names; `allowed_mentions` stays empty, so no feed text pings anyone. */
function toParts(
  reply: Reply | undefined,
  lang: Lang,
): {
  content?: string;
  embeds: DiscordMessage["embeds"];
  components?: NonNullable<DiscordMessage["components"]>;
  allowedMentions: { parse: [] };
}[] {
  const rendered = renderReply(reply ?? { kind: "error", text: messagesFor(lang).internalError }, lang);
  return rendered.map((part) => ({
    ...(part.content ? { content: part.content } : {}),
    embeds: part.embeds,
    ...(part.components ? { components: part.components } : {}),
    allowedMentions: { parse: [] },
  }));
}
