import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { renderReply } from "../adapters/console/render.js";
import { registerSlashCommands } from "../adapters/discord/register-commands.js";
import type { Config } from "../config.js";
import { storyClock } from "../config.js";
import { evaluationPart } from "../digest/eval/development-eval.js";
import { evaluateDemo } from "../digest/eval/evaluate-demo.js";
import {
  ContentError,
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
import { formatStoryEvaluation, runStoryEvaluation } from "./evaluate-story-command.js";
import { clusterRow } from "./format-eval-report.js";
import { groupJsonlArticles, scoreJsonlSplits } from "./group-jsonl-articles.js";
import { readJsonlArticles } from "./read-jsonl-articles.js";
import { replayCommand } from "./replay-command.js";
import { runEvalSuite } from "./run-eval-suite.js";

export interface CliIo {
  stdin: () => Promise<string>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const USAGE = `usage:
  hilo ingest FILE|URL…                    read feed files or URLs into the database
  hilo digest [--since 24h] [--lang es|en] [--json]
  hilo ask "<command or question>" [--json] [--lang es|en]
                                           answer one command ("/actor petro") or question, as the console does
  hilo replay FEED… [--from ISO] [--to ISO] [--subscribe HH:MM ZONE] [--json]
                                           what a subscribed chat would have been sent, on a virtual clock
  hilo cluster [--with-pack] < FILE.jsonl  one {id,title,text,lang?,published?,publisher?,split?} per line → {id,development}
  hilo eval --dataset FILE.jsonl           pairwise and B-cubed P/R/F1 against the "cluster" field
  hilo eval --story DIR [--json]           a labelled story folder end to end with the pack of HILO_STORY_DIR
  hilo eval --all [DIR] [--json]           every measurement on the public evaluation data (DIR: ../shared/eval)
  hilo eval --demo                         developments and actors on the bundled demo labels
  hilo discord-register [--guild ID]       publish the slash commands (one server at once, or global)`;

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
      return cluster(rest, config, log, io);
    case "eval":
      return evaluate(rest, config, log, io);
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

/**
 * Groups JSONL lines as `hilo eval --dataset` does, so both give the same figure: without the story pack's names
 * unless --with-pack, and each split (test apart from train and dev) on its own, its development ids prefixed by it.
 */
async function cluster(args: string[], config: Config, log: Logger, io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { "with-pack": { type: "boolean", default: false } } });
  const pack = values["with-pack"]
    ? loadStoryPack(config.storyDir, { setBy: "HILO_STORY_DIR" })
    : { actors: [], glossary: [], places: [] };
  const lines = readJsonlArticles(await io.stdin(), Date.now(), (line, problem) =>
    io.stderr(`line ${line}: ${problem}\n`),
  );
  const parts = new Map<string, typeof lines>();
  for (const entry of lines)
    parts.set(evaluationPart(entry.line.split), [...(parts.get(evaluationPart(entry.line.split)) ?? []), entry]);
  const developments = new Map<string, string>();
  for (const [part, entries] of parts) {
    for (const [id, development] of groupJsonlArticles(entries, pack, log))
      developments.set(id, parts.size > 1 || part !== "all" ? `${part}:${development}` : String(development));
  }
  for (const { line, article } of lines)
    io.stdout(`${JSON.stringify({ id: line.id, development: developments.get(article.id) })}\n`);
  return 0;
}

