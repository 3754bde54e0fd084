import { describe, expect, it } from "vitest";
import { RecentCache } from "../../../src/digest/text/recent-cache.js";

describe("the recent cache", () => {
  it("keeps a key asked for often through many one-off keys, forgets the one-offs, and holds at most twice its limit", () => {
    const cache = new RecentCache<string, number>(100);
    cache.set("asilo", 1);
    for (let i = 0; i < 10_000; i += 1) {
      cache.set(`once${i}`, i);
      if (i % 50 === 0) expect(cache.get("asilo")).toBe(1);
      expect(cache.size).toBeLessThanOrEqual(200);
    }
    expect(cache.get("asilo")).toBe(1);
    expect(cache.get("once5")).toBeUndefined();
    expect(cache.get("once9999")).toBe(9999);
  });

  it("answers nothing for a key it never held", () => {
    expect(new RecentCache<string, string>(4).get("nada")).toBeUndefined();
  });
});
