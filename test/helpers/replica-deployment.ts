import type { ChildProcess } from "node:child_process";
import { openPostgres } from "../../src/digest/store/postgres/open-postgres.js";
import { PostgresDatabase } from "../../src/digest/store/postgres/postgres-database.js";
import { startBot, watchStream } from "./bot-process.js";
import { FeedServer } from "./feed-server.js";
import { TEST_TOKEN, type TelegramEmulator } from "./telegram-emulator.js";
import { rss, type TestItem } from "./write-feed.js";

/** Creates a new, empty database on the suite's server and returns its URL (with a password the server ignores). */
export function newDatabase(server: string, name: string): string {
  const admin = PostgresDatabase.connect(server);
  try {
    admin.exec(`CREATE DATABASE ${name}`);
  } finally {
    admin.close();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  url.password = "s3cret-pw";
  return url.toString();
}

/**
 * `count` private Telegram chats (ids from `firstChatId`) subscribed two days before `now` to a digest at 00:00 UTC,
 * so each is due one digest at once; alerts off, so the digest is all they are sent. Written with plain SQL: a
 * fixture of a thousand chats through the stores would take longer than the test.
 */
export function subscribeChats(url: string, count: number, now: number, firstChatId = 10_001): void {
  const db = openPostgres(url);
  try {
    const since = now - 2 * 24 * 60 * 60 * 1000;
    db.query(
      `INSERT INTO chats (platform, chat_id, kind, lang, created_at)
       SELECT 'telegram', ($1 + n)::text, 'private', 'es', $2 FROM generate_series(0, $3 - 1) AS n`,
      [firstChatId, since, count],
    );
    db.query(
      `INSERT INTO subscriptions (chat_ref, digest_at, time_zone, alerts, subscribed_at)
       SELECT id, '00:00', 'UTC', 0, $1 FROM chats WHERE platform = 'telegram'`,
      [since],
    );
  } finally {
    db.close();
  }
}

/** On-story reports of the last hours, newest first: enough for a digest. */
export function storyItems(now: number, ids: readonly string[]): TestItem[] {
  return ids.map((id, i) => ({
    id,
    title: `Maduro y Trump: nueva ronda de contactos sobre el despliegue en el Caribe (${id})`,
    text: `Delegaciones de Venezuela y Estados Unidos hablaron de asilo y del despliegue naval en el Caribe; Petro pidió calma. Informe ${id}.`,
    at: new Date(now - (i + 1) * 20 * 60_000).toISOString(),
  }));
}

/** A feed server with one story feed at /story.xml; `update` serves new items from then on. */
export async function storyFeed(items: TestItem[]) {
  const server = await FeedServer.start();
  const update = (next: TestItem[]) =>
    server.serve("/story.xml", {
      kind: "feed",
      body: Buffer.from(rss("Diario de Prueba", next)),
      contentType: "application/rss+xml; charset=utf-8",
    });
  update(items);
  return { server, url: server.url("/story.xml"), update };
}

/** A replica of the Telegram bot on PostgreSQL, its stderr (JSON log lines) watched. */
export function startReplica(
  { url, feed, telegram }: { url: string; feed: string; telegram: TelegramEmulator },
  more: Record<string, string> = {},
) {
  const bot = startBot({
    HILO_DATABASE_URL: url,
    HILO_FEED_URLS: feed,
    HILO_ALLOW_PRIVATE_FEEDS: "1",
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    HILO_LOG_LEVEL: "info",
    ...more,
  });
  return { ...bot, log: bot.stderr, stdout: watchStream(bot.child, "stdout") };
}

/** The log lines (JSON) of a replica that carry `message`. */
export function logLines(text: string, message: string): Record<string, unknown>[] {
  return text
    .split("\n")
    .filter((line) => line.includes(`"msg":"${message}"`))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Kills a child for good (SIGKILL) and waits until it is gone. */
export async function killHard(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  child.kill("SIGKILL");
  await exited;
}

/** `wait`, or a failure naming what did not happen within `ms` and the tail of the replica's log, to see why. */
export function within<T>(ms: number, what: string, wait: Promise<T>, log: { text: string }): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new Error(`${what}: not within ${ms} ms; the log ends:\n${log.text.split("\n").slice(-15).join("\n")}`)),
      ms,
    );
  });
  return Promise.race([wait, late]).finally(() => clearTimeout(timer));
}
