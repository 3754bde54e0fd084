import { z } from "zod";
import { ConfigError } from "./digest/errors.js";
import { type AddressAllowance, parseAddressAllowance } from "./digest/feeds/check-address.js";
import { Lang } from "./digest/model.js";

/** The health server's default port (Prometheus exporters' customary range); the Dockerfile exposes the same. */
export const HEALTH_PORT = 9464;

const Env = z
  .object({
    HILO_DB_PATH: z.string().min(1).optional(),
    HILO_DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, {
        error: "must be a PostgreSQL URL: postgres://user:password@host:5432/database",
      })
      .optional(),
    HILO_DEMO: z.enum(["0", "1"], { error: "must be 1 (the bundled fictional demo story) or 0" }).optional(),
    HILO_STORY_DIR: z.string().min(1).default("content/venezuela-2025"),
    HILO_LANG: Lang.default("es"),
    HILO_LOG_LEVEL: z.enum(["info", "warn", "error", "silent"]).default("warn"),
    HILO_NOW: z.iso.datetime({ offset: true }).optional(),
    HILO_DIGEST_CHARS: z.coerce.number().int().min(500).max(100_000).default(3500),
    HILO_LIVE: z.enum(["0", "1"]).default("0"),
    HILO_FEED_URLS: z
      .string()
      .optional()
      .refine(
        (value) => !value || value.split(",").every((url) => URL.canParse(url.trim()) && /^https?:/.test(url.trim())),
        {
          message: "must be comma-separated http(s) URLs, e.g. http://127.0.0.1:8080/a.xml,http://127.0.0.1:8080/b.xml",
        },
      ),
    HILO_ALLOW_PRIVATE_FEEDS: z
      .string()
      .optional()
      .transform((value, ctx) => {
        const parsed = parseAddressAllowance(value);
        if (parsed.success) return parsed.data;
        ctx.addIssue({ code: "custom", message: parsed.error });
        return z.NEVER;
      }),
    HILO_POLL_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    HILO_SEND_RATE: z.coerce.number().min(0.1).max(1000).default(25),
    HILO_TICK_SECONDS: z.coerce
      .number({ error: "must be a number of seconds that divides a minute, e.g. 60" })
      .int("must be a whole number of seconds that divides a minute: 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60")
      .refine((seconds) => seconds >= 1 && seconds <= 60 && 60 % seconds === 0, {
        error: "must divide a minute: 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60",
      })
      .default(60),
    HILO_SEND_CLAIM_SECONDS: z.coerce
      .number({ error: "must be a number of seconds, e.g. 60" })
      .int("must be a whole number of seconds, e.g. 60")
      .min(5, "must be at least 5 seconds: a claim shorter than a slow send would pass to another replica mid-send")
      .max(3600, "must be at most an hour (3600): a dead replica's chats wait this long")
      .default(60),
    HILO_HEALTH_PORT: z.coerce
      .number({ error: "must be a port number, e.g. 9464, or 0 to turn the health server off" })
      .int("must be a whole port number, e.g. 9464, or 0 to turn the health server off")
      .min(0, "must be a port number from 1 to 65535, or 0 to turn the health server off")
      .max(65535, "must be a port number from 1 to 65535, or 0 to turn the health server off")
      .default(HEALTH_PORT),
    HILO_HEALTH_HOST: z
      .union([z.ipv4(), z.ipv6(), z.hostname()], {
        error:
          "must be an address to listen on: 127.0.0.1 (this machine only) or 0.0.0.0 (every interface, as in a container)",
      })
      .default("127.0.0.1"),
    HILO_HEALTH_STALE_MINUTES: z.coerce
      .number({ error: "must be a number of minutes, e.g. 60" })
      .int("must be a whole number of minutes, e.g. 60")
      .min(1, "must be at least 1 minute")
      .max(7 * 24 * 60, "must be at most a week (10080 minutes)")
      .default(60),
    TELEGRAM_BOT_TOKEN: z
      .string()
      .regex(/^\d+:[\w-]{20,}$/, "looks like 123456:ABC-DEF… from @BotFather")
      .optional(),
    TELEGRAM_API_ROOT: z.url({ protocol: /^https?$/ }).default("https://api.telegram.org"),
    TELEGRAM_WEBHOOK_URL: z.url({ protocol: /^https$/ }).optional(),
    TELEGRAM_WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, "1–256 characters: letters, digits, _ and -")
      .optional(),
    TELEGRAM_WEBHOOK_PORT: z.coerce.number().int().min(1).max(65535).default(8443),
    DISCORD_TOKEN: z
      .string()
      .regex(
        /^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/,
        "looks like three dot-separated parts, from the Developer Portal's Bot page",
      )
      .optional(),
    DISCORD_APPLICATION_ID: z
      .string()
      .regex(/^\d{15,21}$/, "the Application ID (digits) from the Developer Portal's General Information page")
      .optional(),
    DISCORD_API_ROOT: z.url({ protocol: /^https?$/ }).default("https://discord.com/api"),
    DISCORD_MENTIONS: z.enum(["0", "1"]).default("0"),
    DISCORD_SHARDS: z
      .string()
      .regex(/^\d+(,\d+)*$/, "must be shard numbers separated by commas, e.g. 0,1 (with DISCORD_SHARD_COUNT=4)")
      .optional(),
    DISCORD_SHARD_COUNT: z.coerce
      .number({ error: "must be the number of shards of the whole bot, e.g. 4" })
      .int("must be a whole number of shards, e.g. 4")
      .min(1, "must be at least 1")
      .optional(),
    // Set by discord.js's ShardingManager in each shard process it starts.
    SHARDING_MANAGER: z.string().optional(),
    SHARDS: z.coerce.number().int().min(0).optional(),
  })
  .refine((env) => !env.TELEGRAM_WEBHOOK_URL || env.TELEGRAM_WEBHOOK_SECRET, {
    message: "set TELEGRAM_WEBHOOK_SECRET too: Telegram sends it with every update so the bot can reject forged ones",
    path: ["TELEGRAM_WEBHOOK_SECRET"],
  })
  .refine((env) => env.HILO_DEMO !== "1" || (!env.TELEGRAM_BOT_TOKEN && !env.DISCORD_TOKEN), {
    message: "the demo story is fiction and never reaches a chat platform: unset HILO_DEMO, or the platform tokens",
    path: ["HILO_DEMO"],
  })
  .refine((env) => !env.DISCORD_TOKEN || env.DISCORD_APPLICATION_ID, {
    message:
      "set DISCORD_APPLICATION_ID too (Developer Portal → General Information): slash commands belong to the application",
    path: ["DISCORD_APPLICATION_ID"],
  })
  .superRefine((env, ctx) => {
    if (env.DISCORD_SHARDS === undefined && env.DISCORD_SHARD_COUNT === undefined) return;
    const count = env.DISCORD_SHARD_COUNT;
    const shards = env.DISCORD_SHARDS?.split(",").map(Number);
    const problem =
      count === undefined
        ? "set DISCORD_SHARD_COUNT too: the number of shards of the whole bot, over every replica"
        : shards === undefined
          ? "set DISCORD_SHARDS too: the shards this replica connects, e.g. 0,1"
          : shards.find((shard) => shard >= count) !== undefined
            ? `shard ${shards.find((shard) => shard >= count)} does not exist: shards are numbered 0 to ${count - 1} (DISCORD_SHARD_COUNT=${count})`
            : undefined;
    if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["DISCORD_SHARDS"] });
  })
  .superRefine((env, ctx) => {
    if (env.HILO_HEALTH_STALE_MINUTES > env.HILO_POLL_MINUTES) return;
    ctx.addIssue({
      code: "custom",
      message: `must be longer than HILO_POLL_MINUTES (${env.HILO_POLL_MINUTES}), or /healthz would call the bot stuck between two ordinary polls`,
      path: ["HILO_HEALTH_STALE_MINUTES"],
    });
  });

