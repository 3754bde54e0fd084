/**
 * `npm run bench`: speed figures measured in one run on this machine. Not a test; nothing here asserts.
 * Usage: npm run bench [-- --archive 100000 --measure 2000 --no-startup] (compiles src/ and bench/ to dist-bench/ first)
 * BENCHMARKS.md records the latest run, the command, and what changed since the one before.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Parser from "rss-parser";
import { type FeedDocument, Hilo, loadStoryPack, openDatabase, silentLogger } from "../src/digest/index.js";
import { runFanOut } from "./fan-out.js";
import { type GeneratedArticle, streamArticles } from "./generate-stream.js";
import { median, parseAndStore } from "./parse-store-floor.js";
import { refreshCosts } from "./refresh-cost.js";
import { startupTimes } from "./startup-time.js";
import { toFeedDocuments } from "./to-feed-xml.js";

const { values } = parseArgs({
  options: {
    archive: { type: "string", default: "100000" },
    measure: { type: "string", default: "2000" },
    "no-startup": { type: "boolean", default: false },
  },
});
const archiveSize = Number.parseInt(values.archive, 10);
const measureSize = Number.parseInt(values.measure, 10);
const smallArchive = Math.min(10_000, archiveSize);
// A poll brings a few feeds at a time; the pipeline is called per poll with this many 50-item documents.
const FEEDS_PER_POLL = 4;
const ITEMS_PER_FEED = 50;

const pack = loadStoryPack("content/venezuela-2025");
const dir = mkdtempSync(join(tmpdir(), "hilo-bench-"));
const db = openDatabase(join(dir, "bench.db"));
// One bot, as `npm start` runs it: its pipeline files the stream, its commands answer the queries.
const hilo = new Hilo({ db, pack, log: silentLogger, digestChars: 3500 });
const pipeline = hilo.pipeline;
const stream = streamArticles(pack, archiveSize + 2 * measureSize, 42);
// The stream's clock: the newest article taken so far. The pipeline is told it is now a minute after it, as if each
// article were read from its feed as it came out. With the wall clock instead, the stream's articles (from 2025 on,
// ten minutes apart) were dated in the future past ~100k archived, and a feed item dated in the future is filed at
// the time it is read: every measured article then had the same date, years before the archive's newest.
let streamClock = 0;
const now = () => streamClock + 60_000;
const take = (n: number): GeneratedArticle[] => {
  const out: GeneratedArticle[] = [];
  for (
    let next = stream.next();
    !next.done;
    next = out.length < n - 1 ? stream.next() : { done: true, value: undefined }
  ) {
    out.push(next.value);
    streamClock = Math.max(streamClock, next.value.article.publishedAt);
  }
  return out;
};

const rows: [string, string][] = [];
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
let archived = 0;

/** Files `n` articles without timing them, in chunks, to grow the archive. */
function fill(n: number): void {
  for (let left = n; left > 0; left -= 1000) {
    const chunk = take(Math.min(1000, left));
    pipeline.ingestArticles(chunk, now());
    archived += chunk.length;
  }
}

// Each throughput figure is the median of this many passes, each over its own measureSize ÷ PASSES new articles.
const PASSES = 3;

/**
 * The next `measureSize` articles as feed XML, in PASSES passes: each pass's XML goes through bare rss-parser,
 * through the parse-and-store floor (rss-parser, one plain row and one FTS5 row per item) and through Hilo's whole
 * pipeline; each figure is the median of its passes, so the three are compared within one run.
 */
async function measureAt(): Promise<{ pipelineMsPerItem: number; floorMsPerItem: number }> {
  const label = `${Math.round(archived / 1000)}k`;
  const parse: number[] = [];
  const floor: number[] = [];
  const filed: number[] = [];
  for (let pass = 0; pass < PASSES; pass += 1) {
    const documents = toFeedDocuments(take(Math.ceil(measureSize / PASSES)), ITEMS_PER_FEED);
    const items = documents.reduce((sum, document) => sum + document.items, 0);
    const bare = new Parser();
    let start = performance.now();
    for (const document of documents) await bare.parseString(document.xml);
    parse.push((performance.now() - start) / items);
    floor.push((await parseAndStore(db, documents)) / items);
    const feedDocuments: FeedDocument[] = documents.map((document, i) => ({
      source: {
        feed: `https://bench.example/feed-${i % 40}-${document.lang}.xml`,
        publisher: `Outlet ${i % 40}`,
        lang: document.lang,
      },
      bytes: Buffer.from(document.xml),
    }));
    start = performance.now();
    for (let i = 0; i < feedDocuments.length; i += FEEDS_PER_POLL)
      await pipeline.ingest(feedDocuments.slice(i, i + FEEDS_PER_POLL), now());
    filed.push((performance.now() - start) / items);
    archived += items;
  }
  const [parseMs, floorMs, pipelineMs] = [median(parse), median(floor), median(filed)];
  const perSecond = (msPerItem: number) => (1000 / msPerItem).toFixed(0);
  rows.push([`pipeline from feed XML at ${label} archived (articles/s, median of ${PASSES})`, perSecond(pipelineMs)]);
  rows.push([`  floor: rss-parser + INSERT + FTS5 row (items/s)`, perSecond(floorMs)]);
  rows.push([`  bare rss-parser parseString (items/s)`, perSecond(parseMs)]);
  rows.push([
    `  pipeline ÷ floor (goal ≤ 3) · pipeline ÷ rss-parser`,
    `${(pipelineMs / floorMs).toFixed(1)} · ${(pipelineMs / parseMs).toFixed(1)}`,
  ]);
  return { pipelineMsPerItem: pipelineMs, floorMsPerItem: floorMs };
}

