import { describe, expect, it } from "vitest";
import { TermStats } from "../../../src/digest/developments/term-stats.js";
import { openDatabase } from "../../../src/digest/store/open-database.js";
import { TermStatsStore } from "../../../src/digest/store/term-stats-store.js";

/** Counts `n` documents: every one has "common", one in three "often", and each its own one-off word. */
function observeDocuments(stats: TermStats, n: number): void {
  for (let i = 0; i < n; i += 1) stats.observe(["common", `oneoff${i}`, ...(i % 3 === 0 ? ["often"] : [])]);
}

describe("TermStats", () => {
  it("keeps every key while under its bound", () => {
    const stats = new TermStats(100);
    observeDocuments(stats, 50);
    expect(stats.prune()).toBeUndefined();
    expect(stats.size).toBe(52);
  });

  it("past its bound forgets the rarest keys, which then weigh as unseen ones, and keeps the frequent", () => {
    const stats = new TermStats(100);
    observeDocuments(stats, 120);
    const commonBefore = stats.idf("common");
    expect(stats.idf("oneoff7")).toBeLessThan(stats.idf("never-seen"));

    expect(stats.prune()).toBe(1);
    expect(stats.size).toBe(2);
    expect(stats.idf("oneoff7")).toBe(stats.idf("never-seen"));
    expect(stats.idf("common")).toBe(commonBefore);
    expect(stats.idf("often")).toBeLessThan(stats.idf("never-seen"));
  });

  it("does not hand forgotten keys to the store as changes", () => {
    const stats = new TermStats(100);
    observeDocuments(stats, 120);
    stats.prune();
    expect(stats.takeChanges().sort()).toEqual([
      ["common", 120],
      ["often", 40],
    ]);
  });

  it("stays bounded as documents keep coming, and the store forgets what it forgot", () => {
    const db = openDatabase(":memory:");
    const store = new TermStatsStore(db);
    const stats = new TermStats(1000);
    for (let batch = 0; batch < 20; batch += 1) {
      for (let i = 0; i < 200; i += 1) stats.observe(["common", `word${batch}-${i}`]);
      const forgotten = stats.prune();
      if (forgotten !== undefined) store.forgetRare(forgotten);
      store.save(stats.takeChanges(), stats.docCount);
      expect(stats.size).toBeLessThanOrEqual(1000);
    }
    const { rows, docCount } = store.load();
    expect(docCount).toBe(4000);
    expect(rows.length).toBe(stats.size);
    expect(new Map(rows).get("common")).toBe(4000);
    const restored = new TermStats(1000);
    restored.load(rows, docCount);
    expect(restored.idf("word19-5")).toBe(stats.idf("word19-5"));
    expect(restored.idf("word0-5")).toBe(stats.idf("word0-5"));
  });
});
