import { describe, expect, it } from "vitest";
import { addInto, type SparseVector, weightedCosine } from "../../../src/digest/developments/sparse-vector.js";
import { SpaceSum, TermSpace } from "../../../src/digest/developments/term-space.js";

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

describe("a sum of vectors in a term space", () => {
  it("gives the cosine weightedCosine gives with the sum, including none in common", () => {
    const space = new TermSpace(idf);
    const big = vectorFrom(7, 30);
    const sum = new SpaceSum(space);
    sum.add(space.place(big));
    for (let seed = 1; seed <= 20; seed += 1) {
      const small = vectorFrom(seed * 31, 6);
      expect(sum.cosine(space.place(small))).toBeCloseTo(weightedCosine(small, big, idf), 12);
    }
    expect(sum.cosine(space.place(new Map([["zz", 1]])))).toBe(0);
  });

  it("gives each member's closeness to the sum of the others without building that sum", () => {
    const space = new TermSpace(idf);
    const members = Array.from({ length: 8 }, (_, i) => vectorFrom(i + 3, 12));
    const whole: SparseVector = new Map();
    const sum = new SpaceSum(space);
    for (const member of members) {
      addInto(whole, member);
      sum.add(space.place(member));
    }
    for (const member of members) {
      const rest: SparseVector = new Map(whole);
      addInto(rest, member, -1);
      expect(sum.cosineToRest(space.place(member))).toBeCloseTo(weightedCosine(member, rest, idf), 12);
    }
    // A member alone has no others: nothing to be close to.
    const alone = new SpaceSum(space);
    alone.add(space.place(vectorFrom(5, 6)));
    expect(alone.cosineToRest(space.place(vectorFrom(5, 6)))).toBe(0);
  });

  it("keeps its norm as vectors are taken out, back to nothing when all are", () => {
    const space = new TermSpace(idf);
    const sum = new SpaceSum(space);
    const [a, b, c] = [vectorFrom(3, 10), vectorFrom(4, 10), vectorFrom(5, 10)].map((v) => space.place(v));
    for (const v of [a!, b!, c!]) sum.add(v);
    sum.add(b!, -1);
    const fresh = new SpaceSum(space);
    fresh.add(a!);
    fresh.add(c!);
    expect(sum.squaredNorm).toBeCloseTo(fresh.squaredNorm, 9);
    expect(sum.cosine(a!)).toBeCloseTo(fresh.cosine(a!), 12);
    sum.add(a!, -1);
    sum.add(c!, -1);
    expect(sum.squaredNorm).toBe(0);
    expect(sum.cosine(a!)).toBe(0);
  });

  it("weighs a term once, when it is first met", () => {
    let calls = 0;
    const space = new TermSpace((key) => {
      calls += 1;
      return key.length;
    });
    space.place(new Map([["ab", 1]]));
    space.place(
      new Map([
        ["ab", 2],
        ["abc", 1],
      ]),
    );
    expect(calls).toBe(2);
    expect(space.size).toBe(2);
  });
});
