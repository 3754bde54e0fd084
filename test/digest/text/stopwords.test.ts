import { describe, expect, it } from "vitest";
import { isStopword } from "../../../src/digest/text/stopwords.js";

describe("isStopword", () => {
  it("drops Spanish function words and news filler in folded form", () => {
    for (const word of ["de", "la", "que", "segun", "dijo", "ademas", "tambien", "mas"])
      expect(isStopword(word, "es")).toBe(true);
  });

  it("drops English function words and news filler", () => {
    for (const word of ["the", "of", "said", "according", "would", "t"]) expect(isStopword(word, "en")).toBe(true);
  });

  it("checks the language it is asked about", () => {
    expect(isStopword("said", "es")).toBe(false);
    expect(isStopword("dijo", "en")).toBe(false);
  });

  it("keeps the words that carry the story", () => {
    for (const word of ["gobierno", "estado", "embargo", "asilo", "maduro", "petro"])
      expect(isStopword(word, "es")).toBe(false);
    for (const word of ["us", "won", "strike", "tanker", "trump"]) expect(isStopword(word, "en")).toBe(false);
  });

  it("expects folded words, so an accented form is not looked up", () => {
    expect(isStopword("según", "es")).toBe(false);
  });
});
