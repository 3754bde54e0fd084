import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HEALTH_PORT, loadConfig, secretValues } from "../src/config.js";

const TOKEN = "123456789:AAE-a-token-of-the-right-shape";

describe("configuration from the environment", () => {
  it("reads no variables as the console bot on the demo story, in a database of its own", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      dbPath: "data/demo.db",
      liveDbPath: "data/hilo.db",
      demo: true,
      lang: "es",
      live: false,
      telegram: undefined,
    });
  });

  it("never runs the demo story live: a token or HILO_LIVE=1 means real news, in the live database", () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN })).toMatchObject({ demo: false, dbPath: "data/hilo.db" });
    expect(loadConfig({ HILO_LIVE: "1" })).toMatchObject({ demo: false, dbPath: "data/hilo.db" });
    expect(loadConfig({ HILO_DEMO: "0" })).toMatchObject({ demo: false, live: false, dbPath: "data/hilo.db" });
    expect(loadConfig({ HILO_DEMO: "1", HILO_LIVE: "1" })).toMatchObject({
      demo: true,
      live: true,
      dbPath: "data/demo.db",
    });
    expect(loadConfig({ HILO_DEMO: "1", HILO_DB_PATH: "/tmp/x.db" })).toMatchObject({
      demo: true,
      dbPath: "/tmp/x.db",
      liveDbPath: "/tmp/x.db",
    });
  });

  it("takes a PostgreSQL URL for the bot's database, keeps its password secret, and refuses anything else", () => {
    const url = "postgres://hilo:p%40ss%20word@db.example:5432/hilo";
    const config = loadConfig({ HILO_DATABASE_URL: url });
    expect(config.databaseUrl).toBe(url);
    expect(secretValues(config)).toEqual(["p@ss word", "p%40ss%20word"]);
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    expect(() => loadConfig({ HILO_DATABASE_URL: "mysql://db/hilo" })).toThrow(
      /must be a PostgreSQL URL: postgres:\/\/user:password@host:5432\/database\n\s*→ at HILO_DATABASE_URL/,
    );
  });

  it("takes the replicas' settings: the tick, the send claim and this replica's Discord shards, each checked", () => {
    expect(loadConfig({})).toMatchObject({ tickSeconds: 60, sendClaimSeconds: 60 });
    expect(loadConfig({ HILO_TICK_SECONDS: "5", HILO_SEND_CLAIM_SECONDS: "30" })).toMatchObject({
      tickSeconds: 5,
      sendClaimSeconds: 30,
    });
    expect(() => loadConfig({ HILO_TICK_SECONDS: "7" })).toThrow(
      /must divide a minute: 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60\n\s*→ at HILO_TICK_SECONDS/,
    );
    expect(() => loadConfig({ HILO_SEND_CLAIM_SECONDS: "2" })).toThrow(
      /at least 5 seconds[^\n]*\n\s*→ at HILO_SEND_CLAIM_SECONDS/,
    );
    const discord = {
      DISCORD_TOKEN: "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GAbCdE.abcdefghijklmnopqrstuvwxyz0123",
      DISCORD_APPLICATION_ID: "123456789012345678",
    };
    expect(loadConfig({ ...discord, DISCORD_SHARDS: "2,3,3", DISCORD_SHARD_COUNT: "4" }).discord?.shards).toEqual({
      ids: [2, 3],
      count: 4,
    });
    expect(loadConfig(discord).discord?.shards).toBeUndefined();
    expect(() => loadConfig({ ...discord, DISCORD_SHARDS: "0,1" })).toThrow(
      /set DISCORD_SHARD_COUNT too: the number of shards of the whole bot, over every replica\n\s*→ at DISCORD_SHARDS/,
    );
    expect(() => loadConfig({ ...discord, DISCORD_SHARDS: "1,4", DISCORD_SHARD_COUNT: "4" })).toThrow(
      /shard 4 does not exist: shards are numbered 0 to 3 \(DISCORD_SHARD_COUNT=4\)/,
    );
    expect(() => loadConfig({ ...discord, DISCORD_SHARDS: "one", DISCORD_SHARD_COUNT: "4" })).toThrow(
      /must be shard numbers separated by commas/,
    );
  });

  it("refuses the demo story with a platform token, saying why", () => {
    expect(() => loadConfig({ HILO_DEMO: "1", TELEGRAM_BOT_TOKEN: TOKEN })).toThrow(
      /the demo story is fiction and never reaches a chat platform: unset HILO_DEMO, or the platform tokens\n\s*→ at HILO_DEMO/,
    );
    expect(() => loadConfig({ HILO_DEMO: "yes" })).toThrow(
      /must be 1 \(the bundled fictional demo story\) or 0\n\s*→ at HILO_DEMO/,
    );
  });

  it("treats VAR= as not set, as an .env or compose file means it", () => {
    const config = loadConfig({ HILO_LIVE: "", TELEGRAM_BOT_TOKEN: "", HILO_LANG: "" });
    expect(config).toMatchObject({ live: false, lang: "es", telegram: undefined });
  });

  it("goes live with a Telegram token, polling by default and through Telegram's own API root", () => {
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN });
    expect(config.live).toBe(true);
    expect(config.telegram).toEqual({ token: TOKEN, apiRoot: "https://api.telegram.org", webhook: undefined });
  });

  it("takes a webhook with its secret and port", () => {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_URL: "https://bot.example.org/hook",
      TELEGRAM_WEBHOOK_SECRET: "abc_123",
      TELEGRAM_WEBHOOK_PORT: "9443",
    });
    expect(config.telegram?.webhook).toEqual({ url: "https://bot.example.org/hook", secret: "abc_123", port: 9443 });
  });

  it("reports every bad variable at once, each with its name and how to fix it", () => {
    let message = "";
    try {
      loadConfig({ TELEGRAM_BOT_TOKEN: "abc", TELEGRAM_WEBHOOK_URL: "http://bot.example.org/hook", HILO_LANG: "fr" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/TELEGRAM_BOT_TOKEN/);
    expect(message).toMatch(/@BotFather/);
    expect(message).toMatch(/TELEGRAM_WEBHOOK_URL/);
    expect(message).toMatch(/HILO_LANG/);
  });

  it("refuses a webhook without a secret, since forged updates could not be told apart", () => {
    expect(() =>
      loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "https://bot.example.org/hook" }),
    ).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
  });

  it("goes live with Discord, which needs its application id too", () => {
    const DISCORD = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GAbCdE.abcdefghijklmnopqrstuvwxyz0123";
    const config = loadConfig({ DISCORD_TOKEN: DISCORD, DISCORD_APPLICATION_ID: "123456789012345678" });
    expect(config.live).toBe(true);
    expect(config.discord).toEqual({
      token: DISCORD,
      applicationId: "123456789012345678",
      apiRoot: "https://discord.com/api",
      mentions: false,
    });
    expect(() => loadConfig({ DISCORD_TOKEN: DISCORD })).toThrow(/DISCORD_APPLICATION_ID/);
    expect(
      loadConfig({ DISCORD_TOKEN: DISCORD, DISCORD_APPLICATION_ID: "123456789012345678", DISCORD_MENTIONS: "1" })
        .discord?.mentions,
    ).toBe(true);
  });

  it("delivers only from shard 0 under discord.js's ShardingManager", () => {
    expect(loadConfig({}).delivers).toBe(true);
    expect(loadConfig({ SHARDING_MANAGER: "true", SHARDS: "0" }).delivers).toBe(true);
    expect(loadConfig({ SHARDING_MANAGER: "true", SHARDS: "2" }).delivers).toBe(false);
  });

  it("serves /healthz and /metrics on 127.0.0.1:9464 by default, stale after an hour without a feed", () => {
    expect(loadConfig({}).health).toEqual({ host: "127.0.0.1", port: HEALTH_PORT, staleMinutes: 60 });
    expect(HEALTH_PORT).toBe(9464);
    expect(
      loadConfig({ HILO_HEALTH_HOST: "0.0.0.0", HILO_HEALTH_PORT: "9100", HILO_HEALTH_STALE_MINUTES: "90" }).health,
    ).toEqual({
      host: "0.0.0.0",
      port: 9100,
      staleMinutes: 90,
    });
  });

  it("turns the health server off with port 0", () => {
    expect(loadConfig({ HILO_HEALTH_PORT: "0" }).health).toBeUndefined();
  });

  it("reports each bad health setting with its variable and what to write instead", () => {
    let message = "";
    try {
      loadConfig({ HILO_HEALTH_PORT: "70000", HILO_HEALTH_HOST: "every interface", HILO_HEALTH_STALE_MINUTES: "soon" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/from 1 to 65535, or 0 to turn the health server off\n\s+→ at HILO_HEALTH_PORT/);
    expect(message).toMatch(/0\.0\.0\.0 \(every interface, as in a container\)\n\s+→ at HILO_HEALTH_HOST/);
    expect(message).toMatch(/a number of minutes, e\.g\. 60\n\s+→ at HILO_HEALTH_STALE_MINUTES/);
  });

  it("refuses a staleness limit no longer than the poll interval, which would fail between two ordinary polls", () => {
    expect(() => loadConfig({ HILO_POLL_MINUTES: "30", HILO_HEALTH_STALE_MINUTES: "30" })).toThrow(
      /must be longer than HILO_POLL_MINUTES \(30\)[\s\S]*HILO_HEALTH_STALE_MINUTES/,
    );
    expect(loadConfig({ HILO_POLL_MINUTES: "30", HILO_HEALTH_STALE_MINUTES: "31" }).health?.staleMinutes).toBe(31);
  });

  it("fetches feeds only from public addresses unless HILO_ALLOW_PRIVATE_FEEDS says otherwise", () => {
    expect(loadConfig({}).allowPrivateFeeds).toEqual({ kind: "none" });
    expect(loadConfig({ HILO_ALLOW_PRIVATE_FEEDS: "0" }).allowPrivateFeeds).toEqual({ kind: "none" });
    expect(loadConfig({ HILO_ALLOW_PRIVATE_FEEDS: "1" }).allowPrivateFeeds).toEqual({ kind: "all" });
    expect(loadConfig({ HILO_ALLOW_PRIVATE_FEEDS: "127.0.0.1:8080,10.0.0.5" }).allowPrivateFeeds).toEqual({
      kind: "listed",
      entries: [
        { address: "127.0.0.1", port: 8080 },
        { address: "10.0.0.5", port: undefined },
      ],
    });
  });

  it("rejects a HILO_ALLOW_PRIVATE_FEEDS entry that is not an address, with an example", () => {
    expect(() => loadConfig({ HILO_ALLOW_PRIVATE_FEEDS: "feeds.local:8080" })).toThrow(
      /"feeds\.local:8080" is not an IP address .*e\.g\. 127\.0\.0\.1:8080,10\.0\.0\.5[\s\S]*→ at HILO_ALLOW_PRIVATE_FEEDS/,
    );
  });

  it("lists every credential for the logger to hide, and nothing when none is set", () => {
    expect(secretValues(loadConfig({}))).toEqual([]);
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_URL: "https://bot.example.org/hook",
      TELEGRAM_WEBHOOK_SECRET: "a-long-webhook-secret",
    });
    expect(secretValues(config)).toEqual([TOKEN, "AAE-a-token-of-the-right-shape", "a-long-webhook-secret"]);
  });

  it("reads the log level, info through silent", () => {
    expect(loadConfig({}).logLevel).toBe("warn");
    expect(loadConfig({ HILO_LOG_LEVEL: "info" }).logLevel).toBe("info");
    expect(() => loadConfig({ HILO_LOG_LEVEL: "verbose" })).toThrow(/HILO_LOG_LEVEL/);
  });

  it("has every variable it reads explained in .env.example", () => {
    const root = join(import.meta.dirname, "..");
    const source = readFileSync(join(root, "src/config.ts"), "utf8");
    // The schema's keys, however the file is laid out: each variable is a key of the object, "NAME: z…".
    const schema = source.slice(source.indexOf("const Env = z"), source.indexOf("\n  .refine("));
    const read = [...schema.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((match) => match[1]);
    const example = readFileSync(join(root, ".env.example"), "utf8");
    const listed = [...example.matchAll(/^(?:# )?([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]);
    expect(read.length).toBeGreaterThan(20);
    expect([...new Set(listed)].sort()).toEqual([...read].sort());
    // Each one has a comment line of its own just above it.
    for (const name of read)
      expect(example).toMatch(new RegExp(`#(?! ?[A-Z_]+=)[^\\n]*\\n(?:# [A-Z_]+=[^\\n]*\\n)*# ${name}=`));
  });
});