/** Where the database lives unless HILO_DB_PATH says: the demo's fiction and live news never share a file. */
export const DEFAULT_DB_PATHS = { live: "data/hilo.db", demo: "data/demo.db" } as const;

export interface Config {
  /** The database this process uses: HILO_DB_PATH, else the demo's or the live one's default. */
  dbPath: string;
  /** The database of real news (HILO_DB_PATH, else the live default), which `hilo ingest` files into. */
  liveDbPath: string;
  /** HILO_DATABASE_URL: the bot's database on PostgreSQL instead of the SQLite file (the bot only; see the README). */
  databaseUrl: string | undefined;
  /**
   * The bundled fictional demo story: ingested into an empty database and shown in the console. Only without a
   * platform token; by default when neither a token nor HILO_LIVE=1 is set.
   */
  demo: boolean;
  storyDir: string;
  /** The console chat's language. */
  lang: Lang;
  logLevel: "info" | "warn" | "error" | "silent";
  /** A fixed story clock (ms); unset, the bundled demo uses the time of its newest article. */
  now: number | undefined;
  digestChars: number;
  /** Poll feeds, send digests and alerts while the console runs. */
  live: boolean;
  /** Feeds to poll instead of the story's (e.g. a local test server). */
  feedUrls: string[] | undefined;
  /** Loopback, private and other non-public addresses feeds may be fetched from; by default none. */
  allowPrivateFeeds: AddressAllowance;
  pollMinutes: number;
  /** Messages per second across all chats (and all replicas on one PostgreSQL database). */
  sendRate: number;
  /** How often live work runs: poll due feeds, queue due messages, send (seconds; divides a minute). */
  tickSeconds: number;
  /** How long a replica's claim on a chat's deliveries lasts without a send renewing it (seconds). */
  sendClaimSeconds: number;
  /** GET /healthz and /metrics in live mode; undefined when HILO_HEALTH_PORT is 0. */
  health: { host: string; port: number; staleMinutes: number } | undefined;
  telegram:
    | { token: string; apiRoot: string; webhook: { url: string; secret: string; port: number } | undefined }
    | undefined;
  discord: DiscordConfig | undefined;
  /**
   * False in a Discord shard other than shard 0 (under discord.js's ShardingManager): such a process only answers
   * its servers' interactions; feeds, digests, alerts and Telegram run once, in shard 0.
   */
  delivers: boolean;
}

