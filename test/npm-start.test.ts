import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { Hilo, loadStoryPack, openDatabase, silentLogger } from "../src/digest/index.js";
import { startBot, watchStream } from "./helpers/bot-process.js";
import { DiscordFake, FAKE_APP_ID, FAKE_TOKEN } from "./helpers/discord-fake.js";
import { FeedServer } from "./helpers/feed-server.js";
import { TEST_TOKEN, TelegramEmulator } from "./helpers/telegram-emulator.js";

const ROOT = join(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "hilo-telegram-start-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each feed of a database file with its demo mark and how many articles it brought. */
function feedsIn(path: string): { url: string; demo: number; articles: number }[] {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare(
        "SELECT url, demo, (SELECT count(*) FROM articles WHERE feed_id = feeds.id) AS articles FROM feeds ORDER BY url",
      )
      .all() as { url: string; demo: number; articles: number }[];
  } finally {
    db.close();
  }
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

describe("npm start with chat platform tokens", () => {
  it("runs the Telegram bot live: answers /start, polls the configured feeds, reports its health, and stops cleanly on SIGTERM", async () => {
    const tg = await TelegramEmulator.start();
    const feeds = await oneFeed();
    const health = `http://127.0.0.1:${await freePort()}`;
    const { child, exited, stderr } = startBot({
      HILO_DB_PATH: join(dir, "hilo.db"),
      HILO_FEED_URLS: feeds.url("/feed.xml"),
      // The feed server is on 127.0.0.1, which feeds may not use unless allowed.
      HILO_ALLOW_PRIVATE_FEEDS: "1",
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
      // Live means real news only: the database holds the polled feed's articles and not one of the demo's.
      expect(feedsIn(join(dir, "hilo.db"))).toEqual([{ url: feeds.url("/feed.xml"), demo: 0, articles: 2 }]);
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
      // The feed server is on 127.0.0.1, which feeds may not use unless allowed.
      HILO_ALLOW_PRIVATE_FEEDS: "1",
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

      const sent = discord.slashCommand({
        name: "actor",
        options: [{ name: "name", value: "petro" }],
        locale: "es-ES",
      });
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

describe("npm start with a live database that holds the demo story", () => {
  it("removes every fictional item at start, says how many, and answers only with real news", async () => {
    const dbPath = join(dir, "old-live.db");
    // As an older Hilo left it: the demo ingested into the live database, with nothing marking it as fiction.
    const db = openDatabase(dbPath);
    await new Hilo({
      db,
      pack: loadStoryPack(join(ROOT, "content/venezuela-2025")),
      log: silentLogger,
      digestChars: 3500,
    }).ingestDemoIfEmpty();
    db.prepare("UPDATE feeds SET demo = 0").run();
    db.close();
    expect(feedsIn(dbPath)).toHaveLength(8);

    const tg = await TelegramEmulator.start();
    const feeds = await oneFeed();
    const { child, exited, stderr } = startBot({
      HILO_DB_PATH: dbPath,
      HILO_FEED_URLS: feeds.url("/feed.xml"),
      HILO_ALLOW_PRIVATE_FEEDS: "1",
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
    });
    try {
      await stderr.waitFor(/"feeds":1,"failed":0.*"msg":"tick"/);
      expect(stderr.text).toMatch(
        /"feeds":8,"articles":144,"developments":\d+,"msg":"removed the demo story's fictional items from the live database"/,
      );
      const ana = tg.user({ userId: 4103, chatId: 4103, languageCode: "es" });
      await ana.command("/search asilo");
      const [answer] = await tg.waitFor(() => tg.sentTo(4103).length > 0 && tg.sentTo(4103), "the search answer");
      expect(answer!.visible).not.toMatch(/Diario Caribe|Agencia Continental|Capital Ledger|Radio Frontera/);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(feedsIn(dbPath)).toEqual([{ url: feeds.url("/feed.xml"), demo: 0, articles: 2 }]);
    } finally {
      child.kill("SIGKILL");
      await tg.close();
      await feeds.close();
    }
  }, 60_000);
});

describe("npm start twice on one database", () => {
  it("runs one bot and refuses the second with exit code 1, naming the file and the running bot's pid", async () => {
    const dbPath = join(dir, "twice.db");
    // Its stdin stays open, so the console bot keeps running until the test ends it.
    const { child: first, exited: firstExited } = startBot({ HILO_DB_PATH: dbPath }, "pipe");
    const firstOut = watchStream(first, "stdout");
    try {
      // The console prints the digest once the database is locked and open.
      await firstOut.waitFor(/\S/);

      const second = startBot({ HILO_DB_PATH: dbPath });
      expect(await second.exited).toBe(1);
      expect(second.stderr.text).toContain(`hilo: the database ${dbPath} is in use by pid ${first.pid} `);
      expect(second.stderr.text).toMatch(/stop it first, or set HILO_DB_PATH to another file\n$/);

      // The first bot never noticed: it ends when its input does, cleanly.
      first.stdin!.end();
      expect(await firstExited).toBe(0);
      expect(firstOut.text.length).toBeGreaterThan(0);
    } finally {
      first.kill("SIGKILL");
    }
  }, 60_000);
});
