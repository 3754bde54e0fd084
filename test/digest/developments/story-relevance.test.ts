import { describe, expect, it } from "vitest";
import {
  articleRelevance,
  ON_STORY,
  type StoryKeys,
  storyKeys,
} from "../../../src/digest/developments/story-relevance.js";
import { loadStoryPack } from "../../../src/digest/index.js";
import { STORY_DIR } from "../../helpers/demo-hilo.js";

const keys: StoryKeys = {
  core: new Set(["a:glas", "c:embassy-raid"]),
  context: new Set(["a:noboa", "a:ecuador", "c:referendum"]),
};
const set = (...items: string[]) => new Set(items);

describe("how much an article belongs to the story", () => {
  it("puts a report on the story when a core name or concept leads it", () => {
    expect(articleRelevance(set("a:glas"), set(), keys)).toBeGreaterThanOrEqual(ON_STORY);
    expect(articleRelevance(set("c:embassy-raid", "a:ecuador"), set("a:noboa"), keys)).toBeGreaterThan(
      articleRelevance(set("c:embassy-raid"), set(), keys),
    );
  });

  it("keeps a report off the story when a core key appears only in passing, deep in the text", () => {
    expect(articleRelevance(set("a:noboa", "c:referendum"), set("c:embassy-raid"), keys)).toBeLessThan(ON_STORY);
  });

  it("never counts context names alone, however many: a head of state and a country are half a region's news", () => {
    expect(articleRelevance(set("a:noboa", "a:ecuador", "c:referendum"), set(), keys)).toBe(0);
  });

  it("counts every report fully on the story when the pack marks nothing as core, as before relevance existed", () => {
    expect(articleRelevance(set(), set(), { core: new Set(), context: new Set(["a:x"]) })).toBe(1);
  });

  it("reads core and context from the story pack", () => {
    const pack = loadStoryPack(STORY_DIR);
    const read = storyKeys(pack);
    expect(read.core.has("a:maduro")).toBe(true);
    expect(read.context.has("a:trump")).toBe(true);
    expect(read.core.has("c:aircraft-carrier")).toBe(true);
  });
});
