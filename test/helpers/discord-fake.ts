import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type APIApplicationCommand,
  type APIChannel,
  type APIMessage,
  type APIUser,
  ApplicationCommandOptionType,
  ChannelType,
  type ClientOptions,
  ComponentType,
  GatewayDispatchEvents,
  GatewayIntentBits,
  type GatewayMessageCreateDispatchData,
  InteractionType,
  type Locale,
} from "discord.js";
import { FakeGateway, type GatewayFrame } from "./discord-fake-gateway.js";
import { FakeRest, type RestAnswer, type RestRequest, refusal } from "./discord-fake-rest.js";
import {
  buttonInteraction,
  type ChannelSpec,
  type CommandOption,
  commandInteraction,
  discordTime,
  guildChannel,
  guildCreatePayload,
  MEMBER_PERMISSIONS,
  memberObject,
  messageObject,
  NO_FLAGS,
  Snowflakes,
  userObject,
} from "./discord-payloads.js";

/**
 * A local fake of Discord for tests — test code only, nothing of it ships. One HTTP server on 127.0.0.1 answers
 * a real discord.js Client's REST calls under /api/v10 and upgrades to a gateway WebSocket on the same port, so
 * the client logs in, becomes ready and runs with no internet. Tests drive it from Discord's side (a user runs
 * a slash command, writes a message) and assert on what the bot sent.
 *
 * What it does as Discord does:
 * - Refuses what Discord refuses: messages, webhook messages and interaction replies past Discord's limits
 *   (400 code 50035 with Discord's nested `errors`; buttons included: 5 rows of 5, labels ≤ 80, custom_id ≤ 100
 *   and unique in its message; see discord-fake-components.ts), empty messages (50006), a second answer to one
 *   interaction (40060), unknown channels, messages, interactions and webhooks, a wrong bot token (401 / close 4004).
 *   So a passing test means Discord would have taken what the bot sent.
 * - A user presses a button only if the bot's message shows one with that custom_id (`pressButton`).
 * - Threads started from a message take that message's id; interaction replies become messages that
 *   `editReply` and follow-ups act on; a deferred reply is a "loading" message until it is edited.
 * - Honours the intents the client identified with: no GUILD_CREATE without Guilds, no MESSAGE_CREATE without
 *   GuildMessages / DirectMessages, and empty content without MessageContent unless the bot is mentioned.
 * - Answers what a test scripts instead, once or `times` times: 429s with Discord's rate-limit headers (which
 *   @discordjs/rest obeys and retries), 403s, 404s, 500s.
 *
 * What it deliberately does not emulate:
 * - Real rate limiting: only scripted 429s happen, and their `retry-after` keeps its fraction (Discord rounds up).
 * - Permissions: every call is allowed unless a test scripts a refusal; @everyone's permissions are only shown.
 * - Echoes: Discord would also send the bot MESSAGE_CREATE and THREAD_CREATE for what it did itself; the fake
 *   sends only what the test dispatches.
 * - Interaction time limits (3 s to answer, 15 min per token), attachments' contents, select menus and
 *   Components V2, disabling a pressed button, polls,
 *   sharding beyond recording the shard each IDENTIFY names, resuming after a lost connection beyond a bare RESUMED, and gateway compression: discord.js
 *   asks for zlib-stream only when the optional `zlib-sync` package is installed; it is not, and if it were
 *   the fake would refuse the connection saying why (close 4012; see `gatewayProblems`, also in `waitFor`'s timeout).
 */

export const FAKE_APP_ID = "1300000000000000001";
/** For apps made since 2016 the bot user shares the application's id. */
export const FAKE_BOT_ID = FAKE_APP_ID;
/** Discord's shape of a bot token (base64 user id . time . hmac), plainly fake. */
export const FAKE_TOKEN = `${Buffer.from(FAKE_BOT_ID).toString("base64url")}.GfAkE0.local-discord-fake-not-a-real-token`;
export const FAKE_GUILD_ID = "1200000000000000001";
export const FAKE_CHANNEL_ID = "1200000000000000002";

