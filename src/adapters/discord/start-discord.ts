import { once } from "node:events";
import { Client, type ClientOptions, Events, GatewayIntentBits, RESTEvents } from "discord.js";
import type { DiscordConfig } from "../../config.js";
import { describeError, type Hilo, type Logger } from "../../digest/index.js";
import { listen } from "./bot.js";
import { DiscordNotifier } from "./discord-notifier.js";

/**
 * Rate limits up to this long are waited out by discord.js's REST client; a longer one is handed back to the
 * outbox, which holds that channel's deliveries and sends them when it is allowed.
 */
const LONGEST_WAIT_MS = 10_000;
/** How long to wait for the gateway's READY after login. */
const READY_WITHIN_MS = 60_000;

export interface StartDiscordOptions {
  hilo: Hilo;
  discord: DiscordConfig;
  log: Logger;
  /** Extra client options (tests point the gateway at a fake). */
  clientOptions?: Partial<ClientOptions>;
  readyWithinMs?: number;
  /** Logins at most while Discord cannot be reached, before giving up (the process manager restarts the bot later). */
  attempts?: number;
  /** Wait before the n-th retry (1-based); doubles from 1 s by default. */
  backoffMs?: (retry: number) => number;
  sleep?: (ms: number) => Promise<void>;
}

/** A running Discord adapter. */
export interface DiscordHandle {
  notifier: DiscordNotifier;
  client: Client;
  /** Disconnects from the gateway; resolves when the client is destroyed. */
  stop(): Promise<void>;
}

/** The gateway intents Hilo asks for: servers only, plus messages when mention questions are on (privileged). */
export function intentsFor(mentions: boolean): GatewayIntentBits[] {
  return mentions
    ? [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent]
    : [GatewayIntentBits.Guilds];
}

/**
 * Logs in, waits for READY and starts answering. Nothing here keeps state between events beyond discord.js's
 * cache, so several shards (discord.js's ShardingManager) can each run it; deliveries go through REST.
 */
export async function startDiscord(options: StartDiscordOptions): Promise<DiscordHandle> {
  const { log } = options;
  const attempts = options.attempts ?? 5;
  const backoffMs = options.backoffMs ?? ((retry: number) => 1000 * 2 ** (retry - 1));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    const client = createClient(options);
    try {
      await login(client, options);
      log.info("discord bot ready", {
        bot: client.user?.tag,
        guilds: client.guilds.cache.size,
        mentions: options.discord.mentions,
      });
      return { notifier: new DiscordNotifier(client.rest, log), client, stop: () => client.destroy() };
    } catch (error) {
      await client.destroy();
      if (!(error instanceof Unreachable)) throw error;
      if (attempt >= attempts) {
        throw new Error(
          `could not reach Discord after ${attempts} attempts (${error.message}); check the network or DISCORD_API_ROOT`,
        );
      }
      log.warn("could not reach Discord; retrying", { attempt, error: error.message });
      await sleep(backoffMs(attempt));
    }
  }
}

/** Discord could not be reached at all (refused, DNS, reset): worth another try, unlike a refused token. */
class Unreachable extends Error {
  override name = "Unreachable";
}

function createClient(options: StartDiscordOptions): Client {
  const { hilo, discord, log } = options;
  const client = new Client({
    intents: intentsFor(discord.mentions),
    // Replicas split the gateway: each connects its own shards of the whole count (deliveries use REST from any).
    ...(discord.shards ? { shards: discord.shards.ids, shardCount: discord.shards.count } : {}),
    ...options.clientOptions,
    rest: {
      api: discord.apiRoot.replace(/\/+$/, ""),
      rejectOnRateLimit: (limit) => limit.retryAfter > LONGEST_WAIT_MS,
      ...options.clientOptions?.rest,
    },
  });
  client.rest.on(RESTEvents.RateLimited, (limit) =>
    log.warn("discord rate limit", {
      route: limit.route,
      method: limit.method,
      retryAfterMs: limit.retryAfter,
      global: limit.global,
      scope: limit.scope,
    }),
  );
  // Discord bans a bot for a while after 10,000 invalid requests in 10 minutes; this warns on the way there.
  client.rest.on(RESTEvents.InvalidRequestWarning, (info) =>
    log.warn("discord invalid requests piling up", { count: info.count, remainingMs: info.remainingTime }),
  );
  client.on(Events.Error, (error) => log.error("discord client error", { error: describeError(error) }));
  client.on(Events.ShardError, (error, shard) =>
    log.warn("discord gateway error; reconnecting", { shard, error: describeError(error) }),
  );
  listen(client, hilo, log, { mentions: discord.mentions });
  return client;
}

/** Logs in and waits for READY; a network failure is an Unreachable, a refusal an Error that says what to fix. */
async function login(client: Client, options: StartDiscordOptions): Promise<void> {
  const ready = once(client, Events.ClientReady, {
    signal: AbortSignal.timeout(options.readyWithinMs ?? READY_WITHIN_MS),
  });
  // The waiting promise rejects on its own when login fails first; it is awaited only after a good login.
  ready.catch(() => undefined);
  try {
    await client.login(options.discord.token);
  } catch (error) {
    const why = describeError(error);
    if (/token/i.test(why))
      throw new Error(`Discord refused the token (${why}): check DISCORD_TOKEN on the Developer Portal's Bot page`);
    if (isNetworkFailure(error)) throw new Unreachable(why);
    throw error;
  }
  try {
    await ready;
  } catch (error) {
    if (error instanceof Error && error.name === "AbortError")
      throw new Error("Discord accepted the login but never said READY; check DISCORD_API_ROOT and the network");
    throw error;
  }
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_SOCKET",
]);

/** True when the error, or one of its causes, is the network failing rather than Discord answering. */
function isNetworkFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.has(code)) return true;
    if (current.name === "ConnectTimeoutError" || /fetch failed|ECONNREFUSED|ENOTFOUND/.test(current.message))
      return true;
  }
  return false;
}
