import { describe, expect, it } from "vitest";
import { firstBytes, firstWords, rougeRecall, rougeTokens } from "../../eval/rouge.js";

const plain = { stem: false };

describe("rougeRecall", () => {
  it("counts the reference's unigrams and bigrams the summary shares", () => {
    // Reference unigrams: the ×2, cat, lay, on, mat, today = 7; shared: the ×2, cat, on, mat = 5.
    expect(rougeRecall("the cat sat on the mat", ["the cat lay on the mat today"], 1, plain).recall).toBeCloseTo(
      5 / 7,
      12,
    );
    // Reference bigrams: the cat, cat lay, lay on, on the, the mat, mat today = 6; shared: the cat, on the, the mat = 3.
    expect(rougeRecall("the cat sat on the mat", ["the cat lay on the mat today"], 2, plain).recall).toBeCloseTo(
      3 / 6,
      12,
    );
  });

  it("credits a repeated word no more often than the reference has it", () => {
    expect(rougeRecall("police police police", ["police said police"], 1, plain).recall).toBeCloseTo(2 / 3, 12);
    expect(rougeRecall("police said police", ["police police police"], 1, plain).recall).toBeCloseTo(2 / 3, 12);
  });

  it("averages over the references, each scored on its own", () => {
    const result = rougeRecall("rain fell", ["rain fell hard", "snow fell"], 1, plain);
    expect(result.perReference).toEqual([2 / 3, 1 / 2]);
    expect(result.recall).toBeCloseTo(7 / 12, 12);
  });

  it("reads only the summary's first words when a length limit is set, never cutting the references", () => {
    expect(rougeRecall("alpha beta gamma delta", ["delta"], 1, { stem: false, maxWords: 3 }).recall).toBe(0);
    expect(rougeRecall("alpha beta gamma delta", ["delta"], 1, plain).recall).toBe(1);
    expect(rougeRecall("delta", ["alpha beta gamma delta"], 1, { stem: false, maxWords: 1 }).recall).toBe(1 / 4);
  });

  it("matches inflections only when stemming", () => {
    expect(rougeRecall("Police arrested two men", ["two arrests"], 1, plain).recall).toBe(1 / 2);
    expect(rougeRecall("Police arrested two men", ["two arrests"], 1, { stem: true }).recall).toBe(1);
  });

  it("scores zero against an empty reference or an empty summary", () => {
    expect(rougeRecall("anything", [""], 1, plain).recall).toBe(0);
    expect(rougeRecall("", ["a reference"], 2, plain).recall).toBe(0);
  });
});

describe("rougeTokens", () => {
  it("lowercases, splits at anything but ASCII letters and digits, and stems only words longer than three letters", () => {
    expect(rougeTokens("He was running, U.S.-led 1,200", true)).toEqual([
      "he",
      "was",
      "run",
      "u",
      "s",
      "led",
      "1",
      "200",
    ]);
    expect(rougeTokens("He was running", false)).toEqual(["he", "was", "running"]);
  });

  it("applies the original Porter algorithm, whose stems differ from Porter2's", () => {
    expect(rougeTokens("generalizations", true)).toEqual(["gener"]);
    expect(rougeTokens("happy", true)).toEqual(["happi"]);
  });
});

describe("firstWords and firstBytes", () => {
  it("keeps the first words as whitespace separates them", () => {
    expect(firstWords("  one two\nthree  four ", 3)).toBe("one two three");
  });

  it("keeps the first bytes, a cut word cut, without splitting a character", () => {
    expect(firstBytes("abc def", 5)).toBe("abc d");
    expect(firstBytes("añb", 2)).toBe("a"); // ñ takes two bytes
    expect(firstBytes("añb", 3)).toBe("añ");
    expect(firstBytes("short", 665)).toBe("short");
  });
});
