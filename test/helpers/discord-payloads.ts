import {
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataOption,
  type APIChannel,
  type APIChatInputApplicationCommandInteraction,
  type APIEmbed,
  type APIGuildMember,
  type APIInteractionDataResolved,
  type APIInteractionDataResolvedChannel,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageComponentButtonInteraction,
  type APIRole,
  type APIThreadChannel,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  EmbedType,
  type GatewayGuildCreateDispatchData,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildVerificationLevel,
  InteractionContextType,
  InteractionType,
  type Locale,
  MessageType,
  PermissionFlagsBits,
  ThreadAutoArchiveDuration,
} from "discord.js";

/**
 * Raw Discord API objects for the local fake, typed against discord-api-types (re-exported by discord.js) so a
 * missing or misnamed field fails the typecheck rather than a test. Only Snowflakes and discordTime read the clock.
 */

// Discord's epoch, 2015-01-01T00:00:00Z; a snowflake's top bits are milliseconds since it.
const DISCORD_EPOCH = 1_420_070_400_000n;

/** Hands out snowflakes that always increase, with the current time in them as Discord's do. */
export class Snowflakes {
  private last = 0n;

  next(): string {
    const fromClock = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
    this.last = fromClock > this.last ? fromClock : this.last + 1n;
    return this.last.toString();
  }
}

/** An empty flag set; Discord's flag enums have no zero member, so TypeScript has to be told 0 is one. */
export const NO_FLAGS = 0 as never;

/** Discord writes times with microseconds and an explicit offset. */
export function discordTime(date = new Date()): string {
  return date.toISOString().replace("Z", "000+00:00");
}

/** What @everyone may do in the fake guild: about Discord's defaults for a new server, nothing admin-like (no ManageGuild). */
export const MEMBER_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.CreateInstantInvite |
  PermissionFlagsBits.ChangeNickname |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.CreatePrivateThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.MentionEveryone |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.Connect |
  PermissionFlagsBits.Speak;

/** What Discord says an app may do in a DM with its bot. */
const DM_APP_PERMISSIONS =
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.MentionEveryone |
  PermissionFlagsBits.UseExternalEmojis;

export function userObject(id: string, username: string, bot = false): APIUser {
  return {
    id,
    username,
    discriminator: "0",
    global_name: bot ? null : username,
    avatar: null,
    ...(bot ? { bot: true } : {}),
    public_flags: NO_FLAGS,
    flags: NO_FLAGS,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
    collectibles: null,
    primary_guild: null,
  };
}

export function memberObject(user: APIUser, joinedAt: string): APIGuildMember {
  return {
    user,
    nick: null,
    avatar: null,
    banner: null,
    roles: [],
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: NO_FLAGS,
    pending: false,
    communication_disabled_until: null,
  };
}

/** A channel the test puts in the fake guild. */
export interface ChannelSpec {
  id: string;
  name: string;
  /** Defaults to a text channel. */
  type?:
    | ChannelType.GuildText
    | ChannelType.GuildAnnouncement
    | ChannelType.GuildVoice
    | ChannelType.GuildCategory
    | ChannelType.GuildForum;
}

export function guildChannel(spec: ChannelSpec, guildId: string, position: number): APIChannel {
  const base = {
    id: spec.id,
    name: spec.name,
    guild_id: guildId,
    position,
    permission_overwrites: [],
    flags: NO_FLAGS,
  };
  const texty = { parent_id: null, nsfw: false, last_message_id: null, rate_limit_per_user: 0 };
  switch (spec.type ?? ChannelType.GuildText) {
    case ChannelType.GuildCategory:
      return { ...base, type: ChannelType.GuildCategory };
    case ChannelType.GuildVoice:
      return { ...base, ...texty, type: ChannelType.GuildVoice, bitrate: 64_000, user_limit: 0, rtc_region: null };
    case ChannelType.GuildForum:
      return {
        ...base,
        type: ChannelType.GuildForum,
        parent_id: null,
        nsfw: false,
        topic: null,
        available_tags: [],
        default_reaction_emoji: null,
        default_sort_order: null,
        default_forum_layout: 0,
      };
    case ChannelType.GuildAnnouncement:
      return { ...base, ...texty, type: ChannelType.GuildAnnouncement, topic: null };
    default:
      return { ...base, ...texty, type: ChannelType.GuildText, topic: null };
  }
}

export function dmChannel(id: string, recipient: APIUser): APIChannel {
  return { id, type: ChannelType.DM, name: null, last_message_id: null, flags: NO_FLAGS, recipients: [recipient] };
}

