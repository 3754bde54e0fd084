import { describe, expect, it } from "vitest";
import { createActorMatcher, uniqueActorIds } from "../../../src/digest/actors/match-actors.js";
import { Actor } from "../../../src/digest/content/story-pack.js";
import { storyActors } from "./story-actors.js";

const matcher = createActorMatcher(storyActors);
const DEC_2025 = Date.parse("2025-12-11T12:00:00Z");
const actorsIn = (text: string, at = DEC_2025) => uniqueActorIds(matcher.match(text, at));

describe("createActorMatcher", () => {
  it("never reads Petro inside petróleo, petrolera, Petrobras or Petroecuador (es)", () => {
    const text =
      "El petróleo venezolano y la petrolera estatal superan a Petrobras y a Petroecuador; las petroleras celebran.";
    expect(actorsIn(text)).toEqual([]);
  });

  it("never reads Petro inside petroleum words (en)", () => {
    expect(actorsIn("Petroleum exports rose as Petrobras and Petroecuador cut output; PETROLEO prices fell.")).toEqual(
      [],
    );
  });

  it("still finds PDVSA by its long name, not Petro", () => {
    expect(actorsIn("Petróleos de Venezuela informó un alza")).toEqual(["pdvsa"]);
  });

  it("finds Petro by his surname, his possessive and his full name", () => {
    expect(actorsIn("Petro's visa was revoked")).toEqual(["petro"]);
    expect(actorsIn("Petro’s visa was revoked")).toEqual(["petro"]);
    expect(actorsIn("GUSTAVO PETRO URREGO respondió")).toEqual(["petro"]);
  });

  it("reads Nicolas Maduro, Nicolás Maduro and NICOLÁS MADURO as the same person", () => {
    for (const form of ["Nicolas Maduro", "Nicolás Maduro", "NICOLÁS MADURO", "Nicola\u0301s Maduro"]) {
      const [mention] = matcher.match(`Dijo ${form} ayer`, DEC_2025);
      expect(mention).toMatchObject({ actorId: "maduro", phrase: form, via: "name" });
    }
  });

  it("accepts both spellings of Lukashenko and his possessive", () => {
    expect(actorsIn("Lukashenka met the ambassador")).toEqual(["lukashenko"]);
    expect(actorsIn("Lukashenko's offer stands")).toEqual(["lukashenko"]);
    expect(actorsIn("Aliaksandr Lukashenka")).toEqual(["lukashenko"]);
  });

  it("matches hyphenated and unaccented forms of Padrino López", () => {
    expect(actorsIn("el ministro Padrino-Lopez anunció")).toEqual(["padrino"]);
    expect(actorsIn("el ministro Padrino López anunció")).toEqual(["padrino"]);
  });

  it("tells Vladimir Padrino from Vladimir Putin", () => {
    expect(actorsIn("Vladimir Putin llamó a Maduro; Vladimir Padrino lo confirmó")).toEqual([
      "putin",
      "maduro",
      "padrino",
    ]);
  });

  it("matches a name written with a dotted acronym", () => {
    const mentions = matcher.match("El Gobierno de EE.UU. y la Casa Blanca callan", DEC_2025);
    expect(mentions.map((m) => [m.actorId, m.phrase])).toEqual([
      ["white-house", "Gobierno de EE.UU."],
      ["white-house", "Casa Blanca"],
    ]);
  });

  it("points each mention at the words as written", () => {
    const text = "Ayer Trump's aides met";
    const [mention] = matcher.match(text, DEC_2025);
    expect(mention).toEqual({ actorId: "trump", phrase: "Trump", start: 5, end: 10, via: "alias" });
    expect(text.slice(mention!.start, mention!.end)).toBe("Trump");
  });

  it("reads 'el mandatario venezolano' as Maduro only inside its dates", () => {
    const text = "El mandatario venezolano respondió";
    expect(matcher.match(text, DEC_2025)).toEqual([
      { actorId: "maduro", phrase: "El mandatario venezolano", start: 0, end: 24, via: "descriptive" },
    ]);
    expect(actorsIn(text, Date.parse("2013-04-19T00:00:00Z"))).toEqual(["maduro"]);
    expect(actorsIn(text, Date.parse("2013-04-18T23:59:59Z"))).toEqual([]);
  });

  it("reads 'the Colombian president' as Petro through 2026-08-07 and as nobody after", () => {
    const text = "The Colombian president spoke";
    expect(actorsIn(text, Date.parse("2026-08-07T23:00:00Z"))).toEqual(["petro"]);
    expect(actorsIn(text, Date.parse("2026-08-08T00:00:00Z"))).toEqual([]);
  });

  it("reads 'Venezuela's president' through the possessive", () => {
    expect(matcher.match("Venezuela’s president answered", DEC_2025)[0]).toMatchObject({
      actorId: "maduro",
      via: "descriptive",
    });
  });

  it("keeps the longest name: 'Donald J. Trump' is one mention by name", () => {
    expect(matcher.match("Donald J. Trump dijo", DEC_2025).map((m) => [m.phrase, m.via])).toEqual([
      ["Donald J. Trump", "alias"],
    ]);
  });

  it("returns both actors when one phrase names two and both apply, only the one whose dates fit otherwise", () => {
    const shared = [
      ...storyActors,
      Actor.parse({
        id: "duque",
        kind: "person",
        names: { es: "Iván Duque", en: "Iván Duque" },
        descriptive: [{ phrase: "el presidente colombiano", from: "2018-08-07", to: "2026-12-31" }],
        country: "CO",
        profile: { es: "…", en: "…" },
      }),
    ];
    const both = createActorMatcher(shared);
    expect(uniqueActorIds(both.match("el presidente colombiano", DEC_2025))).toEqual(["petro", "duque"]);
    expect(uniqueActorIds(both.match("el presidente colombiano", Date.parse("2026-09-01")))).toEqual(["duque"]);
  });

  it("lists each actor once, in the order they first appear", () => {
    const mentions = matcher.match("Maduro, Trump y Maduro de nuevo; luego Trump", DEC_2025);
    expect(mentions).toHaveLength(4);
    expect(uniqueActorIds(mentions)).toEqual(["maduro", "trump"]);
  });
});

