import { beforeAll, describe, expect, it } from "vitest";
import { articlesWithActors } from "../../../eval/articles-with-actors.js";
import { type DemoEvaluation, evaluateDemo } from "../../../eval/evaluate-demo.js";
import { canonicalUrl } from "../../../src/digest/feeds/canonical-url.js";
import type { Hilo } from "../../../src/digest/index.js";
import { loadStoryPack } from "../../../src/digest/index.js";
import { demoHilo, STORY_DIR } from "../../helpers/demo-hilo.js";

let hilo: Hilo;
let result: DemoEvaluation;
beforeAll(async () => {
  hilo = await demoHilo();
  result = evaluateDemo(pack.labels!, articlesWithActors(hilo.pipeline), new Set(pack.actors.map((actor) => actor.id)));
});

const pack = loadStoryPack(STORY_DIR);

function developmentOf(link: string): number {
  const article = articlesWithActors(hilo.pipeline).find((a) => a.url === canonicalUrl(link));
  if (!article) throw new Error(`no stored article for ${link}`);
  return article.developmentId;
}

function linksOf(development: string): string[] {
  return Object.entries(pack.labels!.items)
    .filter(([, label]) => label.development === development)
    .map(([link]) => link);
}

describe("the demo corpus, grouped", () => {
  it("finds every labelled item and groups them with B-cubed F1 of at least 0.95", () => {
    expect(result.missing).toEqual([]);
    expect(result.developments.bcubed.f1).toBeGreaterThanOrEqual(0.95);
  });

  it("never merges a distractor with the development it resembles", () => {
    expect(result.mergedDistractors).toEqual([]);
    expect(new Set(linksOf("pdvsa-output").map(developmentOf))).not.toContain(
      developmentOf(linksOf("tanker-seized")[0]!),
    );
  });

  it("keeps the two boat strikes, 13 days apart, in two developments", () => {
    const first = new Set(linksOf("boat-strike-sep02").map(developmentOf));
    const second = new Set(linksOf("boat-strike-sep15").map(developmentOf));
    expect([...first].filter((id) => second.has(id))).toEqual([]);
  });

  it("puts the Spanish and English reports of the tanker seizure in one development", () => {
    const links = linksOf("tanker-seized");
    expect(new Set(links.map(developmentOf)).size).toBe(1);
    const langs = new Set(hilo.pipeline.articles.of(developmentOf(links[0]!)).map((a) => a.lang));
    expect(langs).toEqual(new Set(["es", "en"]));
  });

  it("marks the syndicated copies and does not count their publisher twice", () => {
    const copies = Object.entries(pack.labels!.items).filter(([, label]) => label.copyOf);
    expect(copies.length).toBeGreaterThan(0);
    const stored = articlesWithActors(hilo.pipeline);
    for (const [link, label] of copies) {
      const copy = stored.find((a) => a.url === canonicalUrl(link))!;
      const original = stored.find((a) => a.url === canonicalUrl(label.copyOf!))!;
      expect(copy.copyOf).toBe(original.id);
      expect(copy.developmentId).toBe(original.developmentId);
      const development = hilo.pipeline.developments.get(copy.developmentId)!;
      expect(development.publishers).not.toContain(copy.publisher === original.publisher ? "" : copy.publisher);
    }
  });

  it("links actors with precision and recall of at least 0.97, and never petróleo to Petro", () => {
    expect(result.actors.precision).toBeGreaterThanOrEqual(0.97);
    expect(result.actors.recall).toBeGreaterThanOrEqual(0.97);
    expect(result.petroFalsePositives).toBe(0);
  });
});
