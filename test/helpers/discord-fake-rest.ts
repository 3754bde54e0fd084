import {
  type APIApplication,
  type APIApplicationCommand,
  type APIChannel,
  type APIGatewayBotInfo,
  type APIMessage,
  type APIUser,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  type RESTPostAPIInteractionCallbackWithResponseResult,
} from "discord.js";
import { componentProblems, mergeFormErrors } from "./discord-fake-components.js";
import {
  choicesProblems,
  commandProblems,
  type FormErrors,
  isEmptyMessage,
  messageProblems as textProblems,
  threadNameProblems,
} from "./discord-limits.js";
import {
  discordTime,
  dmChannel,
  messageObject,
  NO_FLAGS,
  richEmbeds,
  type Snowflakes,
  threadChannel,
  userObject,
} from "./discord-payloads.js";

/**
 * The REST half of the local Discord fake: a table of channels, messages and interactions, and the routes a
 * discord.js bot calls, answered from that table the way Discord answers them. No I/O here; discord-fake.ts
 * owns the server and the recording.
 */

/** A REST call as the fake saw it; `path` is without /api/v10, `body` is the JSON (or a multipart's payload_json). */
export interface RestRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: any;
  files: string[];
  authorization: string | undefined;
}

export interface RestAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

function discordError(status: number, code: number, message: string, errors?: FormErrors): RestAnswer {
  return { status, body: errors ? { message, code, errors } : { message, code } };
}

const invalidFormBody = (errors: FormErrors) => discordError(400, 50035, "Invalid Form Body", errors);

/** Everything Discord checks in a message body's texts, embeds and buttons, reported together as Discord does. */
function messageProblems(body: Record<string, unknown>, options: { prefix?: string[] } = {}): FormErrors | undefined {
  return mergeFormErrors(textProblems(body, options), componentProblems(body, options));
}

/** Discord's refusals, worded as it words them, for `fake.script(...)`. */
export const refusal = {
  /** A 429 as Discord sends it; @discordjs/rest waits for `retry-after` (seconds) and tries again. */
  rateLimited(retryAfterSeconds = 0.05, scope: "user" | "global" | "shared" = "user"): RestAnswer {
    const seconds = String(retryAfterSeconds);
    // Discord rounds the header up to whole seconds; the fake keeps the fraction so tests stay fast.
    const headers: Record<string, string> =
      scope === "global"
        ? { "retry-after": seconds, "x-ratelimit-global": "true", "x-ratelimit-scope": "global" }
        : {
            "retry-after": seconds,
            "x-ratelimit-limit": "5",
            "x-ratelimit-remaining": "0",
            "x-ratelimit-reset": String(Date.now() / 1000 + retryAfterSeconds),
            "x-ratelimit-reset-after": seconds,
            "x-ratelimit-bucket": "fake-bucket",
            "x-ratelimit-scope": scope,
          };
    return {
      status: 429,
      headers,
      body: { message: "You are being rate limited.", retry_after: retryAfterSeconds, global: scope === "global" },
    };
  },
  missingPermissions: () => discordError(403, 50013, "Missing Permissions"),
  missingAccess: () => discordError(403, 50001, "Missing Access"),
  unknownChannel: () => discordError(404, 10003, "Unknown Channel"),
  unknownMessage: () => discordError(404, 10008, "Unknown Message"),
  /** @discordjs/rest retries a 5xx up to `rest.retries` (3) times before it throws, so script it 4 times to see the error. */
  serverError: () => discordError(500, 0, "500: Internal Server Error"),
};

/** What the fake remembers of one interaction it dispatched. */
export interface InteractionState {
  id: string;
  token: string;
  type: number;
  channelId: string;
  user: APIUser;
  inGuild: boolean;
  acknowledged: boolean;
  /** For a button press: the message the button is on. */
  interactedMessageId?: string;
  original?: APIMessage;
  followUps: APIMessage[];
}

type Handler = (request: RestRequest, params: Record<string, string>) => RestAnswer;
type Route = [method: string, path: RegExp, handle: Handler];

/** "POST /channels/:channel/messages" → a route whose `:names` come to the handler as params. */
function route(template: string, handle: Handler): Route {
  const [method = "", path = ""] = template.split(" ");
  return [method, new RegExp(`^${path.replace(/:(\w+)/g, "(?<$1>[^/]+)")}$`), handle];
}

export class FakeRest {
  readonly channels = new Map<string, APIChannel>();
  /** Messages created through POST /channels/:id/messages (and edited since), by channel, in order. */
  readonly messages = new Map<string, APIMessage[]>();
  readonly interactions = new Map<string, InteractionState>();
  readonly commands = new Map<string, APIApplicationCommand[]>(); // "global" or a guild id → registered commands
  private readonly routes: Route[];

