import { describe, expect, it } from "vitest";
import { prepareXml } from "../../../src/digest/feeds/prepare-xml.js";

const rss = (items: string, prolog = "") =>
  `<?xml version="1.0"?>${prolog}<rss version="2.0"><channel><title>T</title>${items}</channel></rss>`;
const item = (n: number, date?: string) =>
  `<item><title>n${n}</title>${date ? `<pubDate>${date}</pubDate>` : ""}</item>`;

describe("preparing feed XML for the parser", () => {
  it("drops a DOCTYPE with its internal subset, even when a quoted value holds ]>", () => {
    const prepared = prepareXml(rss(item(1), `<!DOCTYPE rss [<!ENTITY trap "a]>b"><!ENTITY lol "lol">]>`), 10);
    expect(prepared.droppedDoctype).toBe(true);
    expect(prepared.xml).toBe(rss(item(1)));
  });

  it("leaves a document without a DOCTYPE as it is", () => {
    const prepared = prepareXml(rss(item(1)), 10);
    expect(prepared).toEqual({ xml: rss(item(1)), itemCount: 1, itemsDropped: 0, droppedDoctype: false, depth: 4 });
  });

  it("keeps the five XML entities and character references, turns HTML names into references and the rest into text", () => {
    const prepared = prepareXml(
      rss(`<item><title>AT&T &amp; Caf&eacute; &#233; &#xE9; &lol9; &nbsp;</title></item>`),
      10,
    );
    expect(prepared.xml).toContain("<title>AT&amp;T &amp; Caf&#233; &#233; &#xE9; &amp;lol9; &#160;</title>");
  });

  it("keeps the first items of a feed that lists its newest first", () => {
    const items = [3, 2, 1].map((n) => item(n, `Thu, 0${n} Dec 2025 10:00:00 GMT`)).join("");
    const prepared = prepareXml(rss(items), 2);
    expect(prepared).toMatchObject({ itemCount: 3, itemsDropped: 1 });
    expect(prepared.xml).toContain("n3");
    expect(prepared.xml).toContain("n2");
    expect(prepared.xml).not.toContain("n1");
    expect(prepared.xml).toMatch(/<\/item><\/channel><\/rss>$/);
  });

  it("keeps the last items of a feed that lists its oldest first", () => {
    const items = [1, 2, 3].map((n) => item(n, `Thu, 0${n} Dec 2025 10:00:00 GMT`)).join("");
    const prepared = prepareXml(rss(items), 2);
    expect(prepared.xml).not.toContain("n1");
    expect(prepared.xml).toContain("n2");
    expect(prepared.xml).toContain("n3");
    expect(prepared.xml).toMatch(/^<\?xml version="1.0"\?><rss version="2.0"><channel><title>T<\/title><item>/);
  });

  it("counts Atom entries and RDF items, but not RDF's <items> list", () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>a</title></entry><entry><title>b</title></entry></feed>`;
    expect(prepareXml(atom, 1)).toMatchObject({ itemCount: 2, itemsDropped: 1 });
    const rdf = `<rdf:RDF><channel><items><rdf:Seq><rdf:li resource="x"/></rdf:Seq></items></channel><item><title>a</title></item></rdf:RDF>`;
    expect(prepareXml(rdf, 5)).toMatchObject({ itemCount: 1, itemsDropped: 0 });
  });

  it("measures how deep elements nest, not counting markup inside CDATA or comments", () => {
    const nested = rss(`<item><description>${"<b>".repeat(300)}x${"</b>".repeat(300)}</description></item>`);
    expect(prepareXml(nested, 10).depth).toBe(304);
    const quoted = rss(`<item><description><![CDATA[${"<b>".repeat(300)}]]><!-- <b><b> --></description><br/></item>`);
    expect(prepareXml(quoted, 10).depth).toBe(4);
  });
});
