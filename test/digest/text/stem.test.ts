import { describe, expect, it } from "vitest";
import { foldText } from "../../../src/digest/text/fold-text.js";
import { stem } from "../../../src/digest/text/stem.js";

const stems = (words: string[], lang: "es" | "en") => new Set(words.map((w) => stem(foldText(w), lang)));

describe("stem", () => {
  it("brings asilo, asilado and asilar to one Spanish stem", () => {
    expect(stems(["asilo", "asilado", "asilados", "asilar"], "es")).toEqual(new Set(["asil"]));
  });

  it("stems incautación the same with or without its accent, and like its plural", () => {
    expect(stem("incautacion", "es")).toBe("incaut");
    expect(stems(["incautación", "incautaciones", "incautar", "incautó"], "es")).toEqual(new Set(["incaut"]));
  });

  it("keeps other folded Spanish families together", () => {
    expect(stems(["sanción", "sanciones", "sancionado", "sancionar"], "es").size).toBe(1);
    expect(stems(["ideología", "ideologías"], "es").size).toBe(1);
    expect(stems(["operación", "operaciones"], "es").size).toBe(1);
  });

  it("never gives petróleo the stem of Petro", () => {
    expect(stem("petroleo", "es")).not.toBe(stem("petro", "es"));
  });

  it("stems English with the English algorithm", () => {
    expect(stems(["seized", "seize", "seizing"], "en")).toEqual(new Set(["seiz"]));
    expect(stems(["sanctions", "sanctioned"], "en")).toEqual(new Set(["sanction"]));
    expect(stem("strikes", "en")).not.toBe(stem("strikes", "es"));
  });

  it("keeps answering correctly after its memo fills and is cleared", () => {
    for (let i = 0; i < 60_000; i++) stem(`palabra${i}s`, "es");
    expect(stem("asilados", "es")).toBe("asil");
  });
});
