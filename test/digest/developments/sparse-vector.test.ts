import { describe, expect, it } from "vitest";
import {
  addInto,
  cachedScale,
  cosineToKnown,
  cosineToRest,
  type SparseVector,
  squaredNorm,
  weightedCosine,
} from "../../../src/digest/developments/sparse-vector.js";

/** A seeded vector over a small vocabulary, so vectors overlap as documents about one event do. */
function vectorFrom(seed: number, size: number): SparseVector {
  const vector: SparseVector = new Map();
  let x = seed;
  for (let i = 0; i < size; i += 1) {
    x = (x * 1103515245 + 12345) % 2147483648;
    vector.set(`t${x % 40}`, 1 + (x % 5));
  }
  return vector;
}

const idf = (key: string) => 1 + (Number(key.slice(1)) % 7) / 3;
const weight2 = (key: string) => idf(key) ** 2;

describe("comparing with a vector whose norm is known", () => {
  it("gives the cosine weightedCosine gives, including none in common", () => {
    const big = vectorFrom(7, 30);
    const bigNorm = squaredNorm(big, weight2);
    for (let seed = 1; seed <= 20; seed += 1) {
      const small = vectorFrom(seed * 31, 6);
      expect(cosineToKnown(small, big, bigNorm, weight2)).toBeCloseTo(weightedCosine(small, big, idf), 12);
    }
    expect(cosineToKnown(new Map([["zz", 1]]), big, bigNorm, weight2)).toBe(0);
  });

  it("gives each member's closeness to the sum of the others without building that sum", () => {
    const members = Array.from({ length: 8 }, (_, i) => vectorFrom(i + 3, 12));
    const whole: SparseVector = new Map();
    for (const member of members) addInto(whole, member);
    const wholeNorm = squaredNorm(whole, weight2);
    for (const member of members) {
      const rest: SparseVector = new Map(whole);
      addInto(rest, member, -1);
      expect(cosineToRest(member, whole, wholeNorm, weight2)).toBeCloseTo(weightedCosine(member, rest, idf), 12);
    }
    // A member alone has no others: nothing to be close to.
    const alone = vectorFrom(5, 6);
    expect(cosineToRest(alone, alone, squaredNorm(alone, weight2), weight2)).toBe(0);
  });

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