/** A thread as Discord answers its creation: started from a message, the thread takes that message's id. */
export function threadChannel(options: {
  id: string;
  name: string;
  parent: APIChannel;
  guildId: string;
  ownerId: string;
  autoArchiveMinutes?: ThreadAutoArchiveDuration;
  now: string;
}): APIThreadChannel {
  const type =
    options.parent.type === ChannelType.GuildAnnouncement ? ChannelType.AnnouncementThread : ChannelType.PublicThread;
  return {
    id: options.id,
    type,
    name: options.name,
    guild_id: options.guildId,
    parent_id: options.parent.id,
    owner_id: options.ownerId,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    flags: NO_FLAGS,
    thread_metadata: {
      archived: false,
      auto_archive_duration: options.autoArchiveMinutes ?? ThreadAutoArchiveDuration.OneDay,
      archive_timestamp: options.now,
      locked: false,
      create_timestamp: options.now,
    },
    member: { id: options.id, user_id: options.ownerId, join_timestamp: options.now, flags: NO_FLAGS },
  };
}

/** A message as Discord stores it after a create; `fields` carries what the request set. */
export function messageObject(options: {
  id: string;
  channelId: string;
  author: APIUser;
  now: string;
  fields: Record<string, unknown>;
  extra?: Partial<APIMessage>;
}): APIMessage {
  const fields = options.fields;
  return {
    id: options.id,
    channel_id: options.channelId,
    author: options.author,
    content: typeof fields.content === "string" ? fields.content : "",
    timestamp: options.now,
    edited_timestamp: null,
    tts: fields.tts === true,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: richEmbeds(fields.embeds),
    components: Array.isArray(fields.components) ? (fields.components as never[]) : [],
    pinned: false,
    type: MessageType.Default,
    flags: typeof fields.flags === "number" ? fields.flags : 0,
    ...(fields.message_reference ? { message_reference: fields.message_reference as never } : {}),
    ...options.extra,
  };
}

/** Embeds as Discord stores them: a bot's embeds are all of type "rich". */
export function richEmbeds(embeds: unknown): APIEmbed[] {
  return Array.isArray(embeds) ? (embeds as APIEmbed[]).map((embed) => ({ type: EmbedType.Rich, ...embed })) : [];
}

