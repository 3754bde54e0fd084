import { describe, expect, it } from "vitest";
import { loadConfig, secretValues } from "../../src/config.js";
import { createLogger, secretScrubber } from "../../src/ops/create-logger.js";

const TELEGRAM = "123456789:AAE-a-token-of-the-right-shape";
const DISCORD = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GAbCdE.abcdefghijklmnopqrstuvwxyz0123";

/** A logger writing into an array, as if stderr were a pipe (or a terminal, with `isTTY`). */
function recorded(level: "info" | "warn" | "error" | "silent" = "info", isTTY = false) {
  const config = loadConfig({
    TELEGRAM_BOT_TOKEN: TELEGRAM,
    DISCORD_TOKEN: DISCORD,
    DISCORD_APPLICATION_ID: "123456789012345678",
  });
  const chunks: string[] = [];
  const log = createLogger({
    level,
    secrets: secretValues(config),
    output: { write: (text) => chunks.push(text), isTTY },
  });
  return {
    log,
    text: () => chunks.join(""),
    lines: () =>
      chunks
        .join("")
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe("the pino logger", () => {
  it("writes one JSON object per line with the level's name, the message and the fields", () => {
    const { log, lines } = recorded();
    log.info("tick", { feeds: 1, failed: 0 });
    log.warn("feed failed", { feed: "https://example.org/rss" });
    expect(lines()).toEqual([
      expect.objectContaining({
        level: "info",
        msg: "tick",
        feeds: 1,
        failed: 0,
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
      expect.objectContaining({ level: "warn", msg: "feed failed", feed: "https://example.org/rss" }),
    ]);
  });

  it("leaves out what is below the configured level, and everything when silent", () => {
    const warn = recorded("warn");
    warn.log.info("tick");
    warn.log.error("tick failed");
    expect(warn.lines().map((line) => line.msg)).toEqual(["tick failed"]);
    const silent = recorded("silent");
    silent.log.error("tick failed");
    expect(silent.text()).toBe("");
  });

  it("never prints a token, whether it comes as a field, inside a URL, in an error's message and stack, or in the message", () => {
    const { log, text, lines } = recorded();
    log.info("telegram bot polling", { token: TELEGRAM, telegram: { token: TELEGRAM } });
    log.warn("request failed", {
      url: `https://api.telegram.org/bot${TELEGRAM}/getMe`,
      encoded: encodeURIComponent(TELEGRAM),
    });
    log.error("discord login failed", {
      error: new Error(`401 for token ${DISCORD}`, { cause: new Error(`retry with ${DISCORD}`) }),
    });
    log.error(`could not start with ${TELEGRAM.split(":")[1]}`);

    expect(text()).not.toContain(TELEGRAM.split(":")[1]);
    expect(text()).not.toContain(DISCORD);
    expect(text()).not.toContain(DISCORD.split(".")[2]);
    const [fields, url, error, message] = lines();
    expect(fields).toMatchObject({ token: "[redacted]", telegram: { token: "[redacted]" } });
    expect(url).toMatchObject({ url: "https://api.telegram.org/bot[redacted]/getMe" });
    // The error keeps what it says apart from the secret, so the log still explains the failure.
    expect(error).toMatchObject({
      error: { type: "Error", message: "401 for token [redacted]: retry with [redacted]" },
    });
    expect(message).toMatchObject({ msg: "could not start with [redacted]" });
  });

  it("prints readable lines on a terminal, still without the token", () => {
    const { log, text } = recorded("info", true);
    log.info("stopping", { signal: "SIGTERM", token: TELEGRAM });
    log.warn(`bad answer for bot${TELEGRAM}`);
    expect(text()).not.toMatch(/^\{/m);
    expect(text()).toMatch(/INFO.*stopping.*"signal":"SIGTERM"/);
    expect(text()).not.toContain(TELEGRAM.split(":")[1]);
  });
});

describe("scrubbing secrets", () => {
  it("replaces whole tokens before their parts and leaves short values alone", () => {
    const scrub = secretScrubber(["abcdefgh", "xxabcdefghxx", "short"]);
    expect(scrub("a xxabcdefghxx b abcdefgh c short")).toBe("a [redacted] b [redacted] c short");
  });
});
