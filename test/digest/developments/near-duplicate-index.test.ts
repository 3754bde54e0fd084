import { describe, expect, it } from "vitest";
import { minhashSignature } from "../../../src/digest/developments/minhash.js";
import { NearDuplicateIndex } from "../../../src/digest/developments/near-duplicate-index.js";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** A text of its own for article `n`: no two share more than the odd word. */
const textOf = (n: number) => Array.from({ length: 60 }, (_, i) => `palabra${n}x${i}`).join(" ");

describe("the near-duplicate index", () => {
  it("finds a copy of an article published within the window, and not one from before it", () => {
    const index = new NearDuplicateIndex(7 * DAY);
    index.add("original", minhashSignature(textOf(1)), 0);
    expect(index.find(minhashSignature(textOf(1)), 2 * DAY)).toBe("original");
    expect(index.find(minhashSignature(textOf(2)), 2 * DAY)).toBeUndefined();
    expect(index.find(minhashSignature(textOf(1)), 9 * DAY)).toBeUndefined();
  });

  it("holds only about a window's worth of articles however long the stream runs, and still finds recent copies", () => {
    const index = new NearDuplicateIndex(7 * DAY);
    // An article an hour for 60 days: 1,440 articles, of which a week is 168.
    for (let n = 0; n < 60 * 24; n += 1) index.add(`a${n}`, minhashSignature(textOf(n)), n * HOUR);
    expect(index.size).toBeLessThanOrEqual(7 * 24 + 1);
    expect(index.find(minhashSignature(textOf(60 * 24 - 5)), 60 * DAY)).toBe(`a${60 * 24 - 5}`);
    expect(index.find(minhashSignature(textOf(10)), 60 * DAY)).toBeUndefined();
  });

  it("answers the earliest of several copies, and forgets them as the window moves on, however long it runs", () => {
    const index = new NearDuplicateIndex(7 * DAY);
    const text = textOf(7);
    index.add("second", minhashSignature(text), HOUR);
    index.add("first", minhashSignature(text), 0);
    expect(index.find(minhashSignature(text), 2 * HOUR)).toBe("first");
    // Three weeks of other articles, ten minutes apart: "first" and "second" leave, and the index compacts.
    const MINUTE = 60_000;
    for (let n = 0; n < 3000; n += 1)
      index.add(`other${n}`, minhashSignature(textOf(100 + n)), 2 * HOUR + n * 10 * MINUTE);
    const later = 2 * HOUR + 3000 * 10 * MINUTE;
    expect(index.find(minhashSignature(text), later)).toBeUndefined();
    index.add("again-b", minhashSignature(text), later);
    index.add("again-a", minhashSignature(text), later);
    expect(index.find(minhashSignature(text), later)).toBe("again-a");
    expect(index.find(minhashSignature(textOf(100 + 2990)), later)).toBe("other2990");
    expect(index.size).toBeLessThanOrEqual(7 * 24 * 6 + 3);
  });
});
