import { describe, expect, it } from "vitest";
import { articlesWithActors } from "../../../eval/articles-with-actors.js";
import { extractFeatures } from "../../../src/digest/developments/article-features.js";
import { ReadingCache, readArticle } from "../../../src/digest/developments/article-reading.js";
import { refreshDevelopment } from "../../../src/digest/developments/refresh-development.js";
import { demoHilo } from "../../helpers/demo-hilo.js";

const report = (id: string, text: string) => ({ id, title: `Título ${id}`, text, lang: "es" as const });

describe("the readings a refresh keeps", () => {
  it("reads a report once and keeps the most recently used, forgetting the oldest past its size", () => {
    const cache = new ReadingCache(2);
    const a = report("a", "Maduro habló en Caracas sobre el asilo que le ofrecen.");
    const first = cache.of(a);
    expect(cache.of(a)).toBe(first);
    cache.of(report("b", "Petro respondió desde Bogotá a las preguntas de la prensa."));
    cache.of(a); // a is now the most recent
    cache.of(report("c", "Lukashenko confirmó que Minsk recibiría al presidente venezolano."));
    expect(cache.size).toBe(2);
    expect(cache.of(a)).toBe(first);
    cache.clear();
    expect(cache.of(a)).not.toBe(first);
    expect(cache.of(a)).toEqual(first);
  });

  it("keeps nothing with size 0, and reads what reading afresh reads", () => {
    const cache = new ReadingCache(0);
    const a = report("a", "Trump anunció ataques en tierra. La Casa Blanca no dio fechas.");
    expect(cache.of(a)).not.toBe(cache.of(a));
    expect(cache.of(a)).toEqual(readArticle(a, "es"));
  });
});

describe("a refresh from kept readings", () => {
  it("draws every development exactly as a refresh that reads each report again", async () => {
    const { pipeline } = await demoHilo();
    const ids = [...new Set(articlesWithActors(pipeline).map((article) => article.developmentId))];
    const now = Date.parse("2025-12-13T00:00:00Z");
    const kept = ids.map((id) => {
      pipeline.refresh(id, now);
      return pipeline.developments.get(id);
    });
    // Again through the cache, now warm; then without any cache.
    for (const id of ids) pipeline.refresh(id, now);
    expect(ids.map((id) => pipeline.developments.get(id))).toEqual(kept);
    for (const id of ids) refreshDevelopment(pipeline, pipeline.vocabulary, pipeline.stats, id, now);
    expect(ids.map((id) => pipeline.developments.get(id))).toEqual(kept);
  });
});

describe("a reading made as a report is filed", () => {
  it("is the reading made afresh, from the stems and places the grouping's features found", async () => {
    const { pipeline } = await demoHilo();
    const articles = pipeline.articles.all();
    expect(articles.length).toBeGreaterThan(100);
    for (const article of articles) {
      const features = extractFeatures(pipeline.vocabulary, article);
      const places = [...features.anchors].filter((a) => a.startsWith("p:")).map((a) => a.slice(2));
      expect(readArticle(article, article.lang, pipeline.vocabulary, { stems: features.stems, places })).toEqual(
        readArticle(article, article.lang, pipeline.vocabulary),
      );
    }
  });
});
