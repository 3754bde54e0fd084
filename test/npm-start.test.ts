import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FeedServer } from "./helpers/feed-server.js";
import { DiscordFake, FAKE_APP_ID, FAKE_TOKEN } from "./helpers/discord-fake.js";
import { TelegramEmulator, TEST_TOKEN } from "./helpers/telegram-emulator.js";

const ROOT = join(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "hilo-telegram-start-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Bounds every wait on the child, so a bot that never gets there fails the test instead of hanging it.
const WAIT_MS = 15_000;

/** The child's stderr so far, and a promise for the first time it matches a pattern. */
function watchStderr(child: ChildProcess) {
  let text = "";
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stderr!.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
    for (const waiter of waiters.splice(0)) {
      if (waiter.pattern.test(text)) waiter.resolve();
      else waiters.push(waiter);
    }
  });
  return {
    get text() {
      return text;
    },
    waitFor(pattern: RegExp): Promise<void> {
      if (pattern.test(text)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern} on stderr:\n${text}`)), WAIT_MS);
        waiters.push({ pattern, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
  };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/** A port nothing listens on right now, for the bot's health server. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}


/** One local feed, so the live bot polls something real without leaving 127.0.0.1. */
async function oneFeed(): Promise<FeedServer> {
  return (await FeedServer.start()).serve("/feed.xml", {
    kind: "feed",
    body: readFileSync(join(ROOT, "test/fixtures/feeds/rss2-utf8.xml")),
    contentType: "application/rss+xml; charset=utf-8",
  });
}

/** `npm start`'s entry with `env` over this process's, and no stdin at all, as under a process manager. */
function startBot(env: Record<string, string>): { child: ChildProcess; exited: Promise<number | null>; stderr: ReturnType<typeof watchStderr> } {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    // The health server stays off unless a test asks for it, so a bot running on this machine cannot collide with it.
    env: { ...process.env, HILO_LOG_LEVEL: "info", HILO_LIVE: "", HILO_HEALTH_PORT: "0", TELEGRAM_BOT_TOKEN: "", DISCORD_TOKEN: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return { child, exited: exitOf(child), stderr: watchStderr(child) };
}

describe("npm start with chat platform tokens", () => {
  it("runs the Telegram bot live: answers /start, polls the configured feeds, reports its health, and stops cleanly on SIGTERM", async () => {
    const tg = await TelegramEmulator.start();
    const feeds = await oneFeed();
    const health = `http://127.0.0.1:${await freePort()}`;
    const { child, exited, stderr } = startBot({
      HILO_DB_PATH: join(dir, "hilo.db"),
      HILO_FEED_URLS: feeds.url("/feed.xml"),
      HILO_HEALTH_PORT: new URL(health).port,
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
    });
    try {
      await stderr.waitFor(/telegram bot polling/);
      const ana = tg.user({ userId: 4101, chatId: 4101, languageCode: "es" });
      await ana.command("/start");
      const [welcome] = await tg.waitFor(() => tg.sentTo(4101).length > 0 && tg.sentTo(4101), "the welcome");
      expect(welcome!.visible).toMatch(/^Hola\. Soy Hilo/);

      // Live without HILO_LIVE: the first tick polled the feed given in HILO_FEED_URLS, and only it.
      await stderr.waitFor(/"level":"info".*"feeds":1,"failed":0.*"msg":"tick"/);
      expect(feeds.requestsTo("/feed.xml")).toHaveLength(1);
      expect(tg.callsTo("setMyCommands").length).toBeGreaterThan(0);

      // The tick that read the feed shows on /healthz and /metrics.
      const healthz = await fetch(`${health}/healthz`);
      expect(healthz.status).toBe(200);
      expect(await healthz.json()).toMatchObject({ status: "ok", lastFeedSuccessAt: expect.any(String), problems: [] });
      const metrics = await (await fetch(`${health}/metrics`)).text();
      expect(metrics).toMatch(/^hilo_feed_polls_total\{outcome="fresh"\} 1$/m);
      expect(metrics).toMatch(/^hilo_rate_limits_total\{platform="telegram"\} 0$/m);

      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(stderr.text).toMatch(/"signal":"SIGTERM","msg":"stopping"/);
      await expect(fetch(`${health}/healthz`)).rejects.toThrow();
      // The token is a password: it never reaches the logs.
      expect(stderr.text).not.toContain(TEST_TOKEN.split(":")[1]);
      expect(stderr.text).not.toMatch(/"level":"error"/);
    } finally {
      child.kill("SIGKILL");
      await tg.close();
      await feeds.close();
    }
  }, 60_000);

  it("refuses a malformed token with the variable and the fix, before touching the network", async () => {
    const { exited, stderr } = startBot({ HILO_DB_PATH: join(dir, "bad.db"), TELEGRAM_BOT_TOKEN: "not-a-token" });
    expect(await exited).toBe(1);
    expect(stderr.text).toMatch(/@BotFather[\s\S]*TELEGRAM_BOT_TOKEN/);
  });

  it("runs Telegram and Discord together in one process when both tokens are set", async () => {
    const tg = await TelegramEmulator.start();
    const discord = await DiscordFake.start();
    const feeds = await oneFeed();
    const { child, exited, stderr } = startBot({
      HILO_DB_PATH: join(dir, "both.db"),
      HILO_FEED_URLS: feeds.url("/feed.xml"),
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_APPLICATION_ID: FAKE_APP_ID,
      DISCORD_API_ROOT: discord.apiRoot,
    });
    try {
      await stderr.waitFor(/"feeds":1,.*"msg":"tick"/);
      expect(stderr.text).toMatch(/telegram bot polling/);
      expect(stderr.text).toMatch(/discord bot ready/);

      await tg.user({ userId: 4102, chatId: 4102, languageCode: "en" }).command("/start");
      const [welcome] = await tg.waitFor(() => tg.sentTo(4102).length > 0 && tg.sentTo(4102), "the Telegram welcome");
      expect(welcome!.visible).toMatch(/^Hi\. I'm Hilo/);

      const sent = discord.slashCommand({ name: "actor", options: [{ name: "name", value: "petro" }], locale: "es-ES" });
      const reply = await discord.waitFor(() => discord.originalReply(sent.id), "the Discord answer");
      expect(reply.embeds[0]!.title).toMatch(/^Gustavo Petro/);

      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(stderr.text).not.toContain(FAKE_TOKEN);
      expect(stderr.text).not.toMatch(/"level":"error"/);
    } finally {
      child.kill("SIGKILL");
      await discord.close();
      await tg.close();
      await feeds.close();
    }
  }, 60_000);
});
