import { once } from "node:events";
import { Client, Events, GatewayIntentBits, RESTEvents, type ClientOptions } from "discord.js";
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
  return mentions ? [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent] : [GatewayIntentBits.Guilds];
}

/**
 * Logs in, waits for READY and starts answering. Nothing here keeps state between events beyond discord.js's
 * cache, so several shards (discord.js's ShardingManager) can each run it; deliveries go through REST.
 */
export async function startDiscord(options: StartDiscordOptions): Promise<DiscordHandle> {
  const { hilo, discord, log } = options;
  const client = new Client({
    intents: intentsFor(discord.mentions),
    ...options.clientOptions,
    rest: {
      api: discord.apiRoot.replace(/\/+$/, ""),
      rejectOnRateLimit: (limit) => limit.retryAfter > LONGEST_WAIT_MS,
      ...options.clientOptions?.rest,
    },
  });
  client.rest.on(RESTEvents.RateLimited, (limit) =>
    log.warn("discord rate limit", { route: limit.route, method: limit.method, retryAfterMs: limit.retryAfter, global: limit.global, scope: limit.scope }),
  );
  // Discord bans a bot for a while after 10,000 invalid requests in 10 minutes; this warns on the way there.
  client.rest.on(RESTEvents.InvalidRequestWarning, (info) => log.warn("discord invalid requests piling up", { count: info.count, remainingMs: info.remainingTime }));
  client.on(Events.Error, (error) => log.error("discord client error", { error: describeError(error) }));
  client.on(Events.ShardError, (error, shard) => log.warn("discord gateway error; reconnecting", { shard, error: describeError(error) }));
  listen(client, hilo, log, { mentions: discord.mentions });

  const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(options.readyWithinMs ?? READY_WITHIN_MS) });
  try {
    await client.login(discord.token);
    await ready;
  } catch (error) {
    await client.destroy();
    if (error instanceof Error && error.name === "AbortError") throw new Error("Discord accepted the login but never said READY; check DISCORD_API_ROOT and the network");
    if (/token/i.test(describeError(error))) throw new Error(`Discord refused the token (${describeError(error)}): check DISCORD_TOKEN on the Developer Portal's Bot page`);
    throw error;
  }
  log.info("discord bot ready", { bot: client.user?.tag, guilds: client.guilds.cache.size, mentions: discord.mentions });
  return { notifier: new DiscordNotifier(client.rest, log), client, stop: () => client.destroy() };
}
