import { describe, expect, it } from "vitest";
import { loadStoryPack } from "../../../src/digest/index.js";
import { searchQuery } from "../../../src/digest/summaries/search-query.js";
import { STORY_DIR } from "../../helpers/demo-hilo.js";

const pack = loadStoryPack(STORY_DIR);

describe("searchQuery", () => {
  it("reads a glossary phrase as one unit searched as phrases in both languages, never as its single words", () => {
    const query = searchQuery("aircraft carrier", pack);
    expect(query.units).toHaveLength(1);
    expect(query.minMatched).toBe(1);
    // The Spanish word of the same concept is one of its phrases; "aircraft" alone is not.
    expect(query.units[0]).toContain('"portaavion');
    expect(query.units[0]).toMatch(/"aircraft carrier"/);
    expect(query.units[0]!.split(" OR ")).not.toContain('"aircraft"');
  });

  it("expands a Spanish concept to its English phrases", () => {
    const [unit] = searchQuery("portaaviones", pack).units;
    expect(unit).toMatch(/"aircraft carrier"/);
  });

  it("reads a multi-word name as one phrase unit beside the other words", () => {
    const query = searchQuery("asilo Nicolás Maduro", pack);
    expect(query.units).toHaveLength(2);
    // Every name of the actor, "Maduro" alone included, is a phrase of the one unit the full name makes.
    expect(query.units[1]).toMatch(/"nicol madur"/);
    expect(query.units[1]).toMatch(/"madur"/);
    expect(query.minMatched).toBe(2);
  });

  it("asks a longer query to match two of its units, not all of them", () => {
    const query = searchQuery("asilo embajada sanciones visas", pack);
    expect(query.units.length).toBeGreaterThanOrEqual(4);
    expect(query.minMatched).toBe(2);
  });

  it("has nothing to search for in stopwords, numbers and punctuation", () => {
    expect(searchQuery("de la the of 2025 ¿?", pack).units).toEqual([]);
  });

  it("turns FTS5 syntax typed by a user into quoted terms only", () => {
    const query = searchQuery('asilo" OR NEAR(maduro* ^col:x) AND -"', pack);
    for (const unit of query.units) {
      for (const phrase of unit.split(" OR ")) expect(phrase).toMatch(/^"[\p{L}\p{N} ]+"$/u);
    }
  });
});
