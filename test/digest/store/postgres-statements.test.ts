import { describe, expect, it } from "vitest";
import { phrasesOf } from "../../../src/digest/store/postgres/postgres-chunk-search.js";
import { numberPlaceholders } from "../../../src/digest/store/postgres/postgres-database.js";

describe("SQLite statements read by PostgreSQL", () => {
  it("number their placeholders, leaving quoted text, quoted names and comments alone", () => {
    expect(numberPlaceholders("SELECT a FROM t WHERE b = ? AND c IN (?, ?)")).toBe(
      "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)",
    );
    expect(numberPlaceholders(`SELECT '¿?', "odd?name" FROM t -- why?\nWHERE x = ?`)).toBe(
      `SELECT '¿?', "odd?name" FROM t -- why?\nWHERE x = $1`,
    );
    expect(numberPlaceholders("SELECT 'it''s ?' || ?")).toBe("SELECT 'it''s ?' || $1");
  });
});

describe("a search unit for PostgreSQL", () => {
  it("is its quoted phrases, and anything else in it is refused", () => {
    expect(phrasesOf('"medid provisional" OR "provisional measur" OR "asil"')).toEqual([
      "medid provisional",
      "provisional measur",
      "asil",
    ]);
    expect(phrasesOf('"say ""hi"""')).toEqual(['say "hi"']);
    expect(() => phrasesOf('"asil" AND NOT "x"')).toThrow(RangeError);
  });
});
