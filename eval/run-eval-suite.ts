import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { CliIo } from "../src/cli/run-cli.js";
import { knownPhrases } from "../src/digest/actors/known-phrases.js";
import { summarizeArticles } from "../src/digest/developments/summarize-development.js";
import { type Logger, loadStoryPack } from "../src/digest/index.js";
import { extractiveSummary, MORE_SUMMARY } from "../src/digest/summaries/extractive-summary.js";
import { type ActorDiscoveryScores, evaluateActorDiscovery } from "./actor-discovery-eval.js";
import type { SplitScores } from "./development-eval.js";
import type { StoryEvaluation } from "./evaluate-story.js";
import { runStoryEvaluation } from "./evaluate-story-command.js";
import { type FeedCorpusSummary, isEncodingCase, summarizeFeedCorpus } from "./feed-corpus-eval.js";
import { formatEvalReport } from "./format-eval-report.js";
import { scoreJsonlSplits } from "./group-jsonl-articles.js";
import {
  EVAL_FILES,
  EvalDataError,
  missingEvalFiles,
  readEcbPlus,
  readFeedManifest,
  readSummaryClusters,
  readTaggedSentences,
} from "./read-eval-data.js";
import { DUC_ROUGE, MULTILING_ROUGE, type RougeSettings } from "./rouge.js";
import { FEED_CORPUS_RUN, type FeedCorpusRunOptions, runFeedCorpus } from "./run-feed-corpus.js";
import {
  datasetTermStats,
  leadSummary,
  type SummaryCluster,
  type SummaryScores,
  scoreSummaries,
} from "./summary-eval.js";

/** Everything one `hilo eval --all` run measured. */
export interface EvalReport {
  dataDir: string;
  seconds: number;
  developments: { dataset: string; splits: SplitScores[] };
  summaries: { dataset: string; maxWords: number; systems: SummaryScores[] }[];
  actors: ActorDiscoveryScores & { dataset: string; registry: string };
  feeds: FeedCorpusSummary & { dataset: string };
  /** Labelled story folders (`story-<pack id>/`) run end to end with the story pack of that id. */
  stories: { dir: string; pack: string; evaluation: StoryEvaluation }[];
  /** Labelled story folders left out, and why. */
  storiesSkipped: { dir: string; reason: string }[];
}

export interface EvalSuiteOptions {
  json: boolean;
  storyDir: string;
  feedRun?: FeedCorpusRunOptions;
}

/**
 * Runs every evaluation on the public data in `dir` and prints one report; returns the exit code.
 * A missing or malformed data file stops the run before anything is measured.
 */
export async function runEvalSuite(dir: string, options: EvalSuiteOptions, log: Logger, io: CliIo): Promise<number> {
  const started = Date.now();
  const missing = missingEvalFiles(dir);
  if (missing.length > 0) {
    io.stderr(
      `${missing.map((path) => `missing: ${path}`).join("\n")}\nhilo eval --all needs the evaluation data (see its README.md); pass its folder: hilo eval --all DIR\n`,
    );
    return 2;
  }
  let report: EvalReport;
  try {
    report = await measure(dir, options, log, io);
  } catch (error) {
    if (!(error instanceof EvalDataError)) throw error;
    io.stderr(`${error.message}\n`);
    return 2;
  }
  report.seconds = (Date.now() - started) / 1000;
  io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatEvalReport(report));
  return 0;
}

