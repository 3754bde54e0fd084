/**
 * `npm run bench`: speed figures measured in one run on this machine. Not a test; nothing here asserts.
 * Usage: npm run bench [-- --articles 20000]
 */
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import Parser from "rss-parser";
import { decodeFeedBytes } from "../src/digest/feeds/decode-feed-bytes.js";
import { parseFeed } from "../src/digest/feeds/parse-feed.js";
import { Hilo, loadStoryPack, openDatabase, Pipeline, silentLogger } from "../src/digest/index.js";
import { generateStream } from "./generate-stream.js";
import { runFanOut } from "./fan-out.js";

const { values } = parseArgs({ options: { articles: { type: "string", default: "20000" } } });
const total = Number.parseInt(values.articles, 10);
const pack = loadStoryPack("content/venezuela-2025");

const rows: [string, string][] = [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// 1. Parsing: our decode + parse + normalise against bare rss-parser on the same demo XML.
const demo = pack.demoFeeds.map((feed) => ({ feed, bytes: readFileSync(feed.path) }));
const bare = new Parser();
const parseRounds = { ours: [] as number[], bare: [] as number[] };
for (let round = 0; round < 7; round += 1) {
  let start = performance.now();
  for (const { bytes } of demo) await bare.parseString(bytes.toString("utf8"));
  parseRounds.bare.push(performance.now() - start);
  start = performance.now();
  for (const { feed, bytes } of demo) {
    const { text } = decodeFeedBytes(bytes, undefined, feed.path);
    await parseFeed(text, { feed: feed.path, publisher: feed.publisher, lang: feed.lang }, Date.now());
  }
  parseRounds.ours.push(performance.now() - start);
}
rows.push(["parse demo feeds: ours ÷ bare rss-parser (median of 7)", (median(parseRounds.ours) / median(parseRounds.bare)).toFixed(2)]);

// 2. Pipeline throughput on a generated, seeded stream (es and en, with rewrites), into SQLite.
const stream = generateStream(pack, total, 42);
const db = openDatabase(":memory:");
const pipeline = new Pipeline(db, pack, silentLogger);
const half = Math.floor(stream.length / 2);
let start = performance.now();
pipeline.ingestArticles(stream.slice(0, half), Date.now());
const firstHalf = performance.now() - start;
start = performance.now();
pipeline.ingestArticles(stream.slice(half), Date.now());
const secondHalf = performance.now() - start;
rows.push([`pipeline, first ${half} articles (articles/s)`, (half / (firstHalf / 1000)).toFixed(0)]);
rows.push([`pipeline, next ${stream.length - half} with ${half} archived (articles/s)`, ((stream.length - half) / (secondHalf / 1000)).toFixed(0)]);
rows.push(["cost per article, second half ÷ first half", (secondHalf / (stream.length - half) / (firstHalf / half)).toFixed(2)]);
const counts = pipeline.developments.counts();
rows.push(["developments formed", `${counts.developments} from ${counts.articles} articles`]);

// 3. Query latency on that archive, through the same command path the adapters use.
const hilo = new Hilo({ db, pack, log: silentLogger, digestChars: 3500 });
for (const [name, line] of [["/actor petro", "/actor petro"], ["/search asilo", "/search asilo"], ["/timeline maduro 30", "/timeline maduro 30"], ["/digest 24h", "/digest 24h"]] as const) {
  const times: number[] = [];
  for (let i = 0; i < 30; i += 1) {
    const t = performance.now();
    hilo.answer(line, { platform: "bench", chatId: "b" }, "es");
    times.push(performance.now() - t);
  }
  rows.push([`${name} latency, median of 30 (ms)`, median(times).toFixed(2)]);
}
rows.push(["peak RSS (MB)", (process.memoryUsage().rss / 1e6).toFixed(0)]);

// 4. Delivery: one digest to 10,000 chats through an emulated platform (30 msg/s over any 1 s, 2% random 429s),
// the sender set 2 msg/s under that limit. On virtual time: at the real rate this would take ~6 minutes.
const fanOut = await runFanOut({ chats: 10_000, platformLimit: 30, senderRate: 28, random429: 0.02, seed: 42 });
const achieved = fanOut.delivered / (fanOut.virtualMs / 1000);
rows.push(["fan-out 10000 chats, virtual time: achieved rate ÷ 30 msg/s limit (sender at 28)", (achieved / 30).toFixed(3)]);
rows.push(["fan-out: virtual send time (s) · messages/s", `${(fanOut.virtualMs / 1000).toFixed(1)} · ${achieved.toFixed(1)}`]);
rows.push(["fan-out: lost · duplicates", `${fanOut.lost} · ${fanOut.duplicates}`]);
rows.push(["fan-out: 429s answered, random · over the limit", `${fanOut.random429s} · ${fanOut.overLimit429s}`]);
rows.push(["fan-out: wall-clock time to run it (s)", (fanOut.wallMs / 1000).toFixed(2)]);

const width = Math.max(...rows.map(([name]) => name.length));
console.log(`Hilo benchmarks · ${cpus()[0]?.model ?? "unknown CPU"} · ${cpus().length} cores · Node ${process.version}`);
for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);
