import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { articlesWithActors } from "../../eval/articles-with-actors.js";
import { renderReply } from "../../src/adapters/console/render.js";
import { FeedPoller } from "../../src/digest/feeds/poll-feeds.js";
import { en } from "../../src/digest/i18n/en.js";
import {
  type FeedDocument,
  loadStoryPack,
  openDatabase,
  Pipeline,
  quarantineRetryAt,
  RecordingLogger,
} from "../../src/digest/index.js";
import { buildSourcesReply } from "../../src/digest/summaries/build-sources-reply.js";
import { STORY_DIR } from "../helpers/demo-hilo.js";
import { FeedServer } from "../helpers/feed-server.js";

const ROOT = join(import.meta.dirname, "../..");
const FIXTURES = join(ROOT, "test/fixtures");
const dir = mkdtempSync(join(tmpdir(), "hilo-quarantine-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pack = loadStoryPack(STORY_DIR);
const NOW = Date.parse("2025-12-12T12:00:00Z");

/** Runs the child that dies while filing the poison feed, and kills it there with SIGKILL. */
async function dieWhileFiling(dbPath: string, goodUrl: string, poisonUrl: string): Promise<string> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(FIXTURES, "die-while-filing.ts"), dbPath, goodUrl, poisonUrl],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let out = "";
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once("exit", (_code, signal) => resolve(signal)),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      if (out.includes("filing poison")) resolve();
    });
    child.once("exit", () => reject(new Error(`the child exited before filing the poison feed: ${out}`)));
  });
  child.kill("SIGKILL");
  expect(await exited).toBe("SIGKILL");
  return out;
}

/** A pipeline that notes which feeds each ingest read together. */
class WatchedPipeline extends Pipeline {
  readonly ingests: string[][] = [];
  override ingest(documents: readonly FeedDocument[], now: number) {
    this.ingests.push(documents.map((document) => document.source.feed));
    return super.ingest(documents, now);
  }
}

describe("a feed that brought the process down", () => {
  it("is quarantined at the next start with the others read beside it, each read again alone, and released when it reads", async () => {
    const server = await FeedServer.start();
    server
      .serve("/good.xml", { kind: "feed", body: readFileSync(join(FIXTURES, "feeds/rss2-utf8.xml")) })
      .serve("/poison.xml", { kind: "feed", body: readFileSync(join(FIXTURES, "feeds/atom.xml")) })
      .serve("/other.xml", { kind: "feed", body: readFileSync(join(FIXTURES, "feeds/rdf.xml")) });
    const dbPath = join(dir, "crashed.db");
    try {
      expect(await dieWhileFiling(dbPath, server.url("/good.xml"), server.url("/poison.xml"))).not.toContain(
        "survived",
      );

      const log = new RecordingLogger();
      const pipeline = new WatchedPipeline(openDatabase(dbPath), pack, log);
      // Nothing of the interrupted ingest was kept: its batch never committed.
      expect(pipeline.articles.latestPublishedAt()).toBeNull();
      const quarantined = pipeline.quarantineInterrupted(NOW, (feed, suspects) =>
        quarantineRetryAt(feed, NOW, suspects),
      );
      expect(quarantined.map((feed) => feed.url).sort()).toEqual([server.url("/good.xml"), server.url("/poison.xml")]);
      const sources = buildSourcesReply(pipeline.feeds.all(), en, "UTC");
      expect(renderReply(sources)).toMatch(
        /· Poison — quarantined \(the bot stopped while reading it; retried alone later\)[^\n]*\n {2}last error \(12 Dec 12:00\): crash: the bot stopped while reading this feed \(one of 2 feeds read together\)/,
      );
      // A second start finds nothing more to quarantine: the marks were taken.
      expect(pipeline.quarantineInterrupted(NOW, () => NOW)).toEqual([]);

      const poller = new FeedPoller(pipeline.feeds, (documents, now) => pipeline.ingest(documents, now), log, {
        allowPrivate: { kind: "all" },
      });
      poller.syncFeeds(
        ["/good.xml", "/poison.xml", "/other.xml"].map((path) => ({
          url: server.url(path),
          publisher: path.slice(1, -4),
          lang: "es",
        })),
      );
      const polled = await poller.pollDue(NOW);
      expect(polled.feeds.map((feed) => feed.outcome)).toEqual(["fresh", "fresh", "fresh"]);
      // Each quarantined feed was read on its own; the feed that was never suspected was read as usual.
      expect(pipeline.ingests.map((feeds) => feeds.map((url) => new URL(url).pathname)).sort()).toEqual([
        ["/good.xml"],
        ["/other.xml"],
        ["/poison.xml"],
      ]);
      expect(pipeline.feeds.all().map((feed) => feed.state)).toEqual(["active", "active", "active"]);
      expect(pipeline.feeds.interrupted()).toEqual([]);
    } finally {
      await server.close();
    }
  }, 60_000);

  it("waits an hour, then longer each time, when it was read alone and the process died again", () => {
    expect(quarantineRetryAt({ failures: 0 }, NOW, 1) - NOW).toBe(60 * 60_000);
    expect(quarantineRetryAt({ failures: 3 }, NOW, 1) - NOW).toBe(8 * 60 * 60_000);
    expect(quarantineRetryAt({ failures: 30 }, NOW, 1) - NOW).toBe(24 * 60 * 60_000);
    expect(quarantineRetryAt({ failures: 3 }, NOW, 2)).toBe(NOW);
  });
});

describe("a feed whose article cannot be filed", () => {
  it("fails alone with the reason in /sources, and the other feeds' articles are kept", async () => {
    const log = new RecordingLogger();
    const db = openDatabase(":memory:");
    const pipeline = new Pipeline(db, pack, log);
    // A failure SQLite itself raises, while one feed's article is written, as a full disk or a corrupt page would.
    db.exec(`CREATE TEMP TRIGGER refuse_poison BEFORE INSERT ON articles
      WHEN NEW.feed_id = (SELECT id FROM feeds WHERE url = 'https://poison.example.net/feed') BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    const bytes = (name: string) => readFileSync(join(FIXTURES, "feeds", name));
    const report = await pipeline.ingest(
      [
        { source: { feed: "https://good.example.net/feed", publisher: "Good" }, bytes: bytes("rss2-utf8.xml") },
        { source: { feed: "https://poison.example.net/feed", publisher: "Poison" }, bytes: bytes("atom.xml") },
        { source: { feed: "https://other.example.net/feed", publisher: "Other" }, bytes: bytes("rdf.xml") },
      ],
      NOW,
    );
    expect(report.feeds.map((feed) => [feed.feed, feed.added, feed.error])).toEqual([
      ["https://good.example.net/feed", 2, undefined],
      ["https://poison.example.net/feed", 0, "processing: SqliteError: disk I/O error"],
      ["https://other.example.net/feed", expect.any(Number), undefined],
    ]);
    expect(report.feeds[2]!.added).toBeGreaterThan(0);
    const sources = buildSourcesReply(pipeline.feeds.all(), en, "UTC");
    expect(renderReply(sources)).toMatch(
      /· Poison — failing[^\n]*\n {2}last error \(12 Dec 12:00\): processing: SqliteError: disk I\/O error/,
    );
    expect(
      articlesWithActors(pipeline)
        .map((article) => article.publisher)
        .sort(),
    ).toEqual(expect.arrayContaining(["Good", "Good", "Other"]));
    expect(articlesWithActors(pipeline).some((article) => article.publisher === "Poison")).toBe(false);
  });
});
