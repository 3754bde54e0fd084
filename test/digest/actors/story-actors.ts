import { Actor } from "../../../src/digest/content/story-pack.js";

/** A small registry in the shape of actors.json, with the names that make the classic traps. */
export const storyActors: Actor[] = [
  {
    id: "maduro",
    names: { es: "Nicolás Maduro", en: "Nicolás Maduro" },
    aliases: ["Maduro", "Nicolas Maduro", "Nicolás Maduro Moros"],
    descriptive: [
      { phrase: "el mandatario venezolano", from: "2013-04-19" },
      { phrase: "Venezuela's president", from: "2013-04-19" },
    ],
  },
  {
    id: "trump",
    names: { es: "Donald Trump", en: "Donald Trump" },
    aliases: ["Trump", "Donald J. Trump"],
    descriptive: [
      { phrase: "el presidente de Estados Unidos", from: "2025-01-20" },
      { phrase: "the US president", from: "2025-01-20" },
    ],
  },
  {
    id: "petro",
    names: { es: "Gustavo Petro", en: "Gustavo Petro" },
    aliases: ["Petro", "Gustavo Petro Urrego"],
    descriptive: [
      { phrase: "el presidente colombiano", from: "2022-08-07", to: "2026-08-07" },
      { phrase: "the Colombian president", from: "2022-08-07", to: "2026-08-07" },
    ],
  },
  {
    id: "putin",
    names: { es: "Vladímir Putin", en: "Vladimir Putin" },
    aliases: ["Putin", "Vladimir Vladimirovich Putin"],
  },
  {
    id: "lukashenko",
    names: { es: "Alexandr Lukashenko", en: "Alexander Lukashenko" },
    aliases: ["Lukashenko", "Lukashenka", "Lukashenko's", "Aliaksandr Lukashenka"],
  },
  {
    id: "machado",
    names: { es: "María Corina Machado", en: "María Corina Machado" },
    aliases: ["Machado", "Maria Corina Machado", "María Corina"],
  },
  {
    id: "padrino",
    names: { es: "Vladimir Padrino López", en: "Vladimir Padrino López" },
    aliases: ["Padrino López", "Vladimir Padrino", "Padrino Lopez"],
  },
  {
    id: "white-house",
    kind: "government",
    names: { es: "Gobierno de EE UU (Casa Blanca)", en: "US administration (White House)" },
    aliases: ["Casa Blanca", "White House", "Washington", "US government"],
  },
  {
    id: "pdvsa",
    kind: "organisation",
    names: { es: "PDVSA", en: "PDVSA" },
    aliases: ["PDVSA", "Petróleos de Venezuela", "Petroleos de Venezuela"],
  },
  {
    id: "cartel-de-los-soles",
    kind: "organisation",
    names: { es: "Cartel de los Soles", en: "Cartel of the Suns" },
    aliases: ["Cártel de los Soles", "Cartel de los Soles'"],
  },
].map((a) => Actor.parse({ kind: "person", country: "VE", profile: { es: "…", en: "…" }, ...a }));
