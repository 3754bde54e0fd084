import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { CliIo, EvalTools } from "../src/cli/run-cli.js";
import { USAGE } from "../src/cli/usage.js";
import type { Config } from "../src/config.js";
import { ContentError, Hilo, type Logger, loadStoryPack } from "../src/digest/index.js";
import { articlesWithActors } from "./articles-with-actors.js";
import { evaluationPart } from "./development-eval.js";
import { withEvalDatabase } from "./eval-database.js";
import { evaluateDemo } from "./evaluate-demo.js";
import { formatStoryEvaluation, runStoryEvaluation } from "./evaluate-story-command.js";
import { clusterRow } from "./format-eval-report.js";
import { groupJsonlArticles, scoreJsonlSplits } from "./group-jsonl-articles.js";
import { readJsonlArticles } from "./read-jsonl-articles.js";
import { runEvalSuite } from "./run-eval-suite.js";

/** `hilo eval …` or `hilo cluster …`, as the hilo command hands them over; returns the exit code. */
export const runEvalCommand: EvalTools["runEvalCommand"] = (tool, args, config, log, io) =>
  tool === "eval" ? evaluate(args, config, log, io) : cluster(args, config, log, io);

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
    const evaluation = await withEvalDatabase(config, (db) => runStoryEvaluation(dir, pack, log, db));
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
  const labels = pack.labels;
  if (!labels) {
    io.stderr(`${config.storyDir} has no demo/labels.json to score against\n`);
    return 2;
  }
  return withEvalDatabase(config, async (db) => {
    const hilo = new Hilo({ db, pack, log, digestChars: config.digestChars });
    await hilo.ingestDemoIfEmpty();
    const result = evaluateDemo(
      labels,
      articlesWithActors(hilo.pipeline),
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
  });
}

function fmt(value: number): string {
  return value.toFixed(3);
}
