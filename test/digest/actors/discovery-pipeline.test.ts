import { describe, expect, it } from "vitest";
import { Hilo, loadStoryPack, openDatabase, type Reply, silentLogger } from "../../../src/digest/index.js";
import { STORY_DIR } from "../../helpers/demo-hilo.js";

const pack = loadStoryPack(STORY_DIR);

function feed(outlet: string, items: { title: string; text: string; at: string }[]): Uint8Array {
  const xml = items
    .map(
      (item, i) =>
        `<item><title>${item.title}</title><link>https://${outlet}.example.org/${i}</link><pubDate>${new Date(item.at).toUTCString()}</pubDate><description><![CDATA[${item.text}]]></description></item>`,
    )
    .join("");
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${outlet}</title>${xml}</channel></rss>`,
  );
}

async function hiloWith(...documents: { outlet: string; bytes: Uint8Array }[]): Promise<Hilo> {
  const hilo = new Hilo({
    db: openDatabase(":memory:"),
    pack,
    log: silentLogger,
    digestChars: 3500,
    storyClock: () => Date.parse("2025-12-12T00:00:00Z"),
  });
  await hilo.pipeline.ingest(
    documents.map(({ outlet, bytes }) => ({
      source: { feed: `https://${outlet}.example.org/rss`, publisher: outlet, lang: "es" as const },
      bytes,
    })),
    Date.parse("2025-12-12T00:00:00Z"),
  );
  return hilo;
}

const ask = (hilo: Hilo, line: string): Reply => hilo.answer(line, { platform: "test", chatId: "t" }, "es")!;

describe("actors discovered in the news", () => {
  it("answers /actor for a name two outlets wrote, in the same ingest, and lists it under /actors new", async () => {
    const hilo = await hiloWith(
      {
        outlet: "Andes",
        bytes: feed("Andes", [
          {
            title: "Maduro se reúne con su gabinete",
            text: "La vicepresidenta Delcy Rodríguez anunció nuevas medidas económicas en Caracas.",
            at: "2025-12-10T12:00:00Z",
          },
        ]),
      },
      {
        outlet: "Ledger",
        bytes: feed("Ledger", [
          {
            title: "Venezuela's vice-president speaks on oil",
            text: "Vice-president Delcy Rodríguez said the government would keep exporting crude.\nLea también: Ramona Pérez gana el concurso de cocina",
            at: "2025-12-10T13:00:00Z",
          },
          {
            title: "Rodríguez speaks again",
            text: "Rodríguez told reporters that talks would continue.",
            at: "2025-12-11T13:00:00Z",
          },
        ]),
      },
    );
    const page = ask(hilo, "/actor delcy");
    expect(page.kind).toBe("actor");
    if (page.kind !== "actor") return;
    expect(page.actor.name).toBe("Delcy Rodríguez");
    expect(page.actor.profile).toMatch(/^Nombrado en 3 informes de 2 medios\. Hilo lo encontró en las noticias/);
    expect(page.actor.developments.length).toBeGreaterThan(0);
    const listed = ask(hilo, "/actors new");
    expect(listed).toMatchObject({
      kind: "actors",
      groups: [
        { actors: [{ name: "Delcy Rodríguez", note: "3 artículos, 2 medios", command: "/actor Delcy Rodríguez" }] },
      ],
    });
    // The command it lists finds the same actor.
    expect(ask(hilo, "/actor Delcy Rodríguez")).toMatchObject({ kind: "actor", actor: { name: "Delcy Rodríguez" } });
    // A name only a "Lea también" line wrote is page furniture, never an actor.
    expect(ask(hilo, "/actor ramona")).toMatchObject({ kind: "error" });
  });

  it("does not discover a name only one outlet wrote", async () => {
    const hilo = await hiloWith({
      outlet: "Andes",
      bytes: feed("Andes", [
        {
          title: "Una reunión en Caracas",
          text: "El economista Hermes Salcedo criticó las medidas.",
          at: "2025-12-10T12:00:00Z",
        },
        { title: "Otra reunión en Caracas", text: "Hermes Salcedo volvió a criticarlas.", at: "2025-12-11T12:00:00Z" },
      ]),
    });
    expect(ask(hilo, "/actor salcedo")).toMatchObject({ kind: "error" });
    expect(ask(hilo, "/actors new")).toMatchObject({
      kind: "actors",
      groups: [],
      empty: "No veo nombres nuevos que se repitan en varios medios.",
    });
  });
});