// Bounds every wait in a test, so a bot that never answers fails the test instead of hanging it.
const WAIT_MS = 5_000;

export interface DiscordFakeOptions {
  /** The port to listen on (a free one when left out). */
  port?: number;
  guildId?: string;
  /** The guild's channels; a text channel FAKE_CHANNEL_ID named "general" when left out. */
  channels?: ChannelSpec[];
  botUserId?: string;
  applicationId?: string;
  botName?: string;
  guildLocale?: `${Locale}`;
}

/** One REST call the bot made, with Discord's (or the script's) answer. */
export interface RecordedRequest extends Omit<RestRequest, "authorization"> {
  status: number;
  answer: unknown;
  scripted: boolean;
}

/** Someone in Discord: the person using a command or writing a message. */
export interface FakeUser {
  id: string;
  username: string;
}

export interface SlashCommandOptions {
  name: string;
  options?: CommandOption[];
  user?: FakeUser;
  locale?: `${Locale}`;
  /** false: used in the bot's DMs. Default true. */
  guild?: boolean;
  channelId?: string | undefined;
  /** The member's permissions in the channel; default a plain member (no ManageGuild). */
  memberPermissions?: bigint | string;
}

/** An interaction the fake dispatched; find its answers with `callbacksFor(id)` and `originalReply(id)`. */
export interface SentInteraction {
  id: string;
  token: string;
  payload: unknown;
}

export interface InteractionCallback {
  type: number;
  data: any;
  status: number;
}

export interface ButtonPressOptions {
  /** The bot's message the button is on, as the fake holds it (`originalReply`, `followUpsTo`, `messagesIn`). */
  message: APIMessage;
  customId: string;
  user?: FakeUser;
  locale?: `${Locale}`;
  /** The member's permissions in the channel; default a plain member (no ManageGuild). */
  memberPermissions?: bigint | string;
}

export interface MessageCreateOptions {
  content: string;
  channelId?: string | undefined;
  author?: FakeUser;
  /** Puts `<@bot>` in front of the content (unless it is there) and the bot in `mentions`, as Discord derives them. */
  mentionsBot?: boolean;
  /** Written in a DM to the bot (opened if need be); discord.js needs `partials: [Partials.Channel]` to see it. */
  dm?: boolean;
}

export interface RateLimitOptions {
  /** Keep it small (≤ 0.1) in tests; @discordjs/rest adds its 50 ms offset on top. */
  retryAfterSeconds?: number;
  times?: number;
  scope?: "user" | "global" | "shared";
}

type CommandInteractionType = InteractionType.ApplicationCommand | InteractionType.ApplicationCommandAutocomplete;

const DEFAULT_USER: FakeUser = { id: "1400000000000000001", username: "ana" };

export class DiscordFake {
  readonly requests: RecordedRequest[] = [];
  readonly bot: APIUser;
  readonly applicationId: string;
  readonly guildId: string;
  private readonly rest: FakeRest;
  private readonly gateway: FakeGateway;
  private readonly events = new EventEmitter();
  private readonly scripted: { method: string; path: RegExp; answer: RestAnswer; times: number }[] = [];
  private readonly ids = new Snowflakes();
  private readonly joinedAt = discordTime();
  private readonly guildLocale: `${Locale}`;
  private readonly guildName = "Hilo test server";

