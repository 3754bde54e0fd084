import { describe, expect, it } from "vitest";
import { readOutputs } from "../../eval/read-outputs.js";
import type { Reply } from "../../src/digest/index.js";

function digestWith(item: { headline: string; summary: string; whatIsNew?: string }): Reply {
  return {
    kind: "digest",
    digest: {
      title: "Resumen",
      header: "1 nuevo",
      items: [
        {
          developmentId: 1,
          isNew: true,
          whatIsNew: undefined,
          publishersLabel: "2 medios",
          actors: [],
          links: [],
          ...item,
        },
      ],
      omitted: "… y 3 desarrollos más",
      until: 0,
    },
  };
}

const read = (reply: Reply) => readOutputs([{ command: "/digest", reply }], "es");

describe("readOutputs", () => {
  it("finds nothing wrong in a clean Spanish item, whatever the core's own labels say", () => {
    const reading = read(
      digestWith({
        headline: "México rompe relaciones con Ecuador tras el asalto",
        summary: "El gobierno mexicano anunció la ruptura el sábado.",
      }),
    );
    expect(reading).toEqual({ replies: 1, boilerplate: [], cutSentences: [], untaggedLanguage: [] });
  });

  it("flags page furniture, a kicker and a photo credit", () => {
    expect(
      read(digestWith({ headline: "Asalto a la embajada", summary: "La policía entró. Lea también: otra nota." }))
        .boilerplate,
    ).toHaveLength(1);
    expect(
      read(digestWith({ headline: "Política | Asalto a la embajada", summary: "La policía entró." })).boilerplate,
    ).toHaveLength(1);
    expect(
      read(digestWith({ headline: "Asalto a la embajada", summary: "La policía entró. (Foto: Agencia)." })).boilerplate,
    ).toHaveLength(1);
  });

  it("flags a sentence cut with an ellipsis and a summary that stops mid-sentence", () => {
    expect(
      read(digestWith({ headline: "Asalto a la embajada", summary: "La policía entró en la sede diplomática y…" }))
        .cutSentences,
    ).toHaveLength(1);
    expect(
      read(digestWith({ headline: "Asalto a la embajada", summary: "La policía entró en la sede diplomática de" }))
        .cutSentences,
    ).toHaveLength(1);
  });

  it("flags an English headline in a Spanish chat unless it carries its language tag", () => {
    const english = {
      headline: "Mexico breaks diplomatic relations with Ecuador after the raid",
      summary: "The Mexican government announced the break on Saturday.",
    };
    expect(read(digestWith(english)).untaggedLanguage.map((flaw) => flaw.field)).toEqual(["headline", "summary"]);
    expect(read(digestWith({ ...english, headline: `[EN] ${english.headline}` })).untaggedLanguage).toEqual([]);
  });
});