  constructor(
    readonly ids: Snowflakes,
    readonly bot: APIUser,
    readonly applicationId: string,
    readonly guildId: string,
    readonly token: string,
    readonly gatewayUrl: string,
  ) {
    const webhookMessage = "/webhooks/:app/:token/messages/:message"; // :message is an id or "@original"
    this.routes = [
      route("GET /gateway", () => ok({ url: this.gatewayUrl })),
      route("GET /gateway/bot", () => ok(this.gatewayBot())),
      route("GET /users/@me", () => ok(this.bot)),
      route("GET /applications/@me", () => ok(this.application())),
      route("POST /users/@me/channels", (req) => ok(this.openDm(String(req.body?.recipient_id)))),
      route("GET /channels/:channel", (_, p) => this.withChannel(p, (channel) => ok(channel))),
      route("POST /channels/:channel/typing", (_, p) => this.withChannel(p, () => noContent())),
      route("POST /channels/:channel/messages", (req, p) =>
        this.withChannel(p, (channel) => this.createMessage(channel, req)),
      ),
      route("GET /channels/:channel/messages/:message", (_, p) => this.withMessage(p, (message) => ok(message))),
      route("PATCH /channels/:channel/messages/:message", (req, p) =>
        this.withMessage(p, (message) => this.editMessage(message, req)),
      ),
      route("DELETE /channels/:channel/messages/:message", (_, p) =>
        this.withMessage(p, (message) => this.deleteMessage(message)),
      ),
      route("POST /channels/:channel/messages/:message/threads", (req, p) =>
        this.withMessage(p, (message) => this.startThread(req, message)),
      ),
      route("POST /channels/:channel/threads", (req, p) =>
        this.withChannel(p, (channel) => this.startThread(req, undefined, channel)),
      ),
      route("POST /interactions/:id/:token/callback", (req, p) => this.interactionCallback(req, p)),
      route("POST /webhooks/:app/:token", (req, p) => this.withWebhook(p, (state) => this.followUp(state, req))),
      route(`GET ${webhookMessage}`, (_, p) => this.withWebhookMessage(p, (_, message) => ok(message))),
      route(`PATCH ${webhookMessage}`, (req, p) =>
        this.withWebhookMessage(p, (_, message) => this.editMessage(message, req)),
      ),
      route(`DELETE ${webhookMessage}`, (_, p) =>
        this.withWebhookMessage(p, (state, message) => this.deleteWebhookMessage(state, message)),
      ),
      route("GET /applications/:app/commands", (_, p) => this.withApp(p, () => ok(this.commands.get("global") ?? []))),
      route("GET /applications/:app/guilds/:guild/commands", (_, p) =>
        this.withApp(p, () => ok(this.commands.get(p.guild!) ?? [])),
      ),
      route("PUT /applications/:app/commands", (req, p) =>
        this.withApp(p, () => this.overwriteCommands(req, undefined)),
      ),
      route("PUT /applications/:app/guilds/:guild/commands", (req, p) =>
        this.withApp(p, () => this.overwriteCommands(req, p.guild)),
      ),
    ];
  }

  /** Discord's answer to one request (scripted answers are the caller's business). */
  answer(request: RestRequest): RestAnswer {
    // Interaction callbacks and webhook routes go out without the bot token; everything else needs it.
    const tokenless = /^\/(interactions|webhooks)\//.test(request.path);
    if (!tokenless && request.authorization !== `Bot ${this.token}`) return discordError(401, 0, "401: Unauthorized");
    for (const [method, pattern, handle] of this.routes) {
      const match = method === request.method ? pattern.exec(request.path) : null;
      if (match) return handle(request, { ...match.groups });
    }
    return discordError(404, 0, "404: Not Found");
  }

  private gatewayBot(): APIGatewayBotInfo {
    // reset_after is in milliseconds; @discordjs/ws caches this answer that long.
    return {
      url: this.gatewayUrl,
      shards: 1,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
    };
  }

  private application(): APIApplication {
    return {
      id: this.applicationId,
      name: this.bot.username,
      icon: null,
      description: "",
      summary: "",
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: "0".repeat(64),
      team: null,
      flags: NO_FLAGS,
      flags_new: "0",
      bot: this.bot,
    };
  }

