import { describe, expect, it } from "vitest";
import { cachedScale } from "../../../src/digest/developments/sparse-vector.js";

describe("a scale computed once per key", () => {
  it("computes a scale once per key", () => {
    let calls = 0;
    const scale = cachedScale((key) => {
      calls += 1;
      return key.length;
    });
    expect([scale("ab"), scale("ab"), scale("abc")]).toEqual([2, 2, 3]);
    expect(calls).toBe(2);
  });
});
