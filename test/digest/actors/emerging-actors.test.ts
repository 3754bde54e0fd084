import { describe, expect, it } from "vitest";
import {
  type EmergingActorDoc,
  findEmergingActors,
  findNameMentions,
} from "../../../src/digest/actors/emerging-actors.js";
import { foldPhrase } from "../../../src/digest/text/tokenize.js";

const known = new Set(
  ["Maduro", "Nicolás Maduro", "Trump", "Donald Trump", "Venezuela", "Caracas", "Estados Unidos", "Casa Blanca"].map(
    foldPhrase,
  ),
);
const isKnown = (phrase: string) => known.has(phrase);

let nextId = 0;
function doc(publisher: string, title: string, text: string, day = 10): EmergingActorDoc {
  return {
    id: `doc-${nextId++}`,
    publisher,
    title,
    text,
    publishedAt: Date.parse(`2025-12-${String(day).padStart(2, "0")}T12:00:00Z`),
  };
}

const names = (docs: EmergingActorDoc[]) => findEmergingActors(docs, isKnown).map((a) => a.name);

describe("findEmergingActors", () => {
  it("surfaces a recurring name that several outlets use, written as most of them write it", () => {
    const docs = [
      doc("Diario Uno", "Maduro se reúne con su gabinete", "La vicepresidenta Delcy Rodríguez habló en Caracas.", 9),
      doc("Diario Dos", "Nueva ronda de sanciones", "Según la vicepresidenta Delcy Rodríguez, el país resistirá.", 10),
      doc("Daily Three", "Oil tanker seized", "Vice President Delcy Rodriguez called it piracy.", 11),
    ];
    expect(findEmergingActors(docs, isKnown)).toEqual([
      { name: "Delcy Rodríguez", articles: 3, publishers: 3, lastSeen: Date.parse("2025-12-11T12:00:00Z") },
    ]);
  });

  it("ignores a name one outlet repeats or that appears in too few articles", () => {
    const onePublisher = [1, 2, 3].map((day) =>
      doc("Diario Uno", "Crisis", `El diputado Jorge Arreaza opinó otra vez.`, day),
    );
    expect(names(onePublisher)).toEqual([]);
    const twoArticles = [
      doc("Diario Uno", "Crisis", "Habló Jorge Arreaza."),
      doc("Diario Dos", "Crisis", "Habló Jorge Arreaza."),
    ];
    expect(names(twoArticles)).toEqual([]);
    expect(names([...twoArticles, doc("Diario Tres", "Crisis", "Habló Jorge Arreaza.")])).toEqual(["Jorge Arreaza"]);
  });

  it("leaves out registry names and places, alone or beside a title", () => {
    const docs = ["Diario Uno", "Diario Dos", "Diario Tres"].map((p) =>
      doc(
        p,
        "Crisis",
        "El Presidente Nicolás Maduro viajó a Caracas. La Casa Blanca y Estados Unidos callan. President Trump spoke.",
      ),
    );
    expect(names(docs)).toEqual([]);
  });

  it("keeps lowercase connectors inside a name", () => {
    const docs = ["Diario Uno", "Diario Dos", "Diario Tres"].map((p) =>
      doc(p, "Crisis", "La banda Tren de Aragua y el Cartel de los Soles fueron señalados."),
    );
    expect(names(docs).sort()).toEqual(["Cartel de los Soles", "Tren de Aragua"]);
  });

  it("does not count a capitalised word just because it starts a sentence", () => {
    const docs = ["Diario Uno", "Diario Dos", "Diario Tres"].map((p) =>
      doc(p, "Crisis", "Fuerzas estadounidenses llegaron. Anoche hubo ataques. Militares venezolanos respondieron."),
    );
    expect(names(docs)).toEqual([]);
  });

  it("counts a sentence-initial word that is capitalised mid-sentence elsewhere", () => {
    const docs = [
      doc("Diario Uno", "Crisis", "Reuters informó del buque."),
      doc("Diario Dos", "Crisis", "Reuters confirmó la llamada."),
      doc("Diario Tres", "Crisis", "Así lo contó Reuters este lunes."),
    ];
    expect(findEmergingActors(docs, isKnown)).toMatchObject([{ name: "Reuters", articles: 3, publishers: 3 }]);
  });

  it("drops the sentence-initial word heading a name unless it is capitalised mid-sentence elsewhere", () => {
    const docs = ["Diario Uno", "Diario Dos", "Diario Tres"].map((p) =>
      doc(p, "Crisis", "Anoche Diosdado Cabello habló. La anoche fue larga."),
    );
    expect(names(docs)).toEqual(["Diosdado Cabello"]);
  });

  it("ignores months, weekdays and stopwords", () => {
    const docs = ["Daily One", "Daily Two", "Daily Three"].map((p) =>
      doc(
        p,
        "Crisis",
        "On Tuesday the strikes went on. In December, The ships left. It was Monday and However it rained.",
      ),
    );
    expect(names(docs)).toEqual([]);
  });

  it("reads nothing into a headline written in title case", () => {
    const docs = ["Daily One", "Daily Two", "Daily Three"].map((p) =>
      doc(p, "Strikes On Land Are Coming Soon, Officials Warn", "Officials expect more strikes."),
    );
    expect(names(docs)).toEqual([]);
  });

  it("ranks by outlets first, then by articles", () => {
    const docs = [
      doc("A", "Crisis", "Habló Jorge Arreaza."),
      doc("A", "Crisis", "Habló Jorge Arreaza."),
      doc("A", "Crisis", "Habló Jorge Arreaza."),
      doc("B", "Crisis", "Habló Jorge Arreaza y también Tareck Saab."),
      doc("B", "Crisis", "Con Tareck Saab."),
      doc("C", "Crisis", "Con Tareck Saab."),
      doc("C", "Crisis", "Con Iris Varela."),
      doc("D", "Crisis", "Con Iris Varela."),
      doc("E", "Crisis", "Con Iris Varela."),
    ];
    expect(findEmergingActors(docs, isKnown).map((a) => [a.name, a.publishers, a.articles])).toEqual([
      ["Iris Varela", 3, 3],
      ["Jorge Arreaza", 2, 4],
      ["Tareck Saab", 2, 3],
    ]);
  });
});

describe("findNameMentions", () => {
  it("gives every mention of an unknown name with where it is written, even a name seen once", () => {
    const one = doc("Diario Uno", "Crisis en Caracas", "El Presidente Nicolás Maduro recibió a la fiscal Tarek Ruiz.");
    const mentions = findNameMentions([one], isKnown).map(({ field, start, end, key }) => ({
      field,
      text: one[field].slice(start, end),
      key,
    }));
    expect(mentions).toEqual([{ field: "text", text: "Tarek Ruiz", key: "tarek ruiz" }]);
  });
});
