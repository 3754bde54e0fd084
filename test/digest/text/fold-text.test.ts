import { describe, expect, it } from "vitest";
import { foldText } from "../../../src/digest/text/fold-text.js";

describe("foldText", () => {
  it("lowercases and strips accents so Nicolás and NICOLAS read the same", () => {
    expect(foldText("Nicolás")).toBe("nicolas");
    expect(foldText("NICOLAS")).toBe("nicolas");
    expect(foldText("Petróleos de Venezuela")).toBe("petroleos de venezuela");
  });

  it("folds decomposed accents, ligatures and letters NFKD keeps whole", () => {
    expect(foldText("Nicola\u0301s")).toBe("nicolas");
    expect(foldText("ﬁnal")).toBe("final");
    expect(foldText("Łukašenka")).toBe("lukasenka");
    expect(foldText("Støre")).toBe("store");
  });

  it("turns typographic apostrophes and quotes into plain ones", () => {
    expect(foldText("Trump’s")).toBe("trump's");
    expect(foldText("Trump´s")).toBe("trump's");
    expect(foldText("“cerrado” «por completo»")).toBe('"cerrado" "por completo"');
  });
});
