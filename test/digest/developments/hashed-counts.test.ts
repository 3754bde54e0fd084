import { describe, expect, it } from "vitest";
import { HashedCounts } from "../../../src/digest/developments/hashed-counts.js";

/** 20,000 keys counted 1 to 7 times each, in an interleaved order, with the counts a Map gives for the same adds. */
function countBoth(): { counts: HashedCounts; expected: Map<string, number> } {
  const counts = new HashedCounts();
  const expected = new Map<string, number>();
  for (let round = 0; round < 7; round += 1) {
    for (let i = 0; i < 20_000; i += 1) {
      if (i % 7 < round) continue;
      const key = `término${i}`;
      counts.add(key);
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
  }
  return { counts, expected };
}

describe("HashedCounts", () => {
  it("gives every key the count a Map would, as its table grows from 16 slots", () => {
    const { counts, expected } = countBoth();
    expect(counts.size).toBe(expected.size);
    for (const [key, count] of expected) expect(counts.get(key)).toBe(count);
    expect(counts.get("never-seen")).toBe(0);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe([...expected.values()].reduce((a, b) => a + b, 0));
  });

  it("tells apart words that differ by an accent, a case or their order of letters", () => {
    const counts = new HashedCounts();
    for (const [key, by] of [
      ["el", 1],
      ["él", 2],
      ["El", 3],
      ["le", 4],
      ["", 5],
    ] as const)
      counts.add(key, by);
    expect([counts.get("el"), counts.get("él"), counts.get("El"), counts.get("le"), counts.get("")]).toEqual([
      1, 2, 3, 4, 5,
    ]);
  });

  it("drops the keys counted at most a given number of times and keeps the others' counts", () => {
    const { counts, expected } = countBoth();
    counts.dropAtMost(3);
    for (const [key, count] of expected) expect(counts.get(key)).toBe(count > 3 ? count : 0);
    expect(counts.size).toBe([...expected.values()].filter((count) => count > 3).length);
    counts.clear();
    expect(counts.size).toBe(0);
    expect(counts.get("término6")).toBe(0);
  });
});
