import { describe, expect, it } from "vitest";
import type { StoredArticle } from "../../../src/digest/store/article-store.js";
import { whatIsNew } from "../../../src/digest/summaries/what-is-new.js";

let counter = 0;
function report(text: string, extra: Partial<StoredArticle> = {}): StoredArticle {
  counter += 1;
  return {
    id: `r${counter}`,
    feedUrl: "https://x.example.org/rss",
    publisher: "X",
    url: `https://x.example.org/${counter}`,
    title: `Informe ${counter}`,
    text,
    lang: "es",
    publishedAt: counter * 1000,
    developmentId: 1,
    copyOf: null,
    ...extra,
  };
}

const earlier = [
  report("Un ataque de Estados Unidos contra una lancha en el Caribe dejó muertos, según el Pentágono."),
];

describe("whatIsNew", () => {
  it("tells the sentence with a new number, not the newest report's title", () => {
    const recent = [
      report(
        "El Pentágono volvió a hablar del ataque contra la lancha en el Caribe. La cifra de muertos subió a 14 según el Pentágono.",
        { title: "Nuevo informe" },
      ),
    ];
    expect(whatIsNew(earlier, recent, "es")).toBe("La cifra de muertos subió a 14 según el Pentágono.");
  });

  it("tells a denial as what is new", () => {
    const recent = [
      report(
        "El ataque contra la lancha en el Caribe sigue en discusión. Venezuela desmiente que la lancha llevara droga.",
      ),
    ];
    expect(whatIsNew(earlier, recent, "es")).toBe("Venezuela desmiente que la lancha llevara droga.");
  });

  it("joins a second sentence for a new actor the first leaves out, and finds a person by surname", () => {
    const recent = [
      report("Putin respaldó la oferta de refugio para el mandatario venezolano."),
      report("Desde Bogotá, Petro comentó la oferta durante una rueda de prensa."),
    ];
    const told = whatIsNew(earlier, recent, "es", { names: ["Vladimir Putin", "Gustavo Petro"] })!;
    expect(told).toContain("Putin respaldó la oferta de refugio para el mandatario venezolano.");
    expect(told).toContain("Desde Bogotá, Petro comentó la oferta durante una rueda de prensa.");
    expect(whatIsNew(earlier, recent.slice(0, 1), "es", { names: ["Vladimir Putin", "Gustavo Petro"] })).toBe(
      "Putin respaldó la oferta de refugio para el mandatario venezolano.",
    );
  });

  it("says nothing when the new reports only repeat, are copies, or are in another language", () => {
    expect(
      whatIsNew(
        earlier,
        [report("Un ataque de Estados Unidos contra una lancha en el Caribe dejó muertos, según el Pentágono.")],
        "es",
      ),
    ).toBeUndefined();
    expect(
      whatIsNew(
        earlier,
        [report("La cifra de muertos subió a 14 según fuentes del Pentágono.", { copyOf: "r1" })],
        "es",
      ),
    ).toBeUndefined();
    expect(
      whatIsNew(earlier, [report("The death toll rose to 14, the Pentagon said on Friday.", { lang: "en" })], "es"),
    ).toBeUndefined();
  });
});
