import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadStoryPack } from "../../../src/digest/content/load-story-pack.js";
import { buildVocabulary, extractFeatures } from "../../../src/digest/developments/article-features.js";
import { DevelopmentGrouper } from "../../../src/digest/developments/group-articles.js";
import { TermStats } from "../../../src/digest/developments/term-stats.js";
import { openDatabase, Pipeline, silentLogger } from "../../../src/digest/index.js";
import type { Lang } from "../../../src/digest/model.js";
import { TermStatsStore } from "../../../src/digest/store/term-stats-store.js";
import { STORY_DIR } from "../../helpers/demo-hilo.js";

// The bundled story's vocabulary and word statistics, as the pipeline starts with them.
const pack = loadStoryPack(STORY_DIR);
const vocabulary = buildVocabulary(pack);

const DAY = 86_400_000;
const T0 = Date.parse("2026-01-20T12:00:00Z");

function article(title: string, text: string, lang: Lang, at: number) {
  return extractFeatures(vocabulary, { title, text, lang, publishedAt: at });
}

// Word statistics as they stand after the bundled demo corpus (Aug–Dec 2025): the test articles are
// dated weeks later, so they meet the story's usual vocabulary but none of its developments.
let warmed: [string, number][] = [];
let warmedDocs = 0;
beforeAll(async () => {
  const db = openDatabase(":memory:");
  const pipeline = new Pipeline(db, pack, silentLogger);
  await pipeline.ingest(
    pack.demoFeeds.map((feed) => ({
      source: { feed: feed.path, publisher: feed.publisher, lang: feed.lang },
      bytes: readFileSync(feed.path),
    })),
    Date.parse("2025-12-12T12:00:00Z"),
  );
  ({ rows: warmed, docCount: warmedDocs } = new TermStatsStore(db).load());
});

function seededStats(): TermStats {
  const stats = new TermStats();
  stats.load(warmed, warmedDocs);
  return stats;
}

function group(articles: ReturnType<typeof article>[]): number[] {
  const stats = seededStats();
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
const tankerSeized = article(
  "Fuerzas de EE UU incautan un buque petrolero frente a Venezuela",
  "Trump confirmó la incautación del tanquero cargado de crudo venezolano; el gobierno de Maduro lo llamó piratería.",
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

  it("keeps a different event of the same day apart even when it names the same actor", () => {
    const [lukashenko, , tanker] = group([lukashenkoEs, lukashenkoRewrite, tankerSeized]);
    expect(tanker).not.toBe(lukashenko);
  });

  it("keeps apart two governments saying much the same a day apart: one offers refuge, the other does not rule out asylum", () => {
    const belarus = article(
      "Bielorrusia ofrece refugio a Maduro si deja el poder",
      "Lukashenko dijo que Maduro siempre será bienvenido en Minsk y que su gobierno le daría asilo si lo pide.",
      "es",
      T0,
    );
    const belarusRewrite = article(
      "Lukashenko ofrece asilo a Maduro en Bielorrusia",
      "El presidente bielorruso aseguró que Maduro será bienvenido y tendrá refugio si abandona Venezuela.",
      "es",
      T0 + 3_600_000,
    );
    const colombia = article(
      "Colombia no descarta dar asilo a Maduro si deja el poder",
      "La cancillería de Petro dijo que Maduro podría recibir asilo en Colombia como parte de una transición.",
      "es",
      T0 + DAY,
    );
    const [a, b, c] = group([belarus, belarusRewrite, colombia]);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it("keeps the condemnation of an event apart from the event itself", () => {
    const strike = article(
      "EE UU ataca una lancha en el Caribe y mueren seis tripulantes",
      "Trump anunció el ataque contra una lancha que su gobierno vincula al narcotráfico frente a Venezuela.",
      "es",
      T0,
    );
    const strikeRewrite = article(
      "Un ataque de EE UU contra una lancha en el Caribe deja seis muertos",
      "El Pentágono confirmó el ataque a la embarcación, que según Trump transportaba drogas desde Venezuela.",
      "es",
      T0 + 2 * 3_600_000,
    );
    const condemnation = article(
      "Brasil condena el ataque de EE UU contra una lancha en el Caribe",
      "Lula calificó de ejecución extrajudicial el ataque contra la lancha frente a Venezuela que dejó seis muertos.",
      "es",
      T0 + 8 * 3_600_000,
    );
    const [a, b, c] = group([strike, strikeRewrite, condemnation]);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it("starts a new development for a second boat strike two weeks after the first", () => {
    const text = "Trump anunció un ataque contra una lancha con drogas en el Caribe; murieron los tripulantes.";
    const first = article("EE UU ataca una lancha en el Caribe", text, "es", T0);
    const again = article("EE UU ataca otra lancha en el Caribe", text, "es", T0 + 13 * DAY);
    const [a, b] = group([first, again]);
    expect(b).not.toBe(a);
  });

  it("gives the same developments for the same articles in the same order", () => {
    const input = [lukashenkoEs, lukashenkoEn, tankerSeized, lukashenkoRewrite];
    expect(group(input)).toEqual(group(input));
  });

  it("forgets developments that left the window, so memory does not grow with the archive", () => {
    const daily = (day: number) =>
      article(`Noticia número ${day} sobre Maduro`, `Texto del día ${day} con datos ${day * 7}.`, "es", T0 + day * DAY);
    const grouper = new DevelopmentGrouper(seededStats(), 1);
    for (let day = 0; day < 60; day += 1) grouper.assign(daily(day));
    expect(grouper.openCount).toBeLessThanOrEqual(9);
  });

  it("forgets the keys of the developments it forgot: only those kept nominate candidates", () => {
    // Each day's report shares no word with another day's, so each is a development of its own.
    const word = (day: number, n: number) =>
      `${"bcdfgl"[n]}${"aeiou"[day % 5]}${"mnprst"[Math.floor(day / 5) % 6]}${"aeiou"[Math.floor(day / 30)]}zo`;
    const daily = (day: number) =>
      article(
        `${word(day, 0)} ${word(day, 1)}`,
        `${word(day, 2)} ${word(day, 3)} ${word(day, 4)}.`,
        "es",
        T0 + day * DAY,
      );
    const grouper = new DevelopmentGrouper(seededStats(), 1);
    for (let day = 0; day < 60; day += 1) grouper.assign(daily(day));
    const recentOnly = new DevelopmentGrouper(seededStats(), 1);
    for (let day = 60 - grouper.openCount; day < 60; day += 1) recentOnly.assign(daily(day));
    expect(grouper.openCount).toBeLessThanOrEqual(9);
    expect(recentOnly.openCount).toBe(grouper.openCount);
    expect(grouper.postedKeys).toBe(recentOnly.postedKeys);
    expect(grouper.postedKeys).toBeGreaterThanOrEqual(4 * grouper.openCount);
  });
});