  private constructor(
    private readonly server: Server,
    /** The REST root for discord.js's `rest.api` option. */
    readonly apiRoot: string,
    readonly gatewayUrl: string,
    options: DiscordFakeOptions,
  ) {
    this.events.setMaxListeners(100);
    this.guildId = options.guildId ?? FAKE_GUILD_ID;
    this.applicationId = options.applicationId ?? FAKE_APP_ID;
    this.guildLocale = options.guildLocale ?? "en-US";
    this.bot = userObject(options.botUserId ?? FAKE_BOT_ID, options.botName ?? "Hilo", true);
    this.rest = new FakeRest(this.ids, this.bot, this.applicationId, this.guildId, FAKE_TOKEN, gatewayUrl);
    const specs = options.channels ?? [{ id: FAKE_CHANNEL_ID, name: "general" }];
    specs.forEach((spec, position) => {
      this.rest.channels.set(spec.id, guildChannel(spec, this.guildId, position));
    });
    this.gateway = new FakeGateway(
      {
        token: FAKE_TOKEN,
        ready: (sessionId) => ({
          v: 10,
          user: { ...this.bot, verified: true, mfa_enabled: false },
          guilds: [{ id: this.guildId, unavailable: true }],
          session_id: sessionId,
          resume_gateway_url: this.gatewayUrl,
          shard: [0, 1],
          application: { id: this.applicationId, flags: NO_FLAGS, flags_new: "0" },
        }),
        guildCreate: () =>
          guildCreatePayload({
            guildId: this.guildId,
            name: this.guildName,
            locale: this.guildLocale as Locale,
            ownerId: DEFAULT_USER.id,
            channels: [...this.rest.channels.values()].filter((channel) => "guild_id" in channel),
            members: this.members(),
            joinedAt: this.joinedAt,
          }),
        members: () => this.members(),
      },
      () => this.events.emit("change"),
    );
  }

