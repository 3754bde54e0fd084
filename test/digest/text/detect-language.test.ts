import { describe, expect, it } from "vitest";
import { detectLanguage } from "../../../src/digest/text/detect-language.js";

describe("detectLanguage", () => {
  it("recognises Spanish even when the caller guessed English", () => {
    expect(
      detectLanguage("El gobierno anunció que las negociaciones con la oposición se reanudarán en enero.", "en"),
    ).toBe("es");
  });

  it("recognises English even when the caller guessed Spanish", () => {
    expect(detectLanguage("The government said that talks with the opposition will resume in January.", "es")).toBe(
      "en",
    );
  });

  it("keeps English reports that name Spanish people and places in English", () => {
    const text =
      "Nicolás Maduro met María Corina Machado's envoys in Bogotá, and the talks were described as productive by officials.";
    expect(detectLanguage(text, "es")).toBe("en");
  });

  it("counts ñ, ¿ and ¡ as Spanish", () => {
    expect(detectLanguage("¿Mañana? ¡Sí! Niño, señor", "en")).toBe("es");
  });

  it("falls back on text too short to tell", () => {
    expect(detectLanguage("Maduro", "en")).toBe("en");
    expect(detectLanguage("Caracas, Washington", "es")).toBe("es");
    expect(detectLanguage("", "es")).toBe("es");
  });

  it("falls back when both languages score alike", () => {
    expect(detectLanguage("de la que el the of and to", "en")).toBe("en");
    expect(detectLanguage("de la que el the of and to", "es")).toBe("es");
  });
});
