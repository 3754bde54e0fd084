import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articlesWithActors } from "../../eval/articles-with-actors.js";
import { renderReply } from "../../src/adapters/console/render.js";
import { parseAddressAllowance } from "../../src/digest/feeds/check-address.js";
import { FeedPoller } from "../../src/digest/feeds/poll-feeds.js";
import { en } from "../../src/digest/i18n/en.js";
import { FEED_LIMITS, loadStoryPack, openDatabase, Pipeline, RecordingLogger } from "../../src/digest/index.js";
import { buildSourcesReply } from "../../src/digest/summaries/build-sources-reply.js";
import { STORY_DIR } from "../helpers/demo-hilo.js";
import { startHostileFeeds } from "../helpers/hostile-feeds.js";

const NOW = Date.parse("2025-12-12T12:00:00Z");
const pack = loadStoryPack(STORY_DIR);

let world: Awaited<ReturnType<typeof startHostileFeeds>>;
beforeAll(async () => {
  world = await startHostileFeeds();
});
afterAll(() => world.close());

/** One poll of the good feed and every hostile one, as the live bot polls: only the feed server's own address allowed. */
async function pollEverything() {
  const log = new RecordingLogger();
  const pipeline = new Pipeline(openDatabase(":memory:"), pack, log);
  const allowance = parseAddressAllowance(`127.0.0.1:${new URL(world.feeds.url("/")).port}`);
  if (!allowance.success) throw new Error(allowance.error);
  // A short timeout keeps the slow drip from holding the test for the production 20 s; 5 s leaves the gzip bomb
  // room to reach the size cap on a busy machine (at 2 s it sometimes timed out first).
  const poller = new FeedPoller(pipeline.feeds, (documents, now) => pipeline.ingest(documents, now), log, {
    allowPrivate: allowance.data,
    timeoutMs: 5_000,
  });
  const paths = [world.good, ...world.hostile.map((feed) => feed.path)];
  poller.syncFeeds(paths.map((path) => ({ url: world.feeds.url(path), publisher: path.slice(1, -4), lang: "es" })));
  const report = await poller.pollDue(NOW);
  const articles = (path: string) =>
    articlesWithActors(pipeline).filter((article) => article.feedUrl === world.feeds.url(path));
  const sources = buildSourcesReply(pipeline.feeds.all(), en, "UTC");
  return { log, pipeline, report, articles, sources: renderReply(sources) };
}

describe("a live poll of a good feed beside every hostile kind", () => {
  let polled: Awaited<ReturnType<typeof pollEverything>>;
  beforeAll(async () => {
    polled = await pollEverything();
  }, 30_000);

  it("files the good feed's articles whatever the others do", () => {
    expect(polled.articles(world.good).map((article) => article.title)).toEqual([
      "Un niño de Maracaibo gana la olimpiada nacional de matemáticas",
      "¿Quién negocia? Delegaciones de Caracas y Washington se reúnen en Bogotá",
    ]);
    expect(polled.report.ingestError).toBeUndefined();
  });

  it.each(["gzip-bomb", "fifty-megabytes", "slow-drip", "deep-nesting", "to-metadata", "to-loopback", "to-file"])(
    "names why %s failed in /sources",
    (name) => {
      const feed = world.hostile.find((candidate) => candidate.path === `/${name}.xml`)!;
      const result = polled.report.feeds.find((entry) => entry.url === world.feeds.url(feed.path))!;
      expect(result.outcome).toBe("failed");
      expect(result.error).toMatch(new RegExp(`^${feed.reason}: `));
      const line = polled.sources.split("\n").findIndex((text) => text.startsWith(`· ${name} — failing`));
      expect(line, polled.sources).toBeGreaterThanOrEqual(0);
      expect(polled.sources.split("\n")[line + 1]).toMatch(new RegExp(`last error \\(.*\\): ${feed.reason}: `));
      expect(polled.articles(feed.path)).toEqual([]);
    },
  );

  it("never reaches the loopback service a redirect pointed at", () => {
    expect(world.internal.requests).toEqual([]);
  });

  it("never expands a declared entity, internal or external", () => {
    const texts = [...polled.articles("/billion-laughs.xml"), ...polled.articles("/external-entity.xml")].map(
      (article) => `${article.title} ${article.text}`,
    );
    expect(texts).toEqual(["Risas &lol9; Texto &lol9; &lol9;", "Contraseñas: &passwd; Interno: &internal;"]);
    expect(polled.report.feeds.filter((entry) => entry.outcome === "failed").map((entry) => entry.url)).not.toContain(
      world.feeds.url("/billion-laughs.xml"),
    );
  });

  it("reads only the newest items of a feed that lists 20,000", () => {
    const read = polled.articles("/twenty-thousand-items.xml");
    expect(read).toHaveLength(FEED_LIMITS.maxItems);
    expect(read.map((article) => article.title)).toContain("Maduro y el asilo, nota 19999");
    expect(read.map((article) => article.title)).not.toContain("Maduro y el asilo, nota 19499");
    expect(
      polled.log.entries.some((entry) =>
        /lists 20000 items; only the newest 500 are read/.test(JSON.stringify(entry.fields)),
      ),
    ).toBe(true);
  });

  it("cuts megabyte titles to a title's length, at a word", () => {
    const read = polled.articles("/megabyte-titles.xml");
    expect(read).toHaveLength(4);
    for (const article of read) {
      expect(article.title.length).toBeLessThanOrEqual(FEED_LIMITS.maxTitleChars);
      expect(article.title).toMatch(/^Maduro asilo Caracas Washington .*\w$/);
    }
  });

  it("keeps no javascript: link and no script text", () => {
    const read = polled.articles("/javascript-links.xml");
    expect(read.map((article) => [article.title, article.url]).sort()).toEqual([
      ["Enlace con script", null],
      ["Otro enlace", null],
    ]);
    expect(read.map((article) => article.text).join(" ")).not.toMatch(/steal|onclick/);
  });
});

describe("parsing the same hostile bytes again", () => {
  it("gives the same result every time, whatever was parsed in between", async () => {
    const first = await pollEverything();
    const again = await pollEverything();
    const summary = (run: typeof first) =>
      run.report.feeds.map((entry) => [entry.url, entry.outcome, entry.added, entry.error?.split(":")[0]]);
    expect(summary(again)).toEqual(summary(first));
  }, 60_000);
});