  /** Starts the fake on a free port of 127.0.0.1. */
  static async start(options: DiscordFakeOptions = {}): Promise<DiscordFake> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new DiscordFake(server, `http://127.0.0.1:${port}/api`, `ws://127.0.0.1:${port}`, options);
    server.on("request", (req, res) => fake.serve(req, res));
    server.on("upgrade", (req, socket, head) => fake.gateway.upgrade(req, socket, head));
    return fake;
  }

  /** Drops every socket and stops listening; destroy the client first, or it will try to reconnect. */
  async close(): Promise<void> {
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `times` requests matching `method` and `path` (without /api/v10) get this answer instead. */
  script(
    match: { method: string; path: RegExp },
    answer: RestAnswer,
    options: { times?: number | undefined } = {},
  ): void {
    this.scripted.push({ method: match.method.toUpperCase(), path: match.path, answer, times: options.times ?? 1 });
  }

  /** The next `times` matching requests get a 429 that @discordjs/rest waits out and retries. */
  rateLimitNext(method: string, path: RegExp, options: RateLimitOptions = {}): void {
    this.script({ method, path }, refusal.rateLimited(options.retryAfterSeconds ?? 0.05, options.scope), {
      times: options.times,
    });
  }

  /** Sends a gateway event to the connected client as Discord would. */
  dispatch(t: string, d: unknown): void {
    this.gateway.dispatch(t, d);
  }

  /** A user runs a slash command (INTERACTION_CREATE type 2). */
  slashCommand(options: SlashCommandOptions): SentInteraction {
    return this.sendInteraction(options, InteractionType.ApplicationCommand);
  }

  /** A user types into an option with autocomplete (type 4); mark that option `focused`. */
  autocomplete(options: SlashCommandOptions): SentInteraction {
    return this.sendInteraction(options, InteractionType.ApplicationCommandAutocomplete);
  }

  /**
   * A user presses a button on one of the bot's messages (INTERACTION_CREATE type 3). Throws when the message shows
   * no enabled button with that custom_id: Discord would have nothing to press.
   */
  pressButton(options: ButtonPressOptions): SentInteraction {
    const { message, customId } = options;
    const buttons = (message.components ?? []).flatMap((row) =>
      row.type === ComponentType.ActionRow ? row.components : [],
    );
    const button = buttons.find((b) => b.type === ComponentType.Button && "custom_id" in b && b.custom_id === customId);
    if (!button || button.disabled) {
      throw new Error(`message ${message.id} shows no button with custom_id ${JSON.stringify(customId)}`);
    }
    const person = options.user ?? DEFAULT_USER;
    const user = userObject(person.id, person.username);
    const channel = this.channelOrThrow(message.channel_id);
    const inGuild = channel.type !== ChannelType.DM;
    const id = this.ids.next();
    const token = `fake-interaction-token-${id}`;
    const payload = buttonInteraction({
      id,
      token,
      applicationId: this.applicationId,
      customId,
      message,
      user,
      locale: (options.locale ?? "en-US") as Locale,
      channel,
      guild: inGuild
        ? {
            id: this.guildId,
            locale: this.guildLocale as Locale,
            memberPermissions: BigInt(options.memberPermissions ?? MEMBER_PERMISSIONS),
            joinedAt: this.joinedAt,
          }
        : undefined,
      appPermissions: MEMBER_PERMISSIONS,
    });
    this.rest.interactions.set(id, {
      id,
      token,
      type: InteractionType.MessageComponent,
      channelId: channel.id,
      user,
      inGuild,
      acknowledged: false,
      interactedMessageId: message.id,
      followUps: [],
    });
    this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return { id, token, payload };
  }

  /** A user writes a message; delivered only if the client's intents ask for it, as Discord does. */
  messageCreate(options: MessageCreateOptions): { message: APIMessage; delivered: boolean } {
    const author = userObject((options.author ?? DEFAULT_USER).id, (options.author ?? DEFAULT_USER).username);
    const channel = options.dm
      ? this.rest.openDm(author.id, author)
      : this.channelOrThrow(options.channelId ?? FAKE_CHANNEL_ID);
    const mention = `<@${this.bot.id}>`;
    const content =
      options.mentionsBot && !options.content.includes(mention) ? `${mention} ${options.content}` : options.content;
    const message = messageObject({
      id: this.ids.next(),
      channelId: channel.id,
      author,
      now: discordTime(),
      fields: { content },
      extra: { mentions: content.includes(mention) ? [this.bot] : [] },
    });
    this.rest.store(channel.id, message);
    const inGuild = channel.type !== ChannelType.DM;
    const intents = this.gateway.intents ?? 0;
    const delivered = Boolean(intents & (inGuild ? GatewayIntentBits.GuildMessages : GatewayIntentBits.DirectMessages));
    if (!delivered) return { message, delivered };
    // Without MessageContent Discord blanks what a user wrote, unless it mentions the bot or is a DM.
    const readable = intents & GatewayIntentBits.MessageContent || !inGuild || message.mentions.length > 0;
    const event: GatewayMessageCreateDispatchData = {
      ...message,
      ...(readable ? {} : { content: "", embeds: [], attachments: [], components: [] }),
      // channel_type is how discord.js builds a DM channel it has never seen (with Partials.Channel).
      channel_type: channel.type as NonNullable<GatewayMessageCreateDispatchData["channel_type"]>,
      ...(inGuild ? { guild_id: this.guildId, member: withoutUser(memberObject(author, this.joinedAt)) } : {}),
    };
    this.dispatch(GatewayDispatchEvents.MessageCreate, event);
    return { message, delivered };
  }

  /**
   * Resolves with the first truthy value of `check`, looked at now and after every request and gateway frame;
   * rejects after `timeoutMs` with what the bot did meanwhile.
   */
  waitFor<T>(check: () => T | undefined | null | false, what: string, timeoutMs = WAIT_MS): Promise<T> {
    return new Promise((resolve, reject) => {
      const look = () => {
        try {
          const value = check();
          if (!value) return;
          cleanup();
          resolve(value);
        } catch (error) {
          cleanup();
          reject(error as Error);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; ${this.recentActivity()}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.events.off("change", look);
      };
      this.events.on("change", look);
      look();
    });
  }

  /** Every answer the bot gave to one interaction (callback route), in order, refused ones included. */
  callbacksFor(interactionId: string): InteractionCallback[] {
    return this.requestsTo("POST", new RegExp(`^/interactions/${interactionId}/[^/]+/callback$`)).map((request) => ({
      type: request.body?.type,
      data: request.body?.data,
      status: request.status,
    }));
  }

  /** The reply message of an interaction as it stands now (after edits), if the bot replied or deferred. */
  originalReply(interactionId: string): APIMessage | undefined {
    return this.rest.interactions.get(interactionId)?.original;
  }

  followUpsTo(interactionId: string): APIMessage[] {
    return this.rest.interactions.get(interactionId)?.followUps ?? [];
  }

  /** What the bot posted in a channel or thread through POST /channels/:id/messages, in order, as edited since. */
  messagesIn(channelId: string): APIMessage[] {
    return (this.rest.messages.get(channelId) ?? []).filter((message) => message.author.id === this.bot.id);
  }

  requestsTo(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method.toUpperCase() && path.test(request.path));
  }

  /** A channel or thread from the fake's table. */
  channel(id: string): APIChannel | undefined {
    return this.rest.channels.get(id);
  }

  /** Commands the bot registered, globally or in one guild. */
  registeredCommands(guildId?: string): APIApplicationCommand[] {
    return this.rest.commands.get(guildId ?? "global") ?? [];
  }

  get frames(): readonly GatewayFrame[] {
    return this.gateway.frames;
  }

  /** Gateway connections the fake refused because it cannot serve them (compression, another version). */
  /** The shard each client's IDENTIFY named ([id, count]), in order: replicas splitting the gateway. */
  get identifiedShards(): readonly ([number, number] | undefined)[] {
    return this.gateway.shards;
  }

  get gatewayProblems(): readonly string[] {
    return this.gateway.problems;
  }

  private sendInteraction(options: SlashCommandOptions, kind: CommandInteractionType): SentInteraction {
    const person = options.user ?? DEFAULT_USER;
    const user = userObject(person.id, person.username);
    const inGuild = options.guild ?? true;
    if (kind === InteractionType.ApplicationCommandAutocomplete && !hasFocused(options.options ?? [])) {
      throw new Error("an autocomplete interaction needs one option with focused: true, the one the user is typing in");
    }
    const channel = inGuild
      ? this.channelOrThrow(options.channelId ?? FAKE_CHANNEL_ID)
      : this.rest.openDm(user.id, user);
    const id = this.ids.next();
    const token = `fake-interaction-token-${id}`;
    const payload = commandInteraction(
      {
        id,
        token,
        applicationId: this.applicationId,
        commandId: this.registeredCommands().find((command) => command.name === options.name)?.id ?? this.ids.next(),
        name: options.name,
        options: options.options ?? [],
        user,
        locale: (options.locale ?? "en-US") as Locale,
        channel,
        guild: inGuild
          ? {
              id: this.guildId,
              locale: this.guildLocale as Locale,
              memberPermissions: BigInt(options.memberPermissions ?? MEMBER_PERMISSIONS),
              joinedAt: this.joinedAt,
            }
          : undefined,
        appPermissions: MEMBER_PERMISSIONS,
        resolvedChannels: (options.options ?? [])
          .filter((option) => option.type === ApplicationCommandOptionType.Channel)
          .map((option) => this.channelOrThrow(String(option.value))),
      },
      kind,
    );
    this.rest.interactions.set(id, {
      id,
      token,
      type: kind,
      channelId: channel.id,
      user,
      inGuild,
      acknowledged: false,
      followUps: [],
    });
    this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return { id, token, payload };
  }

  private channelOrThrow(id: string): APIChannel {
    const channel = this.rest.channels.get(id);
    if (!channel) throw new Error(`the fake has no channel ${id}; pass it in DiscordFake.start({ channels })`);
    return channel;
  }

  private members() {
    return [memberObject(this.bot, this.joinedAt)];
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    this.handle(req).then(
      (answer) => {
        if (res.destroyed) return;
        if (answer.body === undefined) res.writeHead(answer.status, answer.headers).end();
        else
          res
            .writeHead(answer.status, { ...answer.headers, "content-type": "application/json" })
            .end(JSON.stringify(answer.body));
      },
      (error: unknown) => {
        if (!res.destroyed)
          res.writeHead(500, { "content-type": "text/plain" }).end(`the Discord fake failed: ${String(error)}`);
      },
    );
  }

  private async handle(req: IncomingMessage): Promise<RestAnswer> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    const read = await readBody(req).catch(() => undefined);
    // Routes come percent-encoded ("/messages/%40original"); tests and routes read them plain.
    const pathname = decodeURIComponent(url.pathname);
    const path = pathname.startsWith("/api/v10/") ? pathname.slice("/api/v10".length) : pathname;
    const request: RestRequest = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body: read?.body,
      files: read?.files ?? [],
      authorization: req.headers.authorization,
    };
    const scripted = this.takeScripted(method, path);
    const answer =
      scripted ??
      (!read
        ? { status: 400, body: { message: "The request body contains invalid JSON.", code: 50109 } }
        : path === pathname
          ? { status: 404, body: { message: "404: Not Found", code: 0 } }
          : this.rest.answer(request));
    const { authorization: _, ...seen } = request;
    this.requests.push({ ...seen, status: answer.status, answer: answer.body, scripted: Boolean(scripted) });
    this.events.emit("change");
    return answer;
  }

  private takeScripted(method: string, path: string): RestAnswer | undefined {
    const index = this.scripted.findIndex((s) => s.method === method && s.path.test(path));
    const scripted = this.scripted[index];
    if (!scripted) return undefined;
    scripted.times -= 1;
    if (scripted.times <= 0) this.scripted.splice(index, 1);
    return scripted.answer;
  }

  private recentActivity(): string {
    const calls = this.requests.slice(-15).map((r) => `${r.method} ${r.path} → ${r.status}`);
    const gateway = this.gateway.frames
      .slice(-10)
      .map((f) => `${f.from === "fake" ? "→" : "←"} op ${f.op}${f.t ? ` ${f.t}` : ""}`);
    const problems = this.gateway.problems.map((p) => `gateway problem: ${p}`);
    return [
      `the bot called: ${calls.join(", ") || "nothing"}`,
      `gateway: ${gateway.join(", ") || "no frames"}`,
      ...problems,
    ].join("; ");
  }
}

