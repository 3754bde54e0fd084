import { describe, expect, it } from "vitest";
import { splitSentences } from "../../../src/digest/developments/article-reading.js";
import { summarizeArticles } from "../../../src/digest/developments/summarize-development.js";

const idf = () => 1;

describe("summarizeArticles", () => {
  const raid = [
    {
      title: "La policía de Ecuador irrumpe en la embajada de México en Quito",
      text: "QUITO, 5 abr (Agencia) - La policía ecuatoriana irrumpió la noche del viernes en la embajada de México en Quito para detener al exvicepresidente Jorge Glas. México calificó el asalto a su embajada como una violación del derecho internacional. El gobierno de Ecuador defendió la detención de Glas en la embajada y dijo que…",
    },
    {
      title: "Asalto policial a la embajada mexicana en Quito para detener a Glas",
      text: "Agentes de la policía de Ecuador entraron en la embajada de México en Quito y se llevaron detenido a Jorge Glas. La embajada había concedido asilo a Glas horas antes del asalto.",
    },
  ];
  const roundup = {
    title: "Resumen semanal: policía, embajada de México en Quito y Glas",
    text: "Las elecciones regionales dejaron nuevos alcaldes en varias provincias del país y la oposición celebró. El equipo de béisbol ganó la final del campeonato nacional ante su rival de siempre. Las lluvias causaron inundaciones en la costa norte y cortes de luz en tres ciudades. La inflación del mes bajó por tercera vez consecutiva según el banco central. El precio del petróleo subió y el gobierno anunció nuevos subsidios al transporte público.",
  };

  it("takes headline and summary from the reports mainly about the event, never from a roundup beside them", () => {
    const result = summarizeArticles([roundup, ...raid], "es", idf)!;
    expect(result.headline).not.toMatch(/Resumen semanal/);
    expect(result.summary).not.toMatch(/béisbol|lluvias|elecciones/);
    expect(result.summary).toMatch(/embajada/);
  });

  it("keeps only whole sentences: none cut by the feed, no dateline", () => {
    const { summary } = summarizeArticles(raid, "es", idf)!;
    expect(summary).not.toContain("…");
    expect(summary).not.toMatch(/QUITO, 5 abr/);
    expect(summary).toMatch(/[.!?]$/);
  });
});

describe("a second sentence in the summary", () => {
  const reports = (second: string) => [
    {
      title: "La Cancillería colombiana no descarta dar asilo a Maduro",
      text: `La Cancillería colombiana dijo que no descarta otorgar asilo a Nicolás Maduro si deja el poder. ${second}`,
    },
    {
      title: "Colombia no descarta el asilo para Maduro",
      text: "La Cancillería colombiana dijo que no descarta otorgar asilo a Nicolás Maduro si deja el poder.",
    },
  ];

  it("is left out when it only rewords the first and the headline", () => {
    const { summary } = summarizeArticles(
      reports("La cancillería colombiana admitió que no cierra la puerta a conceder asilo al gobernante venezolano."),
      "es",
      idf,
    )!;
    expect(summary).toBe(
      "La Cancillería colombiana dijo que no descarta otorgar asilo a Nicolás Maduro si deja el poder.",
    );
  });

  it("is kept when it adds a name or a number", () => {
    const { summary } = summarizeArticles(
      reports(
        "El presidente Gustavo Petro recordó que Colombia acoge a 2,8 millones de venezolanos y pidió una transición.",
      ),
      "es",
      idf,
    )!;
    expect(summary).toContain("Gustavo Petro");
  });
});

describe("splitSentences", () => {
  it("keeps «EE. UU.» inside its sentence and drops fragments and sentences cut short", () => {
    expect(
      splitSentences(
        "El gobierno de EE. UU. envió un portaaviones al Caribe esta semana. Foto: archivo. Según la Casa Blanca, la misión durará meses y...",
      ),
    ).toEqual(["El gobierno de EE. UU. envió un portaaviones al Caribe esta semana."]);
  });
});
