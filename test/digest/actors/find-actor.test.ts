import { describe, expect, it } from "vitest";
import { type ActorLookup, findActor, suggestActors } from "../../../src/digest/actors/find-actor.js";
import { storyActors } from "./story-actors.js";

/** The lookup with actors reduced to their ids, so failures read as ids. */
function lookup(query: string): { kind: string; ids: string[] } {
  const result: ActorLookup = findActor(query, storyActors);
  switch (result.kind) {
    case "found":
      return { kind: "found", ids: [result.actor.id] };
    case "ambiguous":
      return { kind: "ambiguous", ids: result.candidates.map((a) => a.id) };
    case "unknown":
      return { kind: "unknown", ids: result.suggestions.map((a) => a.id) };
  }
}

describe("findActor", () => {
  it("finds an actor by a whole name or alias, whatever the case and accents", () => {
    for (const query of ["petro", "Gustavo Petro", "PETRO"])
      expect(lookup(query)).toEqual({ kind: "found", ids: ["petro"] });
    expect(lookup("lukashenka")).toEqual({ kind: "found", ids: ["lukashenko"] });
    expect(lookup("nicolas maduro")).toEqual({ kind: "found", ids: ["maduro"] });
    expect(lookup("Padrino-López")).toEqual({ kind: "found", ids: ["padrino"] });
  });

  it("finds an actor by a word of exactly one actor's names", () => {
    expect(lookup("corina")).toEqual({ kind: "found", ids: ["machado"] });
    expect(lookup("Corina Machado")).toEqual({ kind: "found", ids: ["machado"] });
  });

  it("asks which one when a word belongs to several actors", () => {
    expect(lookup("vladimir")).toEqual({ kind: "ambiguous", ids: ["putin", "padrino"] });
  });

  it("finds an actor by a prefix of four letters or more", () => {
    expect(lookup("luka")).toEqual({ kind: "found", ids: ["lukashenko"] });
    expect(lookup("Gusta")).toEqual({ kind: "found", ids: ["petro"] });
    expect(lookup("corina mach")).toEqual({ kind: "found", ids: ["machado"] });
  });

  it("asks which one when a prefix fits several actors", () => {
    expect(lookup("vlad")).toEqual({ kind: "ambiguous", ids: ["putin", "padrino"] });
  });

  it("does not resolve a prefix shorter than four letters", () => {
    expect(lookup("luk").kind).toBe("unknown");
  });

  it("never turns 'petroleo' into Petro: unknown, with PDVSA suggested", () => {
    expect(lookup("petroleo")).toEqual({ kind: "unknown", ids: ["pdvsa"] });
    expect(lookup("petróleo")).toEqual({ kind: "unknown", ids: ["pdvsa"] });
  });

  it("suggests Petro for the typo 'petr0' without resolving it", () => {
    expect(lookup("petr0")).toEqual({ kind: "unknown", ids: ["petro"] });
  });

  it("suggests through a swapped pair of letters", () => {
    expect(lookup("madruo")).toEqual({ kind: "unknown", ids: ["maduro"] });
    expect(lookup("nicolas madruo")).toEqual({ kind: "unknown", ids: ["maduro"] });
  });

  it("allows only one typo in a short query and two in a long one", () => {
    expect(lookup("ptero")).toEqual({ kind: "unknown", ids: ["petro"] }); // a swap costs one
    expect(lookup("pteor").ids).toEqual([]);
    expect(lookup("lukashnka")).toEqual({ kind: "unknown", ids: ["lukashenko"] });
    expect(lookup("lucashnka")).toEqual({ kind: "unknown", ids: ["lukashenko"] });
  });

  it("answers an empty or punctuation-only query with nothing to suggest", () => {
    expect(lookup("")).toEqual({ kind: "unknown", ids: [] });
    expect(lookup(" ¿?! — ")).toEqual({ kind: "unknown", ids: [] });
  });

  it("does not match on a stopword alone", () => {
    expect(lookup("de")).toEqual({ kind: "unknown", ids: [] });
  });
});

describe("suggestActors", () => {
  const ids = (prefix: string, limit = 5) => suggestActors(prefix, storyActors, limit).map((a) => a.id);

  it("ranks actors whose name starts so before those whose alias does", () => {
    expect(ids("ma")).toEqual(["machado", "maduro"]);
  });

  it("ignores accents and case and matches later words of a name", () => {
    expect(ids("NICOLÁ")).toEqual(["maduro"]);
    expect(ids("lope")).toEqual(["padrino"]);
  });

  it("keeps to the limit and lists the registry for an empty prefix", () => {
    expect(ids("p", 2)).toEqual(["pdvsa", "petro"]);
    expect(ids("", 3)).toEqual(["maduro", "trump", "petro"]);
  });
});