/** The guild the bot is in, whole, as GUILD_CREATE brings it right after READY. */
export function guildCreatePayload(options: {
  guildId: string;
  name: string;
  locale: Locale;
  ownerId: string;
  channels: APIChannel[];
  members: APIGuildMember[];
  joinedAt: string;
}): GatewayGuildCreateDispatchData {
  const everyone: APIRole = {
    id: options.guildId, // @everyone shares the guild's id
    name: "@everyone",
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: 0,
    permissions: MEMBER_PERMISSIONS.toString(),
    managed: false,
    mentionable: false,
    flags: NO_FLAGS,
  };
  return {
    id: options.guildId,
    name: options.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: options.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: GuildVerificationLevel.Low,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    mfa_level: GuildMFALevel.None,
    nsfw_level: GuildNSFWLevel.Default,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    roles: [everyone],
    emojis: [],
    stickers: [],
    features: [],
    application_id: null,
    system_channel_id: null,
    system_channel_flags: NO_FLAGS,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    preferred_locale: options.locale,
    max_members: 500_000,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    hub_type: null,
    incidents_data: null,
    joined_at: options.joinedAt,
    large: false,
    unavailable: false,
    member_count: options.members.length,
    voice_states: [],
    members: options.members,
    channels: options.channels.filter((channel) => !isThread(channel)) as GatewayGuildCreateDispatchData["channels"],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function isThread(channel: APIChannel): boolean {
  return [ChannelType.PublicThread, ChannelType.PrivateThread, ChannelType.AnnouncementThread].includes(channel.type);
}

/** One option as a test writes it; `type` is guessed from the value when left out. */
export interface CommandOption {
  name: string;
  value?: string | number | boolean;
  type?: ApplicationCommandOptionType;
  focused?: boolean;
  /** For a subcommand or subcommand group. */
  options?: CommandOption[];
}

function toDataOption(option: CommandOption): APIApplicationCommandInteractionDataOption {
  const type = option.type ?? guessOptionType(option.value);
  if (type === ApplicationCommandOptionType.Subcommand || type === ApplicationCommandOptionType.SubcommandGroup) {
    return {
      name: option.name,
      type,
      options: (option.options ?? []).map(toDataOption),
    } as APIApplicationCommandInteractionDataOption;
  }
  return {
    name: option.name,
    type,
    value: option.value,
    ...(option.focused ? { focused: true } : {}),
  } as APIApplicationCommandInteractionDataOption;
}

function guessOptionType(value: CommandOption["value"]): ApplicationCommandOptionType {
  if (typeof value === "boolean") return ApplicationCommandOptionType.Boolean;
  if (typeof value === "number")
    return Number.isInteger(value) ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number;
  return ApplicationCommandOptionType.String;
}

/** Who uses a command and where, as the fake fills it in. */
export interface InteractionSource {
  id: string;
  token: string;
  applicationId: string;
  commandId: string;
  name: string;
  options: CommandOption[];
  user: APIUser;
  locale: Locale;
  /** The channel the command was used in; a DM channel when `guild` is absent. */
  channel: APIChannel;
  guild?: { id: string; locale: Locale; memberPermissions: bigint; joinedAt: string } | undefined;
  appPermissions: bigint;
  /** Channels named by channel options: Discord sends them in `data.resolved`, where discord.js reads them. */
  resolvedChannels?: APIChannel[];
}

/** A raw INTERACTION_CREATE for a slash command (type 2) or its autocomplete (type 4). */
export function commandInteraction(
  source: InteractionSource,
  kind: InteractionType.ApplicationCommand | InteractionType.ApplicationCommandAutocomplete,
): APIChatInputApplicationCommandInteraction | APIApplicationCommandAutocompleteInteraction {
  const where = whereOf(source);
  return {
    id: source.id,
    application_id: source.applicationId,
    type: kind,
    token: source.token,
    version: 1,
    data: {
      id: source.commandId,
      name: source.name,
      type: ApplicationCommandType.ChatInput,
      options: source.options.map(toDataOption),
      ...resolvedOf(source),
    },
    channel: source.channel,
    channel_id: source.channel.id,
    app_permissions: (source.guild ? source.appPermissions : DM_APP_PERMISSIONS).toString(),
    locale: source.locale,
    entitlements: [],
    attachment_size_limit: 10 * 1024 * 1024,
    ...where,
  };
}

/** Who presses a button and on which message, as the fake fills it in. */
export type ButtonSource = Omit<InteractionSource, "commandId" | "name" | "options" | "resolvedChannels"> & {
  customId: string;
  /** The bot's message the button is on. */
  message: APIMessage;
};

/** A raw INTERACTION_CREATE for a button pressed on one of the bot's messages (type 3, component type 2). */
export function buttonInteraction(source: ButtonSource): APIMessageComponentButtonInteraction {
  return {
    id: source.id,
    application_id: source.applicationId,
    type: InteractionType.MessageComponent,
    token: source.token,
    version: 1,
    data: { custom_id: source.customId, component_type: ComponentType.Button },
    message: source.message,
    channel: source.channel,
    channel_id: source.channel.id,
    app_permissions: (source.guild ? source.appPermissions : DM_APP_PERMISSIONS).toString(),
    locale: source.locale,
    entitlements: [],
    attachment_size_limit: 10 * 1024 * 1024,
    ...whereOf(source),
  };
}

/** The guild half of an interaction (guild, member, locale) or the DM half (user), as Discord sends them. */
function whereOf(source: Pick<InteractionSource, "guild" | "user">) {
  return source.guild
    ? {
        guild_id: source.guild.id,
        guild: { id: source.guild.id, locale: source.guild.locale, features: [] },
        guild_locale: source.guild.locale,
        member: guildMember(source.user, source.guild.memberPermissions, source.guild.joinedAt),
        authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: source.guild.id },
        context: InteractionContextType.Guild,
      }
    : {
        user: source.user,
        // Discord says "0" here for an interaction in the bot's own DMs.
        authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: "0" },
        context: InteractionContextType.BotDM,
      };
}

/** `data.resolved` for the channels the options name, as Discord sends it (discord.js reads channel options there). */
function resolvedOf(source: InteractionSource): { resolved: APIInteractionDataResolved } | Record<string, never> {
  const channels = source.resolvedChannels ?? [];
  if (channels.length === 0) return {};
  const entries = channels.map((channel): [string, APIInteractionDataResolvedChannel] => [
    channel.id,
    {
      id: channel.id,
      name: "name" in channel ? (channel.name ?? "") : "",
      type: channel.type,
      permissions: source.appPermissions.toString(),
    } as APIInteractionDataResolvedChannel,
  ]);
  return { resolved: { channels: Object.fromEntries(entries) } };
}

function guildMember(user: APIUser, permissions: bigint, joinedAt: string): APIInteractionGuildMember {
  return { ...memberObject(user, joinedAt), permissions: permissions.toString() };
}
