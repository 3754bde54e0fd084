import { describe, expect, it } from "vitest";
import { buildVocabulary, extractFeatures } from "../../../src/digest/developments/article-features.js";
import { DevelopmentGrouper } from "../../../src/digest/developments/group-articles.js";
import { TermStats } from "../../../src/digest/developments/term-stats.js";
import type { Actor } from "../../../src/digest/content/story-pack.js";
import type { Lang } from "../../../src/digest/model.js";

const actors: Actor[] = [
  person("maduro", "Nicolás Maduro", ["Maduro"]),
  person("trump", "Donald Trump", ["Trump"]),
  person("lukashenko", "Alexander Lukashenko", ["Lukashenko", "Lukashenka"]),
  person("petro", "Gustavo Petro", ["Petro"]),
];
const vocabulary = buildVocabulary({
  actors,
  glossary: [
    { id: "asylum", es: ["asilo", "refugio"], en: ["asylum", "refuge"] },
    { id: "boat-strike", es: ["lancha", "embarcación"], en: ["boat", "vessel"] },
    { id: "strike", es: ["ataque", "bombardeo"], en: ["strike", "attack"] },
  ],
  places: [{ id: "belarus", names: ["Bielorrusia", "Belarus"] }, { id: "caribbean", names: ["Caribe", "Caribbean"] }],
});

const DAY = 86_400_000;
const T0 = Date.parse("2025-12-09T12:00:00Z");

function article(title: string, text: string, lang: Lang, at: number) {
  return extractFeatures(vocabulary, { title, text, lang, publishedAt: at });
}

function group(articles: ReturnType<typeof article>[]): number[] {
  const stats = new TermStats();
  const grouper = new DevelopmentGrouper(stats, 1);
  return articles.map((features) => {
    stats.observe([...features.terms.keys(), ...features.anchors]);
    return grouper.assign(features).developmentId;
  });
}

const lukashenkoEs = article(
  "Lukashenko dice que Maduro siempre será bienvenido en Bielorrusia",
  "El presidente bielorruso recibió por segunda vez en dos semanas al embajador venezolano y ofreció refugio a Maduro.",
  "es",
  T0,
);
const lukashenkoEn = article(
  "Lukashenka says Maduro will always be welcome in Belarus",
  "The Belarusian leader met Venezuela's ambassador again and signalled Minsk could offer Maduro refuge.",
  "en",
  T0 + 3 * 3_600_000,
);
const lukashenkoRewrite = article(
  "Bielorrusia abre la puerta a Maduro: Lukashenko lo recibirá cuando quiera",
  "Lukashenko reiteró ante el embajador de Venezuela que Maduro será bienvenido en Bielorrusia si decide dejar el poder.",
  "es",
  T0 + 5 * 3_600_000,
);
const petroAsylum = article(
  "Colombia no descarta dar asilo a Maduro, dice la cancillería",
  "El gobierno de Petro considera otorgar asilo al líder venezolano si abandona el cargo; Petro pide una transición democrática.",
  "es",
  T0 + 6 * 3_600_000,
);

describe("grouping articles into developments", () => {
  it("puts rewrites of one event by several outlets in one development", () => {
    const [a, b] = group([lukashenkoEs, lukashenkoRewrite]);
    expect(b).toBe(a);
  });

  it("puts the Spanish and the English report of one event together", () => {
    const [es, en] = group([lukashenkoEs, lukashenkoEn]);
    expect(en).toBe(es);
  });

  it("keeps a different event of the same days apart even when it shares an actor and a concept", () => {
    const [lukashenko, , petro] = group([lukashenkoEs, lukashenkoRewrite, petroAsylum]);
    expect(petro).not.toBe(lukashenko);
  });

  it("starts a new development for a second boat strike two weeks after the first", () => {
    const text = "Trump anunció un ataque contra una lancha con drogas en el Caribe; murieron los tripulantes.";
    const first = article("EE UU ataca una lancha en el Caribe", text, "es", T0);
    const again = article("EE UU ataca otra lancha en el Caribe", text, "es", T0 + 13 * DAY);
    const [a, b] = group([first, again]);
    expect(b).not.toBe(a);
  });

  it("gives the same developments for the same articles in the same order", () => {
    const input = [lukashenkoEs, lukashenkoEn, petroAsylum, lukashenkoRewrite];
    expect(group(input)).toEqual(group(input));
  });

  it("forgets developments that left the window, so memory does not grow with the archive", () => {
    const stats = new TermStats();
    const grouper = new DevelopmentGrouper(stats, 1);
    for (let day = 0; day < 60; day += 1) {
      grouper.assign(article(`Noticia número ${day} sobre Maduro`, `Texto del día ${day} con datos ${day * 7}.`, "es", T0 + day * DAY));
    }
    expect(grouper.openCount).toBeLessThanOrEqual(9);
  });
});

function person(id: string, name: string, aliases: string[]): Actor {
  return {
    id,
    kind: "person",
    names: { es: name, en: name },
    aliases,
    descriptive: [],
    roles: [],
    country: "VE",
    profile: { es: name, en: name },
  };
}
