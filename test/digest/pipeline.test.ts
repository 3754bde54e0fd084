import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { articlesWithActors } from "../../eval/articles-with-actors.js";
import {
  type FeedDocument,
  loadStoryPack,
  openDatabase,
  Pipeline,
  RecordingLogger,
  silentLogger,
} from "../../src/digest/index.js";
import { STORY_DIR } from "../helpers/demo-hilo.js";

const pack = loadStoryPack(STORY_DIR);
const NOW = Date.parse("2025-12-12T12:00:00Z");
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function doc(feed: string, xml: string | Uint8Array, publisher = "Test Outlet"): FeedDocument {
  return { source: { feed, publisher }, bytes: typeof xml === "string" ? new TextEncoder().encode(xml) : xml };
}

const goodFeed = doc(
  "https://good.example.org/rss",
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Good</title><link>https://good.example.org/</link>
  <item><title>Colombia no descarta dar asilo a Maduro</title><link>https://good.example.org/a?utm_source=rss</link>
  <guid>a-1</guid><pubDate>Wed, 10 Dec 2025 15:00:00 GMT</pubDate>
  <description><![CDATA[<p>La cancillería colombiana dijo que <b>no descarta</b> otorgar asilo a Maduro.</p><script>alert(1)</script>]]></description></item>
  </channel></rss>`,
);

function demoDocuments(): FeedDocument[] {
  return pack.demoFeeds.map((feed) => ({
    source: { feed: feed.path, publisher: feed.publisher, lang: feed.lang },
    bytes: readFileSync(feed.path),
  }));
}

describe("the ingest pipeline", () => {
  it("logs each broken feed with its reason, stores nothing from it, and still ingests the good ones", async () => {
    const log = new RecordingLogger();
    const db = openDatabase(":memory:");
    const pipeline = new Pipeline(db, pack, log);
    const report = await pipeline.ingest(
      [
        doc("https://broken.example.org/truncated", `<rss version="2.0"><channel><title>T</title><item><title>Cut`),
        doc("https://broken.example.org/empty", `<rss version="2.0"><channel><title>Empty</title></channel></rss>`),
        doc("https://broken.example.org/html", `<!DOCTYPE html><html><body><h1>Are you a robot?</h1></body></html>`),
        goodFeed,
      ],
      NOW,
    );
    const failures = log.entries.filter((entry) => entry.message === "feed failed");
    expect(failures.map((entry) => [entry.fields.feed, String(entry.fields.reason).split(":")[0]])).toEqual([
      ["https://broken.example.org/truncated", "parse"],
      ["https://broken.example.org/empty", "empty"],
      ["https://broken.example.org/html", "not-a-feed"],
    ]);
    expect(report.added).toBe(1);
    const [article] = articlesWithActors(pipeline);
    expect(article!.url).toBe("https://good.example.org/a");
    expect(article!.text).not.toMatch(/<|alert/);
    expect(article!.actorIds).toEqual(expect.arrayContaining(["maduro", "colombian-government"]));
    expect(log.entries).toContainEqual({
      level: "warn",
      message: "feed item note",
      fields: {
        feed: "https://good.example.org/rss",
        note: {
          reason: "removed scripts or event handlers from the item's HTML",
          title: "Colombia no descarta dar asilo a Maduro",
        },
      },
    });
    const broken = pipeline.feeds.all().find((feed) => feed.url.endsWith("/truncated"))!;
    expect(broken.lastError?.reason).toBe("parse");
    expect(broken.failures).toBe(1);
  });

  it("reads a Latin-1 feed and keeps an item without a date, saying so in the log", async () => {
    const log = new RecordingLogger();
    const pipeline = new Pipeline(openDatabase(":memory:"), pack, log);
    const latin1 = Buffer.from(
      `<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Sur</title>
      <item><title>Bogotá estudia el asilo para Maduro</title><link>https://sur.example.org/x</link>
      <description>¿Se irá? La cancillería no descarta nada, según el niño prodigio de la diplomacia.</description></item>
      </channel></rss>`,
      "latin1",
    );
    await pipeline.ingest([doc("https://sur.example.org/rss", latin1)], NOW);
    const [article] = articlesWithActors(pipeline);
    expect(article!.title).toBe("Bogotá estudia el asilo para Maduro");
    expect(article!.text).toContain("¿Se irá?");
    expect(
      log.entries.some(
        (entry) => entry.message === "feed item note" && JSON.stringify(entry.fields).includes("without date"),
      ),
    ).toBe(true);
    expect(log.entries).toContainEqual({
      level: "info",
      message: "feed decoded",
      fields: { feed: "https://sur.example.org/rss", encoding: "windows-1252" },
    });
  });

  it("changes nothing when the same feeds are ingested again, even after a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hilo-pipeline-"));
    dirs.push(dir);
    const path = join(dir, "hilo.db");
    const first = openDatabase(path);
    const report = await new Pipeline(first, pack, silentLogger).ingest(demoDocuments(), NOW);
    expect(report.added).toBeGreaterThanOrEqual(120);
    const snapshot = () => articlesWithActors(new Pipeline(openDatabase(path), pack, silentLogger));
    first.close();
    const before = snapshot();

    const db = openDatabase(path);
    const again = await new Pipeline(db, pack, silentLogger).ingest(demoDocuments(), NOW + 3_600_000);
    db.close();
    expect(again.added).toBe(0);
    expect(snapshot()).toEqual(before);
  });

  it("files an article after a restart exactly where an uninterrupted run files it", async () => {
    const documents = demoDocuments();
    const late = doc(
      "https://late.example.org/rss",
      `<rss version="2.0"><channel><title>Late</title><item><title>Lukashenko insiste: Maduro será bienvenido en Bielorrusia</title>
      <link>https://late.example.org/l</link><pubDate>Thu, 11 Dec 2025 20:00:00 GMT</pubDate>
      <description>El presidente bielorruso repitió ante el embajador venezolano que Maduro tendrá refugio en Minsk si deja el poder.</description></item></channel></rss>`,
    );
    const straight = new Pipeline(openDatabase(":memory:"), pack, silentLogger);
    await straight.ingest(documents, NOW);
    await straight.ingest([late], NOW);

    const dir = mkdtempSync(join(tmpdir(), "hilo-restart-"));
    dirs.push(dir);
    const path = join(dir, "hilo.db");
    const before = openDatabase(path);
    await new Pipeline(before, pack, silentLogger).ingest(documents, NOW);
    before.close();
    const restarted = new Pipeline(openDatabase(path), pack, silentLogger);
    await restarted.ingest([late], NOW);

    const developmentOfLate = (p: Pipeline) =>
      articlesWithActors(p).find((article) => article.url === "https://late.example.org/l")!.developmentId;
    expect(developmentOfLate(restarted)).toBe(developmentOfLate(straight));
  });
});
