import { describe, expect, it } from "vitest";
import { htmlToText, normalizeTitle } from "../../../src/digest/feeds/html-to-text.js";

describe("htmlToText", () => {
  it("gives plain text (no tag, no entity) the same text the full reading gives it, whitespace collapsed", () => {
    const plain = "  Caracas responde a Washington:\n\n el asilo  «no está en discusión», dijo.\t ";
    // The same text with an entity that decodes to nothing new goes through every step of the full reading.
    const full = htmlToText(`${plain}&#32;`).trimEnd();
    expect(htmlToText(plain)).toBe(full);
    expect(htmlToText(plain)).toBe("Caracas responde a Washington: el asilo «no está en discusión», dijo.");
  });

  it("drops scripts, styles, noscript, iframes and comments with everything inside them", () => {
    const html =
      `<p>Before</p><script>var a = "<p>x</p>";</script><style>p{}</style><noscript>Enable JS</noscript>` +
      `<iframe src="x">frame text</iframe><!-- <p>hidden</p> --><p>After</p>`;
    expect(htmlToText(html)).toBe("Before\nAfter");
  });

  it("drops an unclosed script to the end, as a browser would", () => {
    expect(htmlToText("Visible <script>alert('never closed')")).toBe("Visible");
  });

  it("drops a photo's caption and credit, and keeps the text after a caption left unclosed", () => {
    const html =
      '<figure><img src="a.jpg"><figcaption>Imagen ilustrativa. (Foto: Agencia)</figcaption></figure><p>Sheinbaum ganó la elección.</p>';
    expect(htmlToText(html)).toBe("Sheinbaum ganó la elección.");
    expect(htmlToText("<p>Antes.</p><figcaption>Pie de foto<p>Después.</p>")).toBe("Antes.\nPie de foto\nDespués.");
  });

  it("removes tags together with their attributes, onclick included", () => {
    expect(htmlToText(`<a href="/x" onclick="steal()">Read</a> <b style="color:red">more</b>`)).toBe("Read more");
  });

  it("turns paragraphs, line breaks, list items and headings into line breaks", () => {
    expect(htmlToText("<h2>Title</h2><p>One</p><p>Two<br>Three</p><ul><li>a</li><li>b</li></ul>")).toBe(
      "Title\nOne\nTwo\nThree\na\nb",
    );
  });

  it("joins inline tags without adding spaces inside words", () => {
    expect(htmlToText("im<b>por</b>tant <i>news</i>")).toBe("important news");
  });

  it("decodes Latin-1, typographic, decimal and hex entities", () => {
    expect(
      htmlToText(
        "&iquest;Qui&eacute;n? Ni&ntilde;o &ndash; &ldquo;s&iacute;&rdquo; &hellip; 5&nbsp;&euro; &trade; &#241; &#xE1; &#8217;",
      ),
    ).toBe("¿Quién? Niño – “sí” … 5 € ™ ñ á ’");
  });

  it("decodes every HTML entity name, and the legacy ones written without their semicolon", () => {
    expect(htmlToText("&check; listo &mldr; y&nbspmás &copy 2025")).toBe("✓ listo … y más © 2025");
  });

  it("decodes an entity escaped twice only once", () => {
    expect(htmlToText("&amp;aacute; &amp;amp;")).toBe("&aacute; &amp;");
  });

  it("reads &#146; and a raw U+0092 as the windows-1252 apostrophe they stand for", () => {
    expect(htmlToText("don&#146;t won\u0092t")).toBe("don’t won’t");
  });

  it("strips markup that only appears after decoding escaped tags", () => {
    expect(htmlToText("&lt;p&gt;Hello &lt;b onclick=&quot;x()&quot;&gt;world&lt;/b&gt;&lt;/p&gt;")).toBe("Hello world");
  });

  it("removes a tag cut off by a truncated description", () => {
    expect(htmlToText('Read the full story <a href="https://example.com/st')).toBe("Read the full story");
  });

  it("removes an unclosed tag that runs into the next one", () => {
    expect(htmlToText('<p><a href="https://example.com/"<img src="x.gif"/> Text</a></p>')).toBe("Text");
  });

  it("keeps unknown entities and comparison signs as written", () => {
    expect(htmlToText("&madeup; 3 < 5 &amp; 6 > 4")).toBe("&madeup; 3 < 5 & 6 > 4");
  });

  it("collapses whitespace and trims", () => {
    expect(htmlToText("  one\n\n   two\t<p>  </p>  <p> three </p>  ")).toBe("one two\nthree");
  });

  it("never returns anything that looks like a tag", () => {
    const hostile = `<div><p onmouseover="x">a</p><svg onload="x"><text>b</text></svg>&lt;img src=x onerror=alert(1)&gt;<object data="x">c</object></div>`;
    expect(htmlToText(hostile)).not.toMatch(/<[a-z/!]/i);
  });
});

describe("normalizeTitle", () => {
  it("gives a one-line title without tags or entities", () => {
    expect(normalizeTitle("Maduro <em>and</em>\n the &ldquo;dialogue&rdquo;<br/>today")).toBe(
      "Maduro and the “dialogue” today",
    );
  });
});
