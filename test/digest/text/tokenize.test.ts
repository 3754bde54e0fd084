import { describe, expect, it } from "vitest";
import { foldPhrase, tokenize } from "../../../src/digest/text/tokenize.js";

const folded = (text: string) => tokenize(text).map((t) => t.folded);

describe("tokenize", () => {
  it("reads a possessive name as the bare name, whatever the apostrophe", () => {
    expect(folded("Trump's threat")).toEqual(["trump", "threat"]);
    expect(folded("Trump’s threat")).toEqual(["trump", "threat"]);
    expect(folded("TRUMP'S THREAT")).toEqual(["trump", "threat"]);
  });

  it("splits hyphenated names and elisions into their words", () => {
    expect(folded("Padrino-López")).toEqual(["padrino", "lopez"]);
    expect(folded("el método d'Hondt")).toEqual(["el", "metodo", "d", "hondt"]);
  });

  it("reads 4.000, 4,000 and 4000 as the same number", () => {
    const tokens = tokenize("4.000 marines, 4,000 sailors and 4000 troops");
    const numbers = tokens.filter((t) => t.kind === "number");
    expect(numbers.map((t) => t.folded)).toEqual(["4000", "4000", "4000"]);
    expect(numbers.map((t) => t.text)).toEqual(["4.000", "4,000", "4000"]);
  });

  it("reads 1,1 and 1.1 as the same decimal and groups long numbers", () => {
    expect(folded("1,1 millones")).toEqual(["1.1", "millones"]);
    expect(folded("1.1 million")).toEqual(["1.1", "million"]);
    expect(folded("1.234.567,89 and 3,000,000")).toEqual(["1234567.89", "and", "3000000"]);
    expect(folded("4\u00a0000 soldados")).toEqual(["4000", "soldados"]);
  });

  it("keeps '50 millones' and '50 million' as a number and a word", () => {
    expect(tokenize("50 millones").map((t) => t.kind)).toEqual(["number", "word"]);
    expect(folded("50 million")).toEqual(["50", "million"]);
  });

  it("treats digits running into letters as one word", () => {
    expect(tokenize("the 3rd strike, 10km off").map((t) => [t.folded, t.kind])).toEqual([
      ["the", "word"],
      ["3rd", "word"],
      ["strike", "word"],
      ["10km", "word"],
      ["off", "word"],
    ]);
  });

  it("joins dotted acronyms so EE.UU., EE. UU., EE UU and EEUU are one word", () => {
    for (const form of ["EE.UU.", "EE. UU.", "EE UU", "EEUU"])
      expect(folded(`sanciones de ${form} contra`)).toEqual(["sanciones", "de", "eeuu", "contra"]);
    expect(folded("U.S. forces")).toEqual(["us", "forces"]);
    expect(folded("US forces")).toEqual(["us", "forces"]);
  });

  it("keeps spaced initials apart", () => {
    expect(folded("Donald J. Trump")).toEqual(["donald", "j", "trump"]);
    expect(folded("USS Gerald R. Ford")).toEqual(["uss", "gerald", "r", "ford"]);
  });

  it("points each token at where it is written, even with decomposed accents", () => {
    const text = "Dijo Nicola\u0301s Maduro’s";
    const [, nicolas, maduro] = tokenize(text);
    expect(nicolas).toMatchObject({ folded: "nicolas", text: "Nicola\u0301s", start: 5, end: 13 });
    expect(text.slice(maduro!.start, maduro!.end)).toBe("Maduro");
  });

  it("marks capitalised words and sentence starts", () => {
    const tokens = tokenize("¿Qué dijo Maduro? Nada. Sr. Cabello y Donald J. Trump callaron. 50 más");
    const marks = Object.fromEntries(tokens.map((t) => [t.text, [t.capitalised, t.sentenceStart]]));
    expect(marks).toMatchObject({
      Qué: [true, true],
      dijo: [false, false],
      Maduro: [true, false],
      Nada: [true, true],
      Sr: [true, true],
      Cabello: [true, false], // "Sr." does not end the sentence
      Trump: [true, false], // nor does the initial "J."
      "50": [false, true],
    });
  });

  it("finds no tokens in punctuation or emoji", () => {
    expect(tokenize("")).toEqual([]);
    expect(tokenize(" — ¿?! … 🙂 ")).toEqual([]);
  });

  it("reads letters outside the basic plane as word characters", () => {
    expect(folded("𝐌aduro habló")).toEqual(["maduro", "hablo"]);
  });

  it("gives a long text asked for again the tokens of its own words, however many other texts came between", () => {
    // Same length, different words: only the text itself may bring back tokens read before.
    const texts = Array.from(
      { length: 7 },
      (_, i) => `Informe ${i}: Maduro y Petro hablan del asilo en Caracas durante la noche ${i}.`,
    );
    const first = texts.map((text) => tokenize(text).map((t) => t.folded));
    for (const order of [texts, [...texts].reverse(), [texts[3]!, texts[3]!, texts[0]!]]) {
      for (const text of order) expect(folded(text)).toEqual(first[texts.indexOf(text)]);
    }
    expect(first[2]).toContain("2");
    expect(first[5]).toContain("5");
  });

  it("folds a phrase into the key form registries use", () => {
    expect(foldPhrase("Cártel de los Soles'")).toBe("cartel de los soles");
    expect(foldPhrase("Padrino-López")).toBe("padrino lopez");
  });
});