describe("matching across sentences and Spanish contractions", () => {
  const matcher = createActorMatcher([
    {
      id: "maduro",
      kind: "person",
      names: { es: "Nicolás Maduro", en: "Nicolás Maduro" },
      aliases: ["Maduro"],
      descriptive: [
        { phrase: "el mandatario venezolano", from: "2013-04-19" },
        { phrase: "Venezuela's president", from: "2013-04-19" },
      ],
      roles: [],
      country: "VE",
      profile: { es: "x", en: "x" },
      relevance: "core",
      ambiguousAliases: [],
      context: [],
    },
  ]);
  const at = Date.parse("2025-12-11T12:00:00Z");

  it("does not join the last word of one sentence with the first of the next", () => {
    expect(matcher.match("The tanker was seized off Venezuela. President Trump confirmed it.", at)).toEqual([]);
  });

  it("finds a descriptive alias after «del» and «al»", () => {
    const ids = (text: string) => matcher.match(text, at).map((m) => m.actorId);
    expect(ids("La oferta del mandatario venezolano llegó tarde.")).toEqual(["maduro"]);
    expect(ids("Trump llamó al mandatario venezolano.")).toEqual(["maduro"]);
  });
});

describe("telling a name from the same words used otherwise", () => {
  const person = (id: string, name: string, extra: Partial<Actor> = {}): Actor =>
    Actor.parse({
      id,
      kind: "person",
      names: { es: name, en: name },
      country: "EC",
      profile: { es: "x", en: "x" },
      ...extra,
    });
  const matcher = createActorMatcher(
    [
      person("rafael-correa", "Rafael Correa", {
        ambiguousAliases: ["Correa"],
        context: ["expresidente", "former president", "correísmo"],
      }),
      person("la-roca", "La Roca", {
        kind: "facility",
        ambiguousAliases: ["La Roca"],
        context: ["cárcel", "prisión", "máxima seguridad"],
      }),
      person("white-house", "Casa Blanca", { kind: "government", aliases: ["White House"] }),
      person("mexico", "México", { kind: "government", aliases: ["Mexico"] }),
    ],
    [{ id: "mexico-city", names: ["Ciudad de México", "Mexico City"] }],
  );
  const ids = (title: string, text = "") =>
    [...new Set(matcher.matchArticle({ title, text }, Date.UTC(2024, 3, 6)).map((m) => m.actorId))].sort();

  it("never links a short capitalised name written in lowercase: a white house is not the White House", () => {
    expect(ids("Compraron una casa blanca junto al mar")).toEqual([]);
    expect(ids("La Casa Blanca responde")).toEqual(["white-house"]);
  });

  it("links an ambiguous alias only when the article confirms who it is", () => {
    expect(
      ids("Correa de distribución: los motores piden garantías", "La correa se desgasta antes de tiempo."),
    ).toEqual([]);
    expect(ids("La defensa de Correa pide revisar su condena", "El expresidente vive en Bélgica.")).toEqual([
      "rafael-correa",
    ]);
    expect(ids("Correa habla desde Bruselas", "Rafael Correa criticó al Gobierno.")).toEqual(["rafael-correa"]);
    expect(ids("La Roca vuelve a ser Maui en el nuevo tráiler")).toEqual([]);
    expect(ids("Glas, trasladado a La Roca", "La cárcel de máxima seguridad está en Guayaquil.")).toEqual(["la-roca"]);
  });

  it("does not take the country out of a place named after it", () => {
    expect(ids("Llegan a la Ciudad de México los diplomáticos")).toEqual([]);
    expect(ids("MEXICO CITY, April 6 - Mexico broke off relations")).toEqual(["mexico"]);
    expect(ids("Diplomats land in Mexico City")).toEqual([]);
  });
});
