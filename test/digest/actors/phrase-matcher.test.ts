import { describe, expect, it } from "vitest";
import { PhraseMatcher } from "../../../src/digest/actors/phrase-matcher.js";

const words = (s: string) => s.split(" ");

function matcherOf(phrases: Record<string, string>): PhraseMatcher<string> {
  const matcher = new PhraseMatcher<string>();
  for (const [phrase, value] of Object.entries(phrases)) matcher.add(words(phrase), value);
  return matcher;
}

describe("PhraseMatcher", () => {
  const matcher = matcherOf({
    vladimir: "first-name",
    "vladimir padrino": "padrino",
    "vladimir padrino lopez": "padrino-full",
    "vladimir putin": "putin",
    putin: "putin-short",
  });

  it("takes the longest phrase that starts at a word: Vladimir Padrino López, not Vladimir", () => {
    expect(matcher.matchAll(words("el general vladimir padrino lopez dijo"))).toEqual([
      { start: 2, end: 5, values: ["padrino-full"] },
    ]);
  });

  it("tells Vladimir Padrino from Vladimir Putin by the second word", () => {
    expect(matcher.matchAll(words("vladimir putin llamo a vladimir padrino")).map((m) => m.values)).toEqual([
      ["putin"],
      ["padrino"],
    ]);
  });

  it("falls back to a shorter phrase when the longer one breaks off", () => {
    expect(matcher.matchAll(words("vladimir padrino el vladimir"))).toEqual([
      { start: 0, end: 2, values: ["padrino"] },
      { start: 3, end: 4, values: ["first-name"] },
    ]);
  });

  it("never overlaps: a phrase inside an earlier match is not matched again", () => {
    expect(matcher.matchAll(words("vladimir putin")).map((m) => m.values)).toEqual([["putin"]]);
  });

  it("returns every value stored under one phrase, each once", () => {
    const shared = matcherOf({ washington: "white-house" });
    shared.add(["washington"], "place");
    shared.add(["washington"], "place");
    expect(shared.matchAll(["washington"])[0]?.values).toEqual(["white-house", "place"]);
  });

  it("ignores rejected values and then lets a shorter phrase match", () => {
    const dated = matcherOf({ "presidente de colombia": "petro-descriptive", colombia: "place" });
    const matches = dated.matchAll(words("el presidente de colombia"), (v) => v !== "petro-descriptive");
    expect(matches).toEqual([{ start: 3, end: 4, values: ["place"] }]);
  });

  it("ignores an empty phrase and finds nothing in an empty text", () => {
    const empty = new PhraseMatcher<string>();
    empty.add([], "nothing");
    expect(empty.matchAll(["a"])).toEqual([]);
    expect(matcher.matchAll([])).toEqual([]);
  });

  it("works over stems as well as words", () => {
    const glossary = new PhraseMatcher<string>();
    glossary.add(["asil", "polit"], "asylum");
    expect(glossary.matchAll(["conced", "asil", "polit"])).toEqual([{ start: 1, end: 3, values: ["asylum"] }]);
  });
});

describe("PhraseMatcher with gaps", () => {
  const matcher = matcherOf({
    "break tie": "break-relations",
    "break off relat": "break-relations",
    "embassi raid": "raid",
  });

  it("reads a phrase with a word between two of its own: 'break ties' in 'breaks diplomatic ties'", () => {
    expect(matcher.matchAllWithGaps(words("mexico break diplomat tie with ecuador"), 1)).toEqual([
      { start: 1, end: 4, values: ["break-relations"] },
    ]);
  });

  it("allows no more than the gap it is given, and needs the phrase's first word to start the match", () => {
    expect(matcher.matchAllWithGaps(words("break its long diplomat tie"), 1)).toEqual([]);
    expect(matcher.matchAllWithGaps(words("break its long diplomat tie"), 3)).toEqual([
      { start: 0, end: 5, values: ["break-relations"] },
    ]);
    expect(matcher.matchAllWithGaps(words("tie break"), 1)).toEqual([]);
  });

  it("finds contiguous phrases as matchAll does", () => {
    const text = words("after the embassi raid mexico break off relat");
    expect(matcher.matchAllWithGaps(text, 0)).toEqual(matcher.matchAll(text));
  });
});
