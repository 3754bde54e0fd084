import { describe, expect, it } from "vitest";
import { en } from "../../../src/digest/i18n/en.js";
import { es } from "../../../src/digest/i18n/es.js";
import type { Development } from "../../../src/digest/model.js";
import type { StoredArticle } from "../../../src/digest/store/article-store.js";
import { buildDigest, type DigestInput } from "../../../src/digest/summaries/build-digest.js";

const HOUR = 3_600_000;
const UNTIL = Date.parse("2025-12-11T12:00:00Z");
const SINCE = UNTIL - 24 * HOUR;

function article(
  id: string,
  developmentId: number,
  publisher: string,
  at: number,
  extra: Partial<StoredArticle> = {},
): StoredArticle {
  return {
    id,
    feedUrl: `https://${publisher}.example.org/rss`,
    publisher,
    url: `https://${publisher}.example.org/${id}`,
    title: `Report ${id} by ${publisher}`,
    text: "Text.",
    lang: "es",
    publishedAt: at,
    developmentId,
    copyOf: null,
    ...extra,
  };
}

function development(
  id: number,
  articles: StoredArticle[],
  headline = `Development ${id}`,
): { development: Development; articles: StoredArticle[] } {
  const originals = articles.filter((a) => !a.copyOf);
  return {
    development: {
      id,
      headline: { es: headline },
      summary: { es: `Summary of ${id}.` },
      actorIds: ["maduro", "trump"],
      conceptIds: [],
      publishers: [...new Set(originals.map((a) => a.publisher))],
      articleCount: articles.length,
      firstSeen: Math.min(...articles.map((a) => a.publishedAt)),
      lastSeen: Math.max(...articles.map((a) => a.publishedAt)),
      relevance: 1,
    },
    articles,
  };
}

function input(developments: DigestInput["developments"], overrides: Partial<DigestInput> = {}): DigestInput {
  return {
    storyTitle: "Venezuela – EE UU",
    lang: "es",
    messages: es,
    timeZone: "America/Caracas",
    since: SINCE,
    until: UNTIL,
    sinceLastDigest: false,
    developments,
    actorName: (id) => ({ maduro: "Maduro", trump: "Trump" })[id] ?? id,
    maxChars: 3500,
    ...overrides,
  };
}

const fresh = development(1, [
  article("a", 1, "caribe", UNTIL - 5 * HOUR),
  article("b", 1, "andino", UNTIL - 4 * HOUR),
]);
const updated = development(2, [
  article("c", 2, "caribe", SINCE - 48 * HOUR),
  article("d", 2, "gulfwire", UNTIL - 2 * HOUR, {
    title: "Trump adds that land strikes will come soon",
    text: "Trump dijo que los ataques en tierra llegarán muy pronto y que 15 buques siguen en el Caribe. El texto sigue aquí.",
  }),
]);
const quiet = development(3, [article("e", 3, "sur", SINCE - 72 * HOUR)]);

describe("the digest", () => {
  it("says how many developments are new and how many were updated since the window began", () => {
    const digest = buildDigest(input([fresh, updated, quiet]));
    expect(digest.header).toBe("1 nuevo · 1 actualizado · en las últimas 24 h");
    expect(digest.items.map((item) => [item.developmentId, item.isNew])).toEqual([
      [1, true],
      [2, false],
    ]);
  });

  it("tells what is new in an updated development as a sentence of the new report, and how many outlets joined", () => {
    const digest = buildDigest(input([updated]));
    expect(digest.items[0]!.whatIsNew).toBe(
      "Trump dijo que los ataques en tierra llegarán muy pronto y que 15 buques siguen en el Caribe.",
    );
    expect(digest.items[0]!.publishersLabel).toBe("2 medios, 1 nuevo desde el último resumen");
  });

  it("counts a syndicated copy as no extra outlet and never links to it", () => {
    const withCopy = development(4, [
      article("f", 4, "continental", UNTIL - 3 * HOUR),
      article("g", 4, "sur", UNTIL - 2 * HOUR, { copyOf: "f" }),
    ]);
    const [item] = buildDigest(input([withCopy])).items;
    expect(item!.publishersLabel).toBe("1 medio");
    expect(item!.links.map((link) => link.publisher)).toEqual(["continental"]);
  });

  it("ranks developments reported by more outlets first", () => {
    const wide = development(
      5,
      ["a1", "a2", "a3", "a4"].map((id, i) => article(id, 5, `outlet${i}`, UNTIL - 10 * HOUR)),
    );
    const digest = buildDigest(input([fresh, wide]));
    expect(digest.items.map((item) => item.developmentId)).toEqual([5, 1]);
  });

  it("stays within the renderer's budget and says how many developments it left out", () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      development(
        100 + i,
        [article(`m${i}`, 100 + i, `o${i}`, UNTIL - HOUR)],
        `Una noticia con un titular bastante largo número ${i}`,
      ),
    );
    const digest = buildDigest(input(many, { maxChars: 1200 }));
    const size = digest.items
      .map((item) =>
        [
          item.headline,
          item.summary,
          item.publishersLabel,
          ...item.actors,
          ...item.links.map((link) => `${link.publisher}: ${link.url}`),
        ].join("\n"),
      )
      .join("\n\n").length;
    expect(digest.items.length).toBeGreaterThan(0);
    expect(digest.items.length).toBeLessThan(40);
    expect(size + digest.title.length + digest.header.length).toBeLessThanOrEqual(1200);
    expect(digest.omitted).toBe(`… y ${40 - digest.items.length} desarrollos más: /latest`);
  });

  it("counts a link by the outlet's name a reader sees, not by the length of the address behind it", () => {
    const longUrl = (id: string) => ({ url: `https://example.org/${id}/${"x".repeat(400)}` });
    const three = [0, 1, 2].map((i) =>
      development(200 + i, [
        article(`l${i}a`, 200 + i, "caribe", UNTIL - HOUR, longUrl(`${i}a`)),
        article(`l${i}b`, 200 + i, "andino", UNTIL - HOUR, longUrl(`${i}b`)),
        article(`l${i}c`, 200 + i, "sur", UNTIL - HOUR, longUrl(`${i}c`)),
      ]),
    );
    // Three addresses of 420 characters per item would pass 1,500 with two items; the names and one address do not.
    expect(buildDigest(input(three, { maxChars: 1500 })).items).toHaveLength(2);
  });

  it("says plainly when nothing happened, in the chat's language", () => {
    const digest = buildDigest(input([quiet], { lang: "en", messages: en, sinceLastDigest: true }));
    expect(digest.items).toEqual([]);
    expect(digest.header).toMatch(/^Nothing new since your last digest \(10 Dec 08:00\)/);
  });
});
