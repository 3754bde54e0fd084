import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FeedError, type FeedFailure } from "../../../src/digest/errors.js";
import { decodeFeedBytes } from "../../../src/digest/feeds/decode-feed-bytes.js";
import { FEED_LIMITS, type FeedOrigin, type ParsedFeed, parseFeed } from "../../../src/digest/feeds/parse-feed.js";

const NOW = Date.UTC(2025, 11, 11, 12, 0, 0);
const source = (name: string, extra: Partial<FeedOrigin> = {}): FeedOrigin => ({
  feed: `https://feeds.example.com/${name}`,
  publisher: "Example Publisher",
  ...extra,
});

function readFeed(name: string, extra: Partial<FeedOrigin> = {}): Promise<ParsedFeed> {
  const bytes = readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url));
  return parseFeed(decodeFeedBytes(bytes, undefined, name).text, source(name, extra), NOW);
}

async function failure(parsing: Promise<unknown>): Promise<FeedError> {
  const error = await parsing.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (error instanceof FeedError) return error;
  throw new Error(`expected a FeedError, got ${String(error)}`);
}

const rss = (items: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Inline</title><link>https://inline.example.com/</link>${items}</channel></rss>`;

describe("parseFeed", () => {
  it("reads an RSS 2.0 feed into articles with plain text, canonical links and dates", async () => {
    const parsed = await readFeed("rss2-utf8.xml");
    expect(parsed.title).toBe("Noticias del Ávila & Bogotá");
    expect(parsed.items).toHaveLength(2);
    const [meeting, olympiad] = parsed.items;
    expect(meeting).toMatchObject({
      feedUrl: "https://feeds.example.com/rss2-utf8.xml",
      publisher: "Example Publisher",
      url: "https://noticias.example.com/politica/2025/12/reunion-bogota",
      title: "¿Quién negocia? Delegaciones de Caracas y Washington se reúnen en Bogotá",
      lang: "es",
      publishedAt: Date.UTC(2025, 11, 10, 18, 30),
    });
    // content:encoded is longer than the description, so it is the text.
    expect(meeting!.text).toBe(
      "Las delegaciones de Venezuela y de Estados Unidos se reunieron durante seis horas en Bogotá, según fuentes de ambos gobiernos.\n" +
        "El canciller colombiano dijo que el diálogo «avanza» y que habrá una nueva ronda en enero.",
    );
    expect(olympiad!.text).toBe(
      "El estudiante de once años resolvió los seis problemas de la prueba final y viajará a la competencia internacional.",
    );
    expect(olympiad!.publishedAt).toBe(Date.UTC(2025, 11, 9, 13, 15));
    expect(parsed.skipped).toEqual([]);
    expect(parsed.notes).toEqual([]);
  });

  it("reads an Atom feed: html titles, published dates, AMP links and relative links", async () => {
    const parsed = await readFeed("atom.xml");
    expect(parsed.title).toBe("Hemisphere Wire");
    expect(parsed.items.map((item) => item.title)).toEqual([
      "Treasury extends Venezuela oil license for six months",
      "Caracas airport reopens after a power cut",
    ]);
    expect(parsed.items.map((item) => item.url)).toEqual([
      "https://wire.example.org/2025/12/10/oil-license",
      "https://wire.example.org/2025/12/09/airport-reopens",
    ]);
    expect(parsed.items[0]!.publishedAt).toBe(Date.parse("2025-12-10T16:45:00Z"));
    expect(parsed.items[0]!.text).toMatch(/^The Treasury Department said on Wednesday/);
    expect(parsed.items[1]!.publishedAt).toBe(Date.parse("2025-12-09T12:00:00Z"));
    expect(parsed.items.every((item) => item.lang === "en")).toBe(true);
  });

  it("reads an RSS 1.0 (RDF) feed and its dc:date", async () => {
    const parsed = await readFeed("rdf.xml");
    expect(parsed.title).toBe("Radio Llano");
    expect(parsed.items).toHaveLength(1);
    expect(parsed.items[0]).toMatchObject({
      title: "Las lluvias cortan la carretera entre San Fernando y Calabozo",
      url: "https://radio.example.net/n/41",
      publishedAt: Date.parse("2025-12-08T11:00:00Z"),
      lang: "es",
    });
  });

  it.each([
    ["latin1.xml", "¿Quién ganó en Bogotá?", "Un niño de doce años ganó el torneo de ajedrez de la capital."],
    [
      "utf16le-bom.xml",
      "La producción de petróleo sube en Anzoátegui",
      "Los pozos de la Faja del Orinoco aumentaron su producción en diciembre.",
    ],
    [
      "utf16be-declared.xml",
      "Nieve en el pico Bolívar",
      "Los guardaparques confirmaron la primera nevada del año en la Sierra Nevada de Mérida.",
    ],
    [
      "windows-1252.xml",
      "“Diálogo” en San Cristóbal — comerciantes piden reabrir el puente",
      "El gremio dijo que las pérdidas superan 2 millones de €, y el alcalde respondió: ‘estamos trabajando’.",
    ],
  ])("reads the accents and punctuation of %s exactly", async (name, title, text) => {
    const parsed = await readFeed(name);
    expect(parsed.items[0]).toMatchObject({ title, text, lang: "es" });
  });

  it("rejects truncated XML as a parse error carrying the parser's message", async () => {
    const error = await failure(readFeed("truncated.xml"));
    expect(error.reason).toBe<FeedFailure>("parse");
    expect(error.message).toMatch(/malformed XML: .*Unclosed root tag/);
  });

  it("rejects an HTML page served as a feed as not-a-feed", async () => {
    const error = await failure(readFeed("html-page.xml"));
    expect(error.reason).toBe<FeedFailure>("not-a-feed");
    expect(error.message).toContain("HTML page");
  });

  it("rejects JSON as not-a-feed", async () => {
    expect((await failure(parseFeed('{"items": []}', source("json"), NOW))).reason).toBe<FeedFailure>("not-a-feed");
  });

  it("rejects an XML document with another root as not-a-feed", async () => {
    expect(
      (await failure(parseFeed("<?xml version='1.0'?><sitemap><url/></sitemap>", source("sitemap"), NOW))).reason,
    ).toBe<FeedFailure>("not-a-feed");
  });

  it("rejects an empty body as not-a-feed", async () => {
    expect((await failure(parseFeed("  \n", source("blank"), NOW))).reason).toBe<FeedFailure>("not-a-feed");
  });

  it("rejects a channel without items as empty", async () => {
    const error = await failure(readFeed("empty-channel.xml"));
    expect(error.reason).toBe<FeedFailure>("empty");
    expect(error.feed).toBe("https://feeds.example.com/empty-channel.xml");
  });

  it("rejects a feed whose items all lack title and text as empty", async () => {
    const error = await failure(
      parseFeed(rss("<item><link>https://inline.example.com/a</link></item>"), source("blank-items"), NOW),
    );
    expect(error.reason).toBe<FeedFailure>("empty");
  });

  it("skips an item with neither title nor text and says why", async () => {
    const parsed = await parseFeed(
      rss("<item><title>Kept</title></item><item><description>  </description></item>"),
      source("skip"),
      NOW,
    );
    expect(parsed.items.map((item) => item.title)).toEqual(["Kept"]);
    expect(parsed.skipped).toEqual([{ reason: "item without title or text" }]);
  });

  it("titles an untitled item with the first sentence of its text", async () => {
    const parsed = await parseFeed(
      rss("<item><description>Power returned to Maracaibo overnight. Crews are still working.</description></item>"),
      source("untitled"),
      NOW,
    );
    expect(parsed.items[0]!.title).toBe("Power returned to Maracaibo overnight.");
  });

  it("dates an undated item like the next older item, as feeds list newest first", async () => {
    const parsed = await parseFeed(
      rss(
        "<item><title>Newest</title><pubDate>Thu, 11 Dec 2025 10:00:00 GMT</pubDate></item>" +
          "<item><title>Undated</title></item>" +
          "<item><title>Older</title><pubDate>Wed, 05 Nov 2025 10:00:00 GMT</pubDate></item>",
      ),
      source("gap"),
      NOW,
    );
    expect(parsed.items.map((item) => item.publishedAt)).toEqual([
      Date.UTC(2025, 11, 11, 10),
      Date.UTC(2025, 10, 5, 10),
      Date.UTC(2025, 10, 5, 10),
    ]);
    expect(parsed.notes).toEqual([{ reason: "item without date", title: "Undated" }]);
  });

  it("keeps items of a feed with no dates at all at the ingest time and notes each one", async () => {
    const parsed = await readFeed("no-dates.xml");
    expect(parsed.items.map((item) => item.publishedAt)).toEqual([NOW, NOW]);
    expect(parsed.notes).toEqual([
      { reason: "item without date", title: "Fuel queues shorten in Valencia" },
      { reason: 'item with unusable date "sometime last week"', title: "Teachers march in Mérida" },
    ]);
  });

  it("reads dates whose month names a Spanish CMS localised", async () => {
    const parsed = await parseFeed(
      rss("<item><title>Fecha local</title><pubDate>mié, 10 dic 2025 08:00:00 -0400</pubDate></item>"),
      source("es-date"),
      NOW,
    );
    expect(parsed.items[0]!.publishedAt).toBe(Date.UTC(2025, 11, 10, 12));
    expect(parsed.notes).toEqual([]);
  });

  it("never lets tags, scripts or event handlers into titles or text", async () => {
    const [item] = (await readFeed("script-onclick.xml")).items;
    expect(item!.title).toBe("Port of La Guaira expands its container terminal");
    expect(item!.text).toBe("The new cranes arrived on Sunday.\nOperations start in March.");
    expect(`${item!.title} ${item!.text}`).not.toMatch(
      /<|onclick|onerror|alert|cookie|color: red|Enable JavaScript|fallback text/,
    );
  });

  it("decodes entities that were escaped twice to what the writer meant", async () => {
    const [item] = (await readFeed("double-escaped.xml")).items;
    expect(item!.title).toBe("Polar & Pdvsa sign a supply deal");
    expect(item!.text).toBe(
      "The agreement covers diesel & gasoline for the Caracas plant and lasts a year. Prices in € stay private.",
    );
  });

  it("repairs a bare ampersand instead of rejecting the whole feed", async () => {
    const parsed = await parseFeed(
      rss("<item><title>Barrels & bolívars</title><link>https://inline.example.com/a?x=1&y=2</link></item>"),
      source("amp"),
      NOW,
    );
    expect(parsed.items[0]).toMatchObject({ title: "Barrels & bolívars", url: "https://inline.example.com/a?x=1&y=2" });
  });

  it("gives every item the same id when the same feed is parsed twice", async () => {
    const first = await readFeed("rss2-utf8.xml");
    const second = await readFeed("rss2-utf8.xml");
    expect(second.items.map((item) => item.id)).toEqual(first.items.map((item) => item.id));
    expect(new Set(first.items.map((item) => item.id)).size).toBe(2);
  });

  it("identifies items by their links when all of them share one guid", async () => {
    const parsed = await readFeed("shared-guid.xml");
    const feed = "https://feeds.example.com/shared-guid.xml";
    const linkId = (url: string) => createHash("sha256").update(`link:${feed}:${url}`).digest("hex");
    expect(parsed.items.map((item) => item.id)).toEqual([
      linkId("https://sameguid.example.com/a/negotiators"),
      linkId("https://sameguid.example.com/a/rationing"),
      linkId("https://sameguid.example.com/a/exchange-rate"),
    ]);
  });

  it("uses the configured language unless an item is clearly in the other one", async () => {
    const parsed = await parseFeed(
      rss(
        "<item><title>Maduro en Caracas</title></item>" +
          "<item><title>Talks resume</title><description>The government and the opposition said that the talks will resume in January, after a pause of two months.</description></item>",
      ),
      source("mixed", { lang: "es" }),
      NOW,
    );
    expect(parsed.items.map((item) => item.lang)).toEqual(["es", "en"]);
  });

  it("takes the feed's language from its channel when none is configured", async () => {
    const xml = rss("<item><title>Maduro</title></item>").replace(
      "<title>Inline</title>",
      "<title>Inline</title><language>en-us</language>",
    );
    expect((await parseFeed(xml, source("channel-lang"), NOW)).items[0]!.lang).toBe("en");
  });

  it("reads the same bytes the same way every time, whatever failed to parse in between", async () => {
    const declaring =
      `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>` +
      `<rss version="2.0"><channel><title>E</title><item><title>Risas &lol2;</title><guid>1</guid><description>x</description></item></channel></rss>`;
    const broken = `<?xml version="1.0"?><rss version="2.0"><channel><title>B</title><item><title>cortado</tit`;
    const outcomes: string[] = [];
    for (const xml of [declaring, broken, declaring, declaring, broken, declaring]) {
      outcomes.push(
        await parseFeed(xml, source("e.xml"), NOW).then(
          (parsed) => parsed.items.map((item) => item.title).join(),
          (error: unknown) => (error as FeedError).reason,
        ),
      );
    }
    expect(outcomes).toEqual(["Risas &lol2;", "parse", "Risas &lol2;", "Risas &lol2;", "parse", "Risas &lol2;"]);
  });

  it("reads HTML entity names that strict XML does not know, as a browser would", async () => {
    const parsed = await parseFeed(
      rss(`<item><title>Caf&eacute; y pol&iacute;tica&hellip;</title><guid>1</guid></item>`),
      source("html-names.xml"),
      NOW,
    );
    expect(parsed.items.map((item) => item.title)).toEqual(["Café y política…"]);
  });

  it("cuts a text past the limit after its last whole sentence", async () => {
    const sentence = "Caracas y Washington intercambian notas sobre el asilo. ";
    const parsed = await parseFeed(
      rss(`<item><title>Largo</title><guid>1</guid><description>${sentence.repeat(2000)}</description></item>`),
      source("long.xml"),
      NOW,
    );
    const text = parsed.items[0]!.text;
    expect(text.length).toBeLessThanOrEqual(FEED_LIMITS.maxTextChars);
    expect(text.length).toBeGreaterThan(FEED_LIMITS.maxTextChars - sentence.length);
    expect(text.endsWith("sobre el asilo.")).toBe(true);
  });
});