// 1. Throughput at 10k archived, then at the full archive, on the same seeded es/en stream with rewrites.
// The run's peak RSS so far (kilobytes → MB) after each phase, to tell which phase holds the peak.
const peaks: [string, number][] = [];
const notePeak = (phase: string) => peaks.push([phase, process.resourceUsage().maxRSS / 1024]);
fill(smallArchive);
const small = await measureAt();
notePeak(`${smallArchive / 1000}k`);
fill(archiveSize - archived);
notePeak(`fill to ${Math.round(archived / 1000)}k`);
const largeArchive = archived;
const large = await measureAt();
notePeak("its XML passes");
rows.push([
  `cost per article at ${Math.round(largeArchive / 1000)}k ÷ at ${smallArchive / 1000}k (goal ≤ 1.3)`,
  (large.pipelineMsPerItem / small.pipelineMsPerItem).toFixed(2),
]);
rows.push(["archive", `${pipeline.articles.count()} articles in ${pipeline.developments.count()} developments`]);

// Refreshing a development as it grows: its record, headline, summary and search terms are brought up to date when
// a report joins it, one report per poll.
const refresh = refreshCosts(pipeline, db, streamArticles(pack, 1500, 7), [1, 10, 60, 200]);
rows.push([
  `refresh per new report at ${refresh.map((r) => r.size).join(" · ")} reports (ms, mean over half its growth, median of 3)`,
  refresh.map((r) => r.meanMs.toFixed(2)).join(" · "),
]);
notePeak("refresh");
rows.push(["  the dearest refresh among them (ms: a full redraw)", refresh.map((r) => r.maxMs.toFixed(2)).join(" · ")]);
rows.push([
  "  refresh per new report at 200 reports ÷ at 1 (goal ≤ 1.5)",
  (refresh.at(-1)!.meanMs / refresh[0]!.meanMs).toFixed(2),
]);

// 2. Query latency at that archive, through the command path the adapters use.
const queries = [
  ["/actor petro", 10],
  ["/search asilo", 10],
  ["/timeline maduro 30", 10],
  ["/digest 24h", 50],
] as const;
for (const [line, goal] of queries) {
  const times: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    const t = performance.now();
    hilo.answer(line, { platform: "bench", chatId: "b" }, "es");
    times.push(performance.now() - t);
  }
  rows.push([
    `${line} p50 · p99 (ms; goal p99 ≤ ${goal})`,
    `${quantile(times, 0.5).toFixed(2)} · ${quantile(times, 0.99).toFixed(2)}`,
  ]);
  notePeak(line.split(" ")[0]!);
}
// The queries above run with nothing written between them. A live bot writes at every poll, and the first /actor
// after it finds the discovered actors changed: it is timed here, a poll of 20 new reports before each.
const afterPoll: number[] = [];
for (let i = 0; i < 30; i += 1) {
  fill(20);
  const t = performance.now();
  hilo.answer("/actor petro", { platform: "bench", chatId: "b" }, "es");
  afterPoll.push(performance.now() - t);
}
rows.push([
  "/actor petro right after a poll p50 · max of 30 (ms; goal ≤ 10)",
  `${quantile(afterPoll, 0.5).toFixed(2)} · ${Math.max(...afterPoll).toFixed(2)}`,
]);
notePeak("after polls");
rows.push([
  `peak RSS with ${Math.round(largeArchive / 1000)}k archived (MB; goal ≤ 160 at 1M)`,
  peaks.at(-1)![1].toFixed(0),
]);
rows.push([
  `  peak so far after ${peaks.map(([phase]) => phase).join(" · ")}`,
  peaks.map(([, mb]) => mb.toFixed(0)).join(" · "),
]);
db.close();
rmSync(dir, { recursive: true, force: true });

// 3. Delivery: one digest to 10,000 chats through an emulated platform (30 msg/s over any 1 s, 2% random 429s),
// the sender set 2 msg/s under that limit. On virtual time: at the real rate this would take ~6 minutes.
const fanOut = await runFanOut({ chats: 10_000, platformLimit: 30, senderRate: 28, random429: 0.02, seed: 42 });
const achieved = fanOut.delivered / (fanOut.virtualMs / 1000);
rows.push(["fan-out 10000 chats: achieved rate ÷ 30 msg/s limit (sender at 28)", (achieved / 30).toFixed(3)]);
rows.push(["fan-out: lost · duplicates", `${fanOut.lost} · ${fanOut.duplicates}`]);
rows.push([
  "fan-out: virtual send time (s) · wall-clock time to run it (s)",
  `${(fanOut.virtualMs / 1000).toFixed(1)} · ${(fanOut.wallMs / 1000).toFixed(2)}`,
]);

// 4. Startup of the console bot to its first digest: a new database (demo ingested), then the same one again.
if (!values["no-startup"]) {
  const startup = await startupTimes();
  rows.push([
    "console startup to first digest, compiled: new database · existing (s)",
    `${(startup.fresh / 1000).toFixed(2)} · ${(startup.existing / 1000).toFixed(2)}`,
  ]);
  rows.push([
    "console startup, existing database: compiled · through tsx (s, median of 3)",
    `${(startup.existing / 1000).toFixed(2)} · ${(startup.existingTsx / 1000).toFixed(2)}`,
  ]);
}

const width = Math.max(...rows.map(([name]) => name.length));
console.log(
  `Hilo benchmarks · ${cpus()[0]?.model ?? "unknown CPU"} · ${cpus().length} cores · Node ${process.version}`,
);
// npm run bench runs this file compiled (dist-bench/), as npm start runs the bot: no tsx in the measured memory.
const mode = import.meta.url.endsWith(".js") ? "compiled" : "through tsx";
console.log(`npm run bench -- --archive ${archiveSize} --measure ${measureSize} (${mode})`);
for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);
