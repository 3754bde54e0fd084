import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { renderReply } from "../adapters/console/render.js";
import { registerSlashCommands } from "../adapters/discord/register-commands.js";
import type { Config } from "../config.js";
import { storyClock } from "../config.js";
import {
  DatabaseInUseError,
  type DatabaseLock,
  DatabaseOpenError,
  DatabaseSchemaError,
  type Db,
  describeError,
  type FeedDocument,
  fetchFeed,
  Hilo,
  type Lang,
  type Logger,
  loadStoryPack,
  lockDatabase,
  openDatabase,
} from "../digest/index.js";
import { askHilo, readAskArgs } from "./ask-command.js";
import { replayCommand } from "./replay-command.js";
import { USAGE } from "./usage.js";

export interface CliIo {
  stdin: () => Promise<string>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Runs one `hilo` subcommand; returns the process exit code. */
export async function runCli(argv: string[], config: Config, log: Logger, io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "ingest":
      return ingest(rest, config, log, io);
    case "digest":
      return digest(rest, config, log, io);
    case "ask":
      return ask(rest, config, log, io);
    case "replay":
      return replayCommand(rest, config, log, io);
    case "cluster":
      return runEvalTool("cluster", rest, config, log, io);
    case "eval":
      return runEvalTool("eval", rest, config, log, io);
    case "discord-register":
      return discordRegister(rest, config, io);
    default:
      io.stderr(`${command ? `unknown command "${command}"\n` : ""}${USAGE}\n`);
      return 2;
  }
}

async function discordRegister(args: string[], config: Config, io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { guild: { type: "string" } } });
  if (values.guild !== undefined && !/^\d{15,21}$/.test(values.guild)) {
    io.stderr(
      `--guild takes a server id (digits; Discord: Developer Mode, then right-click the server → Copy Server ID), not "${values.guild}"\n`,
    );
    return 2;
  }
  if (!config.discord) {
    io.stderr("hilo discord-register needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (README, section Discord)\n");
    return 2;
  }
  try {
    const done = await registerSlashCommands(config.discord, values.guild);
    io.stdout(
      `${done.commands} slash commands registered (${done.scope})${done.scope === "global" ? "; Discord may take up to an hour to show changes" : ""}\n`,
    );
    return 0;
  } catch (error) {
    io.stderr(`could not register the slash commands: ${describeError(error)}\n`);
    return 1;
  }
}

async function ingest(args: string[], config: Config, log: Logger, io: CliIo): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { publisher: { type: "string" } },
  });
  if (positionals.length === 0) {
    io.stderr(`hilo ingest needs at least one feed file or URL\n${USAGE}\n`);
    return 2;
  }
  const pack = loadStoryPack(config.storyDir, { setBy: "HILO_STORY_DIR" });
  // Feeds a user names are news: they go to the live database, never into the demo's fiction.
  const opened = openForWriting(config.liveDbPath, io);
  if (!opened) return 1;
  const { db, lock } = opened;
  try {
    const hilo = new Hilo({ db, pack, log, digestChars: config.digestChars });
    const documents: FeedDocument[] = [];
    let failed = 0;
    for (const target of positionals) {
      const known = pack.settings.feeds.find((feed) => feed.url === target);
      // Unnamed, the outlet is read from the channel's title, never the file's name.
      const publisher = values.publisher ?? known?.publisher;
      if (/^https?:\/\//.test(target)) {
        // The poller's fetch, so the same size cap, timeout, redirect and address rules hold here.
        const fetched = await fetchFeed({ url: target }, { now: Date.now(), allowPrivate: config.allowPrivateFeeds });
        if (fetched.kind === "fresh") {
          documents.push({
            source: { feed: target, publisher, lang: known?.lang },
            bytes: fetched.bytes,
            contentType: fetched.contentType,
          });
        } else {
          failed += 1;
          const why =
            fetched.kind === "failed"
              ? `${fetched.error.reason}: ${fetched.error.message}`
              : "http: HTTP 304 to a request that was not conditional";
          io.stdout(`${target}: failed: ${why}\n`);
        }
        continue;
      }
      try {
        documents.push({
          source: { feed: target, publisher, lang: known?.lang },
          bytes: readFileSync(target),
          contentType: undefined,
        });
      } catch (error) {
        failed += 1;
        io.stderr(`${target}: cannot read it: ${(error as Error).message}\n`);
      }
    }
    const report = await hilo.pipeline.ingest(documents, Date.now());
    for (const feed of report.feeds) {
      io.stdout(
        feed.error ? `${feed.feed}: failed: ${feed.error}\n` : `${feed.feed}: ${feed.items} items, ${feed.added} new\n`,
      );
    }
    io.stdout(
      `${report.added} articles added (${report.copies} copies), ${report.developmentsCreated} new developments\n`,
    );
    return failed > 0 || report.feeds.some((feed) => feed.error) ? 1 : 0;
  } finally {
    db.close();
    lock.release();
  }
}

