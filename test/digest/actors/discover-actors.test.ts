import { describe, expect, it } from "vitest";
import { discoverActors, type NameSighting } from "../../../src/digest/actors/discover-actors.js";

let n = 0;
const seen = (key: string, form: string, publisher: string, personHint = false): NameSighting => {
  n += 1;
  return { key, form, articleId: `a${n}`, publisher, publishedAt: Date.UTC(2024, 3, 4) + n * 60_000, personHint };
};

describe("discovering actors from names outside the registry", () => {
  it("makes a name two outlets write an actor, with its forms and counts", () => {
    const [found, ...rest] = discoverActors([
      seen("fernando villavicencio", "Fernando Villavicencio", "Heraldo"),
      seen("fernando villavicencio", "Fernando Villavicencio", "Crónica"),
      seen("villavicencio", "Villavicencio", "Crónica"),
    ]);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      id: "found-fernando-villavicencio",
      name: "Fernando Villavicencio",
      kind: "person",
      forms: ["Fernando Villavicencio", "Villavicencio"],
      keys: ["fernando villavicencio", "villavicencio"],
      articles: 3,
      publishers: 2,
    });
  });

  it("never makes one outlet's habit an actor, however often it writes the name", () => {
    expect(
      discoverActors([
        seen("andrea arrobo", "Andrea Arrobo", "Latitude"),
        seen("andrea arrobo", "Andrea Arrobo", "Latitude"),
      ]),
    ).toEqual([]);
  });

  it("keeps a lone surname apart when two full names end in it", () => {
    const found = discoverActors([
      seen("luisa gonzalez", "Luisa González", "A"),
      seen("luisa gonzalez", "Luisa González", "B"),
      seen("pedro gonzalez", "Pedro González", "A"),
      seen("pedro gonzalez", "Pedro González", "B"),
      seen("gonzalez", "González", "A"),
      seen("gonzalez", "González", "B"),
    ]);
    expect(found.map((actor) => actor.keys)).toEqual([["gonzalez"], ["luisa gonzalez"], ["pedro gonzalez"]]);
  });

  it("guesses an institution from its words or an acronym, and a person from a title before the name", () => {
    const kinds = (sightings: NameSighting[]) => discoverActors(sightings).map((actor) => actor.kind);
    expect(
      kinds([
        seen("corte nacional de justicia", "Corte Nacional de Justicia", "A"),
        seen("corte nacional de justicia", "Corte Nacional de Justicia", "B"),
      ]),
    ).toEqual(["organisation"]);
    expect(kinds([seen("snai", "SNAI", "A"), seen("snai", "SNAI", "B")])).toEqual(["organisation"]);
    expect(kinds([seen("lula", "Lula", "A", true), seen("lula", "Lula", "B")])).toEqual(["person"]);
  });

  it("never discovers a common institution word Spanish news capitalises, nor a two-letter abbreviation", () => {
    expect(
      discoverActors([
        seen("cancilleria", "Cancillería", "A"),
        seen("cancilleria", "Cancillería", "B"),
        seen("vp", "VP", "A"),
        seen("vp", "VP", "B"),
      ]),
    ).toEqual([]);
  });
});