  /** The DM channel with a user, opened on first use as Discord does; one per user. */
  openDm(userId: string, user: APIUser = userObject(userId, `user-${userId}`)): APIChannel {
    for (const channel of this.channels.values()) {
      if (channel.type === ChannelType.DM && channel.recipients?.[0]?.id === userId) return channel;
    }
    const channel = dmChannel(this.ids.next(), user);
    this.channels.set(channel.id, channel);
    return channel;
  }

  private withChannel(params: Record<string, string>, then: (channel: APIChannel) => RestAnswer): RestAnswer {
    const channel = this.channels.get(params.channel ?? "");
    return channel ? then(channel) : refusal.unknownChannel();
  }

  private withMessage(params: Record<string, string>, then: (message: APIMessage) => RestAnswer): RestAnswer {
    return this.withChannel(params, (channel) => {
      const message = this.messages.get(channel.id)?.find((m) => m.id === params.message);
      return message ? then(message) : refusal.unknownMessage();
    });
  }

  private createMessage(channel: APIChannel, request: RestRequest): RestAnswer {
    const body = request.body ?? {};
    if (isEmptyMessage(body, request.files.length > 0)) return discordError(400, 50006, "Cannot send an empty message");
    const problems = messageProblems(body);
    if (problems) return invalidFormBody(problems);
    const message = messageObject({
      id: this.ids.next(),
      channelId: channel.id,
      author: this.bot,
      now: discordTime(),
      fields: body,
    });
    this.store(channel.id, message);
    return ok(message);
  }

  /** Keeps a message in its channel's list; public because the fake keeps the messages users write here too. */
  store(channelId: string, message: APIMessage): void {
    const list = this.messages.get(channelId) ?? [];
    list.push(message);
    this.messages.set(channelId, list);
    const channel = this.channels.get(channelId);
    if (channel && "last_message_id" in channel) channel.last_message_id = message.id;
  }

  private editMessage(message: APIMessage, request: RestRequest): RestAnswer {
    if (message.author.id !== this.bot.id)
      return discordError(403, 50005, "Cannot edit a message authored by another user");
    const body = request.body ?? {};
    const problems = messageProblems(body);
    if (problems) return invalidFormBody(problems);
    if ("content" in body) message.content = body.content ?? "";
    if ("embeds" in body) message.embeds = richEmbeds(body.embeds);
    if ("components" in body) message.components = body.components ?? [];
    message.edited_timestamp = discordTime();
    // An edit ends the "thinking…" state of a deferred reply.
    message.flags = (message.flags ?? 0) & ~MessageFlags.Loading;
    return ok(message);
  }

  private deleteMessage(message: APIMessage): RestAnswer {
    const list = this.messages.get(message.channel_id) ?? [];
    list.splice(list.indexOf(message), 1);
    return noContent();
  }

  private startThread(
    request: RestRequest,
    message: APIMessage | undefined,
    channel = this.channels.get(message?.channel_id ?? ""),
  ): RestAnswer {
    const problems = threadNameProblems(request.body?.name);
    if (problems) return invalidFormBody(problems);
    if (!channel || ![ChannelType.GuildText, ChannelType.GuildAnnouncement].includes(channel.type)) {
      return discordError(400, 50024, "Cannot execute action on this channel type");
    }
    if (message?.thread) return discordError(400, 160004, "A thread has already been created for this message");
    const thread = threadChannel({
      id: message?.id ?? this.ids.next(), // Discord gives a thread started from a message that message's id
      name: request.body.name,
      parent: channel,
      guildId: this.guildId,
      ownerId: this.bot.id,
      autoArchiveMinutes: request.body.auto_archive_duration,
      now: discordTime(),
    });
    if (!message && request.body.type === ChannelType.PrivateThread) thread.type = ChannelType.PrivateThread;
    this.channels.set(thread.id, thread);
    if (message) message.thread = thread;
    return { status: 201, body: thread };
  }