export interface DiscordConfig {
  token: string;
  applicationId: string;
  /** https://discord.com/api, or a test fake. */
  apiRoot: string;
  /** Answer questions in messages that mention the bot (needs the privileged Message Content intent). */
  mentions: boolean;
  /** The gateway shards this replica connects, of `count` in all (DISCORD_SHARDS, DISCORD_SHARD_COUNT); unset, all. */
  shards?: { ids: number[]; count: number } | undefined;
}

/** Reads the environment once; every problem is reported together, each with its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // "VAR=" in an .env file or a compose file means "not set", not "set to nothing".
  const parsed = Env.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== "")),
  );
  if (!parsed.success) throw new ConfigError(`invalid configuration:\n${z.prettifyError(parsed.error)}`);
  const data = parsed.data;
  // A chat platform means real chats waiting for digests and alerts: live, whatever HILO_LIVE says.
  const live = data.HILO_LIVE === "1" || data.TELEGRAM_BOT_TOKEN !== undefined || data.DISCORD_TOKEN !== undefined;
  const demo = data.HILO_DEMO === undefined ? !live : data.HILO_DEMO === "1";
  return {
    dbPath: data.HILO_DB_PATH ?? (demo ? DEFAULT_DB_PATHS.demo : DEFAULT_DB_PATHS.live),
    liveDbPath: data.HILO_DB_PATH ?? DEFAULT_DB_PATHS.live,
    databaseUrl: data.HILO_DATABASE_URL,
    demo,
    storyDir: data.HILO_STORY_DIR,
    lang: data.HILO_LANG,
    logLevel: data.HILO_LOG_LEVEL,
    now: data.HILO_NOW === undefined ? undefined : Date.parse(data.HILO_NOW),
    digestChars: data.HILO_DIGEST_CHARS,
    live,
    feedUrls: data.HILO_FEED_URLS?.split(",").map((url) => url.trim()),
    allowPrivateFeeds: data.HILO_ALLOW_PRIVATE_FEEDS,
    pollMinutes: data.HILO_POLL_MINUTES,
    sendRate: data.HILO_SEND_RATE,
    tickSeconds: data.HILO_TICK_SECONDS,
    sendClaimSeconds: data.HILO_SEND_CLAIM_SECONDS,
    health:
      data.HILO_HEALTH_PORT === 0
        ? undefined
        : { host: data.HILO_HEALTH_HOST, port: data.HILO_HEALTH_PORT, staleMinutes: data.HILO_HEALTH_STALE_MINUTES },
    telegram: data.TELEGRAM_BOT_TOKEN
      ? {
          token: data.TELEGRAM_BOT_TOKEN,
          apiRoot: data.TELEGRAM_API_ROOT,
          webhook: data.TELEGRAM_WEBHOOK_URL
            ? {
                url: data.TELEGRAM_WEBHOOK_URL,
                secret: data.TELEGRAM_WEBHOOK_SECRET!,
                port: data.TELEGRAM_WEBHOOK_PORT,
              }
            : undefined,
        }
      : undefined,
    delivers: !(data.SHARDING_MANAGER && data.SHARDS !== undefined && data.SHARDS !== 0),
    discord: data.DISCORD_TOKEN
      ? {
          token: data.DISCORD_TOKEN,
          applicationId: data.DISCORD_APPLICATION_ID!,
          apiRoot: data.DISCORD_API_ROOT,
          mentions: data.DISCORD_MENTIONS === "1",
          shards:
            data.DISCORD_SHARDS && data.DISCORD_SHARD_COUNT
              ? { ids: [...new Set(data.DISCORD_SHARDS.split(",").map(Number))], count: data.DISCORD_SHARD_COUNT }
              : undefined,
        }
      : undefined,
  };
}

/** Every credential in the config, for the logger to keep out of its lines. */
export function secretValues(config: Config): string[] {
  const secrets: string[] = [];
  if (config.telegram) {
    // The part after the colon is the actual secret; alone, it also catches a token split or encoded in a URL.
    secrets.push(config.telegram.token, config.telegram.token.slice(config.telegram.token.indexOf(":") + 1));
    if (config.telegram.webhook) secrets.push(config.telegram.webhook.secret);
  }
  if (config.discord) secrets.push(config.discord.token);
  const password = config.databaseUrl ? urlPassword(config.databaseUrl) : "";
  if (password) secrets.push(password, encodeURIComponent(password));
  return secrets;
}

/** The story clock the config asks for: fixed, the wall clock when live, else the demo's newest article. */
export function storyClock(config: Config): (() => number) | undefined {
  if (config.now !== undefined) {
    const fixed = config.now;
    return () => fixed;
  }
  return config.live ? Date.now : undefined;
}

function urlPassword(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return "";
  }
}