/** The part of discord.js's ClientOptions that points a Client at the fake; spread it into `new Client({...})`. */
export function fakeClientOptions(fake: DiscordFake): Pick<ClientOptions, "rest"> {
  // Nothing else is needed: the gateway URL comes from GET /gateway/bot, and discord.js asks for no compression
  // unless zlib-sync is installed (there is no client option to turn it off; see the note at the top).
  return { rest: { api: fake.apiRoot } };
}

export type { GatewayFrame } from "./discord-fake-gateway.js";
export { type RestAnswer, refusal } from "./discord-fake-rest.js";
export type { ChannelSpec, CommandOption } from "./discord-payloads.js";

function hasFocused(options: CommandOption[]): boolean {
  return options.some((option) => option.focused || hasFocused(option.options ?? []));
}

function withoutUser<T extends { user: unknown }>(member: T): Omit<T, "user"> {
  const { user: _, ...rest } = member;
  return rest;
}

async function readBody(req: IncomingMessage): Promise<{ body: any; files: string[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = req.headers["content-type"] ?? "";
  if (raw.length === 0) return { body: undefined, files: [] };
  if (type.startsWith("multipart/form-data")) {
    // Files go as multipart: the JSON rides in a part called payload_json, files in files[n].
    const form = await new Response(raw, { headers: { "content-type": type } }).formData();
    const files = [...form.values()].flatMap((value) => (typeof value === "string" ? [] : [value.name]));
    const json = form.get("payload_json");
    return { body: typeof json === "string" ? JSON.parse(json) : undefined, files };
  }
  return { body: JSON.parse(raw.toString("utf8")), files: [] };
}
