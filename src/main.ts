import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { ConsoleNotifier } from "./adapters/console/console-notifier.js";
import { runConsole } from "./adapters/console/repl.js";
import { type Config, loadConfig, secretValues, storyClock } from "./config.js";
import {
  type DatabaseLock,
  type Db,
  describeError,
  HandledUpdates,
  Hilo,
  type Logger,
  loadStoryPack,
  lockDatabase,
  type Notifier,
  openDatabase,
  openPostgres,
  PostgresDatabase,
  postgresLease,
  quarantineInterrupted,
  soleWorker,
  type WorkLease,
} from "./digest/index.js";
import { loadDotEnv } from "./load-dot-env.js";
import { createLogger, secretScrubber } from "./ops/create-logger.js";

/** How long a signal may take to stop the adapters before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 8_000;

/** A running chat platform: where its messages go, and how it stops taking updates. */
interface Platform {
  notifier: Notifier;
  stop(): Promise<void>;
  /** This replica took over the work lease (Telegram's long polling goes with it). */
  takeOver?(): void;
}

// Set once the config is read, so that not even a fatal error's message can print a token.
let scrub: (text: string) => string = (text) => text;

/** Wiring only: config, database, story, then the adapters whose tokens are set (the console when none). */
async function main(): Promise<void> {
  const start = readStartArgs(process.argv.slice(2));
  if (typeof start === "string") {
    process.stderr.write(`hilo: ${start}\n`);
    process.exit(2);
  }
  loadDotEnv();
  const config = loadConfig();
  scrub = secretScrubber(secretValues(config));
  const log = createLogger({ level: config.logLevel, secrets: secretValues(config) });
  const pack = loadStoryPack(config.storyDir, { setBy: "HILO_STORY_DIR" });
  const { db, lock } = openBotDatabase(config);
  const hilo = new Hilo({ db, pack, log, storyClock: storyClock(config), digestChars: config.digestChars });
  // On PostgreSQL any number of replicas share the database; one at a time polls, files and schedules.
  const work: WorkLease = db instanceof PostgresDatabase ? postgresLease(db, "work") : soleWorker();

  // Signals are heard from here on: whatever has started by then is stopped, newest first.
  const running: (() => void | Promise<void>)[] = [];
  let stopping = false;
  const shutdown = async (signal?: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    if (signal) log.info("stopping", { signal });
    const forced = setTimeout(() => {
      log.error("adapters did not stop in time; exiting", { graceMs: SHUTDOWN_GRACE_MS });
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    forced.unref();
    for (const stop of running.reverse()) {
      try {
        await stop();
      } catch (error) {
        log.warn("a part of the bot failed to stop cleanly", { error: describeError(error) });
      }
    }
    db.close();
    lock?.release();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  const working = config.delivers && work.hold() !== "elsewhere";
  if (working) await prepareDatabase(hilo, config, log);
  else if (config.delivers) log.info("another replica polls feeds and schedules; this one answers chats and sends");
  // A console that does not go live only answers: the replicas that do keep the polling.
  if (!config.live) work.release();
  const platforms = await startPlatforms(hilo, config, log, running, { db, working });
  // With --json, stdout carries only the replies' JSON lines; what live console mode delivers is shown on stderr.
  const notifiers =
    platforms.length > 0
      ? platforms.map((platform) => platform.notifier)
      : [new ConsoleNotifier(start.json ? process.stderr : process.stdout)];
  if (config.live && config.delivers) {
    // Loaded only when live, so the console demo starts without the HTTP server and prom-client.
    const { startLive } = await import("./start-live.js");
    await startLive({
      hilo,
      db,
      pack,
      config,
      log,
      notifiers,
      running,
      work,
      // Host and pid for the operator; the random part keeps two containers that share both apart.
      replica: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      onWorkTaken: () => {
        for (const platform of platforms) platform.takeOver?.();
      },
    });
  }

  // With a chat platform the bot runs until a signal; without one, the console is the chat.
  if (platforms.length > 0) return;
  await runConsole(hilo, config.lang, {
    input: process.stdin,
    output: process.stdout,
    interactive: process.stdin.isTTY === true,
    json: start.json,
  });
  // Live, the bot keeps polling and sending after stdin ends (e.g. under a process manager) until a signal.
  if (!config.live) await shutdown();
}

/** `npm start -- --json`: the console prints each reply as one line of JSON. Anything else is refused, not ignored. */
function readStartArgs(args: readonly string[]): { json: boolean } | string {
  const unknown = args.find((arg) => arg !== "--json");
  if (unknown === undefined) return { json: args.length > 0 };
  return `unknown argument ${JSON.stringify(unknown)}: npm start takes only --json (each console reply as one line of JSON), as in npm start --silent -- --json`;
}

/**
 * Before the bot serves anyone, by the process that files news (the work lease's holder): feeds whose reading the
 * last holder died in are quarantined; then the demo's fiction is ingested into an empty demo database, or removed
 * from a live one that holds some.
 */
async function prepareDatabase(hilo: Hilo, config: Config, log: Logger): Promise<void> {
  quarantineInterrupted(hilo.pipeline, log, Date.now());
  if (config.demo) {
    const report = await hilo.ingestDemoIfEmpty();
    if (report) log.info("demo corpus ingested", { articles: report.added, developments: report.developmentsCreated });
    return;
  }
  const removed = hilo.removeDemoItems();
  if (removed.feeds > 0) {
    log.warn("removed the demo story's fictional items from the live database", {
      feeds: removed.feeds,
      articles: removed.articles,
      developments: removed.developmentsRemoved,
    });
  }
}

/** Starts each platform whose token is set, each added to `running` as soon as it runs; none means the console. */
async function startPlatforms(
  hilo: Hilo,
  config: Config,
  log: Logger,
  running: (() => void | Promise<void>)[],
  { db, working }: { db: Db; working: boolean },
): Promise<Platform[]> {
  const platforms: Platform[] = [];
  const started = (platform: Platform) => {
    platforms.push(platform);
    running.push(() => platform.stop());
  };
  // Each platform's library is loaded only when its token is set: grammY and discord.js take about a second to load,
  // which the console would pay at every start for nothing.
  // Under discord.js's ShardingManager, Telegram (like the feeds and deliveries) runs in shard 0 only.
  if (config.telegram && config.delivers) {
    const { startTelegram } = await import("./adapters/telegram/start-telegram.js");
    const telegram = await startTelegram({
      hilo,
      telegram: config.telegram,
      log,
      handled: new HandledUpdates(db),
      pollNow: working,
    });
    started({ ...telegram, takeOver: () => telegram.startPolling() });
  }
  if (config.discord) {
    const { startDiscord } = await import("./adapters/discord/start-discord.js");
    started(await startDiscord({ hilo, discord: config.discord, log }));
  }
  return platforms;
}

main().catch((error: unknown) => {
  process.stderr.write(`hilo: ${scrub(error instanceof Error ? error.message : String(error))}\n`);
  process.exit(1);
});

/**
 * The bot's database: PostgreSQL when HILO_DATABASE_URL is set, shared by any number of replicas; else the SQLite
 * file, whose writer's lock (when this process delivers) makes a second bot on it refuse to start. The lock comes
 * first, so two first starts cannot both migrate. Shards past 0 only answer, and take none.
 */
function openBotDatabase(config: Config): { db: Db; lock: DatabaseLock | undefined } {
  if (config.databaseUrl)
    return { db: openPostgres(config.databaseUrl, { setBy: "HILO_DATABASE_URL" }), lock: undefined };
  const lock = config.delivers ? lockDatabase(config.dbPath, { setBy: "HILO_DB_PATH" }) : undefined;
  return { db: openDatabase(config.dbPath, { setBy: "HILO_DB_PATH" }), lock };
}