async function evaluate(args: string[], config: Config, log: Logger, io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      dataset: { type: "string" },
      demo: { type: "boolean", default: false },
      story: { type: "string" },
      "with-pack": { type: "boolean", default: false },
      all: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
  });
  if (positionals.length > 0 && !values.all) {
    io.stderr(`only hilo eval --all takes a folder, not "${positionals[0]}"\n${USAGE}\n`);
    return 2;
  }
  if (values.all)
    return runEvalSuite(
      resolve(positionals[0] ?? "../shared/eval"),
      { json: values.json, storyDir: config.storyDir },
      log,
      io,
    );
  if (values.story !== undefined) return evaluateStoryFolder(values.story, values.json, config, log, io);
  if (values.demo || !values.dataset) {
    if (!values.dataset && !values.demo) {
      io.stderr(`hilo eval needs --dataset FILE.jsonl, --story DIR, --demo or --all [DIR]\n${USAGE}\n`);
      return 2;
    }
    return evaluateDemoCorpus(config, log, io);
  }
  let text: string;
  try {
    text = readFileSync(values.dataset, "utf8");
  } catch (error) {
    io.stderr(`cannot read the dataset ${values.dataset}: ${(error as Error).message}\n`);
    return 2;
  }
  const lines = readJsonlArticles(text, Date.parse("2000-01-01T00:00:00Z"), (line, problem) =>
    io.stderr(`line ${line}: ${problem}\n`),
  );
  if (lines.some((entry) => entry.line.cluster === undefined)) {
    io.stderr(`every line needs a "cluster" field to be scored\n`);
    return 2;
  }
  // A dataset about other stories is grouped without the story pack's names, unless --with-pack says otherwise.
  const pack = values["with-pack"]
    ? loadStoryPack(config.storyDir, { setBy: "HILO_STORY_DIR" })
    : { actors: [], glossary: [], places: [] };
  io.stdout(`| split | docs | gold | predicted | B³ P | B³ R | B³ F1 | pair P | pair R | pair F1 | topics apart |\n`);
  io.stdout(`|---|---|---|---|---|---|---|---|---|---|---|\n`);
  for (const { split, scores, topicsApart } of scoreJsonlSplits(lines, pack, log)) {
    io.stdout(`${clusterRow(split, scores)} ${topicsApart ? `${topicsApart.apart}/${topicsApart.topics}` : "–"} |\n`);
  }
  return 0;
}

async function evaluateStoryFolder(
  dir: string,
  json: boolean,
  config: Config,
  log: Logger,
  io: CliIo,
): Promise<number> {
  const pack = loadStoryPack(config.storyDir, { setBy: "HILO_STORY_DIR" });
  try {
    const evaluation = await runStoryEvaluation(dir, pack, log);
    io.stdout(
      json ? `${JSON.stringify(evaluation, null, 2)}\n` : formatStoryEvaluation(dir, config.storyDir, evaluation),
    );
    return 0;
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    io.stderr(`${error.message}\n`);
    return 2;
  }
}

async function evaluateDemoCorpus(config: Config, log: Logger, io: CliIo): Promise<number> {
  const pack = loadStoryPack(config.storyDir, { setBy: "HILO_STORY_DIR" });
  if (!pack.labels) {
    io.stderr(`${config.storyDir} has no demo/labels.json to score against\n`);
    return 2;
  }
  const db = openDatabase(":memory:");
  try {
    const hilo = new Hilo({ db, pack, log, digestChars: config.digestChars });
    await hilo.ingestDemoIfEmpty();
    const result = evaluateDemo(
      pack.labels,
      hilo.pipeline.developments.allArticlesWithActors(),
      new Set(pack.actors.map((actor) => actor.id)),
    );
    io.stdout(
      `| split | docs | gold | predicted | B³ P | B³ R | B³ F1 | pair P | pair R | pair F1 |\n|---|---|---|---|---|---|---|---|---|---|\n`,
    );
    io.stdout(`${clusterRow("demo", result.developments)}\n\n`);
    io.stdout(
      `distractors merged with another development: ${result.mergedDistractors.length === 0 ? "none" : result.mergedDistractors.join(", ")}\n`,
    );
    const a = result.actors;
    io.stdout(
      `actors: precision ${fmt(a.precision)} recall ${fmt(a.recall)} F1 ${fmt(a.f1)} (tp ${a.truePositives}, fp ${a.falsePositives}, fn ${a.falseNegatives}); petróleo→Petro false links: ${result.petroFalsePositives}; links to countries and bodies outside the labels (not scored): ${result.outsideLinks}\n`,
    );
    if (result.missing.length > 0) io.stdout(`labelled items not found: ${result.missing.join(", ")}\n`);
    return 0;
  } finally {
    db.close();
  }
}

function fmt(value: number): string {
  return value.toFixed(3);
}