  private interactionCallback(request: RestRequest, params: Record<string, string>): RestAnswer {
    const state = this.interactions.get(params.id ?? "");
    if (!state || state.token !== params.token) return discordError(404, 10062, "Unknown interaction");
    if (state.acknowledged) return discordError(400, 40060, "Interaction has already been acknowledged.");
    const type = request.body?.type;
    const data = request.body?.data ?? {};
    if (type === InteractionResponseType.ChannelMessageWithSource) {
      if (isEmptyMessage(data, request.files.length > 0))
        return discordError(400, 50006, "Cannot send an empty message");
      const problems = messageProblems(data, { prefix: ["data"] });
      if (problems) return invalidFormBody(problems);
      state.original = this.replyMessage(state, data);
    } else if (type === InteractionResponseType.DeferredChannelMessageWithSource) {
      state.original = this.replyMessage(state, { flags: (data.flags ?? 0) | MessageFlags.Loading });
    } else if (type === InteractionResponseType.ApplicationCommandAutocompleteResult) {
      const problems = choicesProblems(data);
      if (problems) return invalidFormBody(problems);
    }
    state.acknowledged = true;
    if (request.query.with_response !== "true") return noContent();
    const answer: RESTPostAPIInteractionCallbackWithResponseResult = {
      interaction: {
        id: state.id,
        type: state.type,
        ...(state.original
          ? {
              response_message_id: state.original.id,
              response_message_loading: Boolean((state.original.flags ?? 0) & MessageFlags.Loading),
              response_message_ephemeral: Boolean((state.original.flags ?? 0) & MessageFlags.Ephemeral),
            }
          : {}),
      },
      resource: { type, ...(state.original ? { message: state.original } : {}) },
    };
    return ok(answer);
  }

  private replyMessage(state: InteractionState, fields: Record<string, unknown>): APIMessage {
    return messageObject({
      id: this.ids.next(),
      channelId: state.channelId,
      author: this.bot,
      now: discordTime(),
      fields,
      extra: {
        type: MessageType.ChatInputCommand,
        webhook_id: this.applicationId,
        application_id: this.applicationId,
        interaction_metadata: {
          id: state.id,
          user: state.user,
          authorizing_integration_owners: {
            [ApplicationIntegrationType.GuildInstall]: state.inGuild ? this.guildId : "0",
          },
          ...(state.interactedMessageId !== undefined
            ? { type: InteractionType.MessageComponent, interacted_message_id: state.interactedMessageId }
            : { type: InteractionType.ApplicationCommand }),
        },
      },
    });
  }

  private withWebhook(params: Record<string, string>, then: (state: InteractionState) => RestAnswer): RestAnswer {
    const state = [...this.interactions.values()].find((s) => s.token === params.token);
    if (!state || params.app !== this.applicationId || !state.acknowledged)
      return discordError(404, 10015, "Unknown Webhook");
    return then(state);
  }

  private withWebhookMessage(
    params: Record<string, string>,
    then: (state: InteractionState, message: APIMessage) => RestAnswer,
  ): RestAnswer {
    return this.withWebhook(params, (state) => {
      const message =
        params.message === "@original" ? state.original : state.followUps.find((m) => m.id === params.message);
      return message ? then(state, message) : refusal.unknownMessage();
    });
  }

  private followUp(state: InteractionState, request: RestRequest): RestAnswer {
    const body = request.body ?? {};
    if (isEmptyMessage(body, request.files.length > 0)) return discordError(400, 50006, "Cannot send an empty message");
    const problems = messageProblems(body);
    if (problems) return invalidFormBody(problems);
    const message = this.replyMessage(state, body);
    state.followUps.push(message);
    // Without ?wait=true Discord answers 204 and the caller never sees the message; discord.js always waits.
    return request.query.wait === "true" ? ok(message) : noContent();
  }

  private deleteWebhookMessage(state: InteractionState, message: APIMessage): RestAnswer {
    if (message === state.original) delete state.original;
    else state.followUps.splice(state.followUps.indexOf(message), 1);
    return noContent();
  }

  private withApp(params: Record<string, string>, then: () => RestAnswer): RestAnswer {
    if (params.app !== this.applicationId) return discordError(403, 50001, "Missing Access");
    if (params.guild && params.guild !== this.guildId) return discordError(403, 50001, "Missing Access");
    return then();
  }

  private overwriteCommands(request: RestRequest, guildId: string | undefined): RestAnswer {
    const problems = commandProblems(request.body);
    if (problems) return invalidFormBody(problems);
    const sent = request.body as (Partial<APIApplicationCommand> & Pick<APIApplicationCommand, "name">)[];
    const registered = sent.map(
      (command): APIApplicationCommand => ({
        ...command,
        type: command.type ?? ApplicationCommandType.ChatInput,
        description: command.description ?? "",
        default_member_permissions: command.default_member_permissions ?? null,
        nsfw: command.nsfw ?? false,
        options: command.options ?? [],
        id: this.ids.next(),
        application_id: this.applicationId,
        version: this.ids.next(),
        ...(guildId ? { guild_id: guildId } : {}),
      }),
    );
    this.commands.set(guildId ?? "global", registered);
    return ok(registered);
  }
}

function ok(body: unknown): RestAnswer {
  return { status: 200, body };
}

function noContent(): RestAnswer {
  return { status: 204 };
}
