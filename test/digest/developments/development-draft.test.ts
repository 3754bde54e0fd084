import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DraftCache } from "../../../src/digest/developments/development-draft.js";
import { refreshDevelopment } from "../../../src/digest/developments/refresh-development.js";
import {
  type Article,
  type Development,
  type FeedDocument,
  loadStoryPack,
  openDatabase,
  Pipeline,
  silentLogger,
} from "../../../src/digest/index.js";
import { STORY_DIR } from "../../helpers/demo-hilo.js";

const pack = loadStoryPack(STORY_DIR);
const NOW = Date.parse("2025-12-12T12:00:00Z");

/** The demo's 144 reports (es and en, a few copies) with the actors each names, as the pipeline filed them. */
async function demoReports(): Promise<Article[]> {
  const demo = new Pipeline(openDatabase(":memory:"), pack, silentLogger);
  const documents: FeedDocument[] = pack.demoFeeds.map((feed) => ({
    source: { feed: feed.path, publisher: feed.publisher, lang: feed.lang },
    bytes: readFileSync(feed.path),
  }));
  await demo.ingest(documents, NOW);
  const actors = demo.mentions.actorsByArticle();
  return demo.articles.all().map((article) => ({ ...article, actorIds: actors.get(article.id) ?? [], relevance: 1 }));
}

/** The same reports in a seeded shuffle: filed out of the order they were published, as feeds deliver them. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let x = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const record = (development: Development) => ({ ...development, updatedAt: 0 });

describe("a development refreshed from what its last refresh left", () => {
  it("has, report after report, the record a refresh that reads all its reports afresh gives", async () => {
    const reports = shuffled(await demoReports(), 7);
    const pipeline = new Pipeline(openDatabase(":memory:"), pack, silentLogger);
    const feeds = new Map<string, number>();
    pipeline.developments.ensure(1, NOW);
    const filed = new Set<string>();
    let compared = 0;
    let sameDrawing = 0;
    for (const [i, report] of reports.entries()) {
      const feedId =
        feeds.get(report.feedUrl) ?? pipeline.feeds.ensure({ url: report.feedUrl, publisher: report.publisher });
      feeds.set(report.feedUrl, feedId);
      // Every report in one development, more than the 60 a drawing holds; a copy whose original is not filed yet
      // comes as an original; every fourth report belongs to the story only half.
      const article = {
        ...report,
        developmentId: 1,
        copyOf: report.copyOf !== null && filed.has(report.copyOf) ? report.copyOf : null,
        relevance: i % 4 === 0 ? 0.5 : 1,
      };
      pipeline.articles.insert(article, feedId, NOW);
      filed.add(article.id);
      pipeline.refresh(1, NOW + i);
      const { headline, summary, ...counts } = record(pipeline.developments.get(1)!);
      refreshDevelopment(pipeline, pipeline.vocabulary, pipeline.stats, 1, NOW + i);
      const afresh = record(pipeline.developments.get(1)!);
      // Counts, outlets, actors, concepts and relevance: exactly, at every report.
      expect(counts, `after report ${i + 1}`).toEqual({ ...afresh, headline: undefined, summary: undefined });
      if (
        JSON.stringify({ headline, summary }) === JSON.stringify({ headline: afresh.headline, summary: afresh.summary })
      )
        sameDrawing += 1;
      compared += 1;
    }
    expect(compared).toBe(144);
    // Headline and summary come from the candidates the drawing kept: the same choice as a drawing from all the
    // reports at nearly every step (all 144 in most runs; one step differed when the reports' ids, which break ties,
    // came out otherwise in another checkout's folder).
    expect(sameDrawing).toBeGreaterThanOrEqual(140);
    expect(pipeline.developments.get(1)!.articleCount).toBe(144);
    expect(pipeline.developments.get(1)!.actorIds).toContain("maduro");
  });

  it("keeps drafts within the reports it may hold, the most recently refreshed first", async () => {
    const reports = (await demoReports()).filter((report) => report.copyOf === null).slice(0, 40);
    const pipeline = new Pipeline(openDatabase(":memory:"), pack, silentLogger);
    const feedId = pipeline.feeds.ensure({ url: "https://o.example/rss", publisher: "Outlet" });
    const drafts = new DraftCache(25);
    const read = (id: number) => drafts.of(pipeline, id);
    // Four developments of ten reports each.
    for (const [i, report] of reports.entries()) {
      const developmentId = 1 + (i % 4);
      pipeline.developments.ensure(developmentId, NOW);
      pipeline.articles.insert({ ...report, developmentId, copyOf: null }, feedId, NOW);
    }
    for (const id of [1, 2, 3, 4]) read(id);
    expect(drafts.size).toBe(2);
    expect(drafts.reports).toBeLessThanOrEqual(25);
    expect(drafts.has(4) && drafts.has(3)).toBe(true);
    read(1);
    expect(drafts.has(1) && drafts.has(4) && !drafts.has(3)).toBe(true);
  });
});
