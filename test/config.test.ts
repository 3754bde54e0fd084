import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";

const TOKEN = "123456789:AAE-a-token-of-the-right-shape";

describe("configuration from the environment", () => {
  it("reads no variables as the console bot on the demo story", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ dbPath: "data/hilo.db", lang: "es", live: false, telegram: undefined });
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
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "https://bot.example.org/hook" })).toThrow(
      /TELEGRAM_WEBHOOK_SECRET/,
    );
  });

  it("goes live with Discord, which needs its application id too", () => {
    const DISCORD = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GAbCdE.abcdefghijklmnopqrstuvwxyz0123";
    const config = loadConfig({ DISCORD_TOKEN: DISCORD, DISCORD_APPLICATION_ID: "123456789012345678" });
    expect(config.live).toBe(true);
    expect(config.discord).toEqual({ token: DISCORD, applicationId: "123456789012345678", apiRoot: "https://discord.com/api", mentions: false });
    expect(() => loadConfig({ DISCORD_TOKEN: DISCORD })).toThrow(/DISCORD_APPLICATION_ID/);
    expect(loadConfig({ DISCORD_TOKEN: DISCORD, DISCORD_APPLICATION_ID: "123456789012345678", DISCORD_MENTIONS: "1" }).discord?.mentions).toBe(true);
  });

  it("delivers only from shard 0 under discord.js's ShardingManager", () => {
    expect(loadConfig({}).delivers).toBe(true);
    expect(loadConfig({ SHARDING_MANAGER: "true", SHARDS: "0" }).delivers).toBe(true);
    expect(loadConfig({ SHARDING_MANAGER: "true", SHARDS: "2" }).delivers).toBe(false);
  });
});