async function measure(dir: string, options: EvalSuiteOptions, log: Logger, io: CliIo): Promise<EvalReport> {
  const feedDir = join(dir, "feeds");
  const manifest = readFeedManifest(dir);
  const absent = manifest.filter((entry) => !existsSync(join(feedDir, entry.file)));
  if (absent.length > 0) {
    throw new EvalDataError(
      `${absent.map((entry) => `missing: ${join(feedDir, entry.file)}`).join("\n")}\n(listed in ${join(dir, EVAL_FILES.feedManifest)})`,
    );
  }
  // Reading every data file first means a malformed one stops the run before anything starts.
  const ecb = readEcbPlus(dir);
  const duc = readSummaryClusters(dir, EVAL_FILES.duc);
  const multiling = readSummaryClusters(dir, EVAL_FILES.multiling);
  const conll = readTaggedSentences(dir);
  // The feed corpus runs in a child process, alongside the measurements below.
  const feedResults = runFeedCorpus(
    {
      dir: feedDir,
      files: manifest.map((entry) => ({ file: entry.file, encodingCase: isEncodingCase(entry) })),
      now: Date.now(),
    },
    options.feedRun ?? FEED_CORPUS_RUN,
  );
  feedResults.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled meanwhile

  io.stderr("ECB+ developments…\n");
  // ECB+ is about other stories: grouped without the story pack's names, as `hilo eval --dataset` does.
  const splits = scoreJsonlSplits(ecb, { actors: [], glossary: [], places: [] }, log);

  io.stderr("summaries…\n");
  const summaries = [
    { dataset: "DUC 2003 task 2", maxWords: 100, systems: summarySystems(duc, DUC_ROUGE, { bytes: 665 }) },
    {
      dataset: "MultiLing 2011 en",
      maxWords: 250,
      systems: summarySystems(multiling, MULTILING_ROUGE, { words: 250 }),
    },
  ];

  io.stderr("actor discovery…\n");
  const known = knownPhrases(loadStoryPack(options.storyDir));
  const actors = {
    dataset: "CoNLL-2002 es dev",
    registry: options.storyDir,
    ...evaluateActorDiscovery(conll, (phrase) => known.has(phrase)),
  };

  io.stderr("feed corpus…\n");
  const categories = new Map(manifest.map((entry) => [entry.file, entry.category]));
  const feeds = {
    dataset: "feeds/",
    ...summarizeFeedCorpus(await feedResults, (file) => categories.get(file) ?? "unknown"),
  };

  io.stderr("labelled stories…\n");
  const { stories, storiesSkipped } = await evaluateStories(dir, options.storyDir, log);

  return {
    dataDir: dir,
    seconds: 0,
    developments: { dataset: "ECB+", splits },
    summaries,
    actors,
    feeds,
    stories,
    storiesSkipped,
  };
}

/**
 * Every `story-<id>/` folder of the data that holds labels, replayed through the bot with the story pack `<id>`
 * beside the configured one (content/<id>); a folder without its pack is reported, not scored.
 */
async function evaluateStories(
  dir: string,
  storyDir: string,
  log: Logger,
): Promise<Pick<EvalReport, "stories" | "storiesSkipped">> {
  const stories: EvalReport["stories"] = [];
  const storiesSkipped: EvalReport["storiesSkipped"] = [];
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter(
      (entry) =>
        entry.isDirectory() && entry.name.startsWith("story-") && existsSync(join(dir, entry.name, "labels.json")),
    )
    .map((entry) => entry.name)
    .sort();
  for (const folder of folders) {
    const packDir = join(storyDir, "..", folder.slice("story-".length));
    if (!existsSync(join(packDir, "story.json"))) {
      storiesSkipped.push({ dir: join(dir, folder), reason: `no story pack at ${packDir}` });
      continue;
    }
    const evaluation = await runStoryEvaluation(join(dir, folder), loadStoryPack(packDir), log);
    stories.push({ dir: join(dir, folder), pack: packDir, evaluation });
  }
  return { stories, storiesSkipped };
}

/** Lead, the summary chats get today, and the word-budget extractive summary, on one dataset. */
function summarySystems(
  clusters: readonly SummaryCluster[],
  settings: RougeSettings,
  leadCut: { bytes: number } | { words: number },
): SummaryScores[] {
  const stats = datasetTermStats(clusters, "en");
  const idf = (term: string) => stats.idf(term);
  const articlesOf = (cluster: SummaryCluster) =>
    cluster.docs.map((doc, index) => ({ title: doc.title, text: doc.text, publishedAt: doc.publishedAt ?? index }));
  const maxWords = settings.maxWords ?? MORE_SUMMARY.maxWords;
  return [
    scoreSummaries("Lead", clusters, (cluster) => leadSummary(cluster, leadCut), settings),
    scoreSummaries(
      "Hilo chat summary",
      clusters,
      (cluster) => {
        const summary = summarizeArticles(articlesOf(cluster), "en", idf);
        return summary ? `${summary.headline} ${summary.summary}` : "";
      },
      settings,
    ),
    scoreSummaries(
      "Hilo extractive",
      clusters,
      (cluster) => extractiveSummary(articlesOf(cluster), "en", idf, { ...MORE_SUMMARY, maxWords }).text,
      settings,
    ),
  ];
}
