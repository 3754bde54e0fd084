import { beforeAll, describe, expect, it } from "vitest";
import { Hilo, loadStoryPack, type Reply, silentLogger } from "../../../src/digest/index.js";
import { STORY_DIR } from "../../helpers/demo-hilo.js";
import { openTestDatabase } from "../../helpers/test-database.js";

const pack = loadStoryPack(STORY_DIR);
const NOW = Date.parse("2025-12-12T00:00:00Z");

function feed(outlet: string, lang: "es" | "en", items: { title: string; text: string; at: string }[]) {
  const xml = items
    .map(
      (item, i) =>
        `<item><title>${item.title}</title><link>https://${outlet}.example.org/${i}</link><pubDate>${new Date(item.at).toUTCString()}</pubDate><description><![CDATA[${item.text}]]></description></item>`,
    )
    .join("");
  const bytes = Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${outlet}</title>${xml}</channel></rss>`,
  );
  return { source: { feed: `https://${outlet}.example.org/rss`, publisher: outlet, lang }, bytes };
}

let hilo: Hilo;
beforeAll(async () => {
  hilo = new Hilo({ db: openTestDatabase(), pack, log: silentLogger, digestChars: 3500, storyClock: () => NOW });
  await hilo.pipeline.ingest(
    [
      feed("Harbour Ledger", "en", [
        {
          title: "US aircraft carrier enters the Caribbean near Venezuela",
          text: "The aircraft carrier and its escorts sailed into the Caribbean on Tuesday, the Pentagon said, as pressure on Maduro grows.",
          at: "2025-12-09T12:00:00Z",
        },
        {
          title: "Storm grounds aircraft across the islands",
          text: "A tropical storm grounded every aircraft in the eastern islands. The national carrier said flights would resume on Friday.",
          at: "2025-12-10T12:00:00Z",
        },
      ]),
    ],
    NOW,
  );
});

const ask = (line: string, lang: "es" | "en" = "es"): Reply =>
  hilo.answer(line, { platform: "test", chatId: `search-${lang}` }, lang)!;
const headlines = (reply: Reply): string =>
  reply.kind === "developments" ? reply.lines.map((line) => line.headline).join(" | ") : "";

describe("/search with phrases and concepts", () => {
  it("finds the carrier for 'aircraft carrier' and never the storm whose words are only apart", () => {
    const reply = ask("/search aircraft carrier", "en");
    expect(headlines(reply)).toMatch(/carrier enters the Caribbean/);
    expect(headlines(reply)).not.toMatch(/Storm/);
  });

  it("finds the English-only carrier report from the Spanish word of the same concept", () => {
    expect(headlines(ask("/search portaaviones"))).toMatch(/carrier enters the Caribbean/);
  });

  it("never returns a development holding none of the query's words or concepts", () => {
    const reply = ask("/search xilófono tormenta", "es");
    // "tormenta" is in no report (they are English): a match on nothing would be an error of the search.
    expect(reply).toEqual({ kind: "error", text: expect.stringContaining("Nada coincide") });
  });

  it.each(['"', "asilo OR", "NEAR(maduro", "carrier*", "-storm", "col:value", "^aircraft", "((", "AND AND"])(
    "answers FTS5 syntax typed by a user (%s) without an error",
    (query) => {
      const reply = ask(`/search ${query}`, "en");
      expect(["developments", "error", "text"]).toContain(reply.kind);
      if (reply.kind === "error") expect(reply.text).not.toMatch(/failed|falló/i);
    },
  );
});