async function digest(args: string[], config: Config, log: Logger, io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      since: { type: "string", default: "24h" },
      lang: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const lang = (values.lang ?? config.lang) as Lang;
  if (lang !== "es" && lang !== "en") {
    io.stderr(`--lang must be es or en, not "${values.lang}"\n`);
    return 2;
  }
  return withHilo(config, log, io, (hilo) => {
    const reply = hilo.answer(`/digest ${values.since}`, { platform: "cli", chatId: "cli" }, lang)!;
    if (reply.kind === "error") {
      io.stderr(`${reply.text}\n`);
      return 2;
    }
    io.stdout(values.json ? `${JSON.stringify(reply, null, 2)}\n` : `${renderReply(reply)}\n`);
    return 0;
  });
}

/** `hilo ask`: one command or question answered from the database `hilo digest` reads, as the console answers it. */
async function ask(args: string[], config: Config, log: Logger, io: CliIo): Promise<number> {
  const options = readAskArgs(args, config.lang);
  if (typeof options === "string") {
    io.stderr(`${options}\n`);
    return 2;
  }
  return withHilo(config, log, io, (hilo) => {
    io.stdout(askHilo(hilo, options));
    return 0;
  });
}

/**
 * Runs `use` with a Hilo over the database, locked against a running bot (1 when it cannot be had, said on
 * stderr), the demo ingested first when the demo is on; the database is closed and unlocked however it ends.
 */
async function withHilo(config: Config, log: Logger, io: CliIo, use: (hilo: Hilo) => number): Promise<number> {
  const pack = loadStoryPack(config.storyDir, { setBy: "HILO_STORY_DIR" });
  const opened = openForWriting(config.dbPath, io);
  if (!opened) return 1;
  const { db, lock } = opened;
  try {
    const hilo = new Hilo({ db, pack, log, storyClock: storyClock(config), digestChars: config.digestChars });
    if (config.demo) await hilo.ingestDemoIfEmpty();
    return use(hilo);
  } finally {
    db.close();
    lock.release();
  }
}

/** The database, locked against a running bot; undefined, after saying why on stderr, when it cannot be had. */
function openForWriting(path: string, io: CliIo): { db: Db; lock: DatabaseLock } | undefined {
  try {
    const lock = lockDatabase(path, { setBy: "HILO_DB_PATH" });
    try {
      return { db: openDatabase(path, { setBy: "HILO_DB_PATH" }), lock };
    } catch (error) {
      lock.release();
      throw error;
    }
  } catch (error) {
    if (
      !(
        error instanceof DatabaseInUseError ||
        error instanceof DatabaseOpenError ||
        error instanceof DatabaseSchemaError
      )
    )
      throw error;
    io.stderr(`${error.message}\n`);
    return undefined;
  }
}

/** What eval/eval-commands.ts exports (it declares itself against this type). */
export interface EvalTools {
  runEvalCommand(tool: "eval" | "cluster", args: string[], config: Config, log: Logger, io: CliIo): Promise<number>;
}

/**
 * `hilo eval` and `hilo cluster` live in eval/, beside bench/, not in the bot: a checkout runs them (through tsx,
 * a dev dependency); the Docker image, which has neither eval/ nor tsx, says so instead of failing obscurely.
 */
async function runEvalTool(tool: "eval" | "cluster", args: string[], config: Config, log: Logger, io: CliIo) {
  // The same path from src/cli/ and from dist/cli/; computed, so the compiler never pulls eval/ into dist/.
  const entry = new URL(["..", "..", "eval", "eval-commands.ts"].join("/"), import.meta.url);
  if (!existsSync(entry)) {
    io.stderr(`hilo ${tool} runs from a checkout of the repository (eval/ is not in this installation)\n`);
    return 2;
  }
  if (import.meta.url.endsWith(".js")) {
    const tsx = await import("tsx/esm/api").catch(() => undefined);
    if (!tsx) {
      io.stderr(`hilo ${tool} needs the development dependencies (npm install), for tsx\n`);
      return 2;
    }
    tsx.register();
  }
  const tools = (await import(entry.href)) as EvalTools;
  return tools.runEvalCommand(tool, args, config, log, io);
}
