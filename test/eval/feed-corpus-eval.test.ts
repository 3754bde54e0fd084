import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  examineFeedBytes,
  type FeedFileResult,
  isEncodingCase,
  outcomeOfError,
  summarizeFeedCorpus,
} from "../../eval/feed-corpus-eval.js";
import { FeedError } from "../../src/digest/errors.js";

const NOW = Date.parse("2025-12-10T12:00:00Z");
const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Made-up wire</title>
<item><title>Harbour reopens</title><description>Dockers went back to work.</description><pubDate>Tue, 09 Dec 2025 10:00:00 GMT</pubDate></item>
<item><title>Bridge closed</title><description>Repairs start on Monday.</description><pubDate>Tue, 09 Dec 2025 09:00:00 GMT</pubDate></item>
</channel></rss>`;

/** Windows-1252 bytes of a text that uses only Latin-1 letters and the right single quote (0x92). */
function windows1252(text: string): Uint8Array {
  return Uint8Array.from([...text].map((char) => (char === "\u2019" ? 0x92 : char.charCodeAt(0))));
}

describe("examineFeedBytes", () => {
  it("counts the items of a feed that parses", async () => {
    expect(await examineFeedBytes("wire.rss", Buffer.from(RSS), false, NOW)).toEqual({
      file: "wire.rss",
      outcome: { kind: "parsed", items: 2 },
    });
  });

  it("rejects a web page and gzip bytes with Hilo's typed error and its reason", async () => {
    const page = await examineFeedBytes(
      "page.html",
      Buffer.from("<!DOCTYPE html><html><body>Hi</body></html>"),
      false,
      NOW,
    );
    expect(page.outcome).toMatchObject({ kind: "rejected", reason: "not-a-feed" });
    const gzipped = await examineFeedBytes("wire.gz", gzipSync(RSS), false, NOW);
    expect(gzipped.outcome).toMatchObject({
      kind: "rejected",
      reason: "encoding",
      message: expect.stringMatching(/gzip/),
    });
  });

  it("checks an encoding case against the expectation in its header, with the HTTP charset it names", async () => {
    const feed = (title: string) =>
      `<!--\nHeader: Content-type: text/xml; charset=windows-1252\nExpect: not bozo and entries[0]['description'] == u'${title}'\n-->\n` +
      `<rss version="2.0"><channel><item><description>caf\u00e9 \u2019</description></item></channel></rss>`;
    const right = await examineFeedBytes("enc.xml", windows1252(feed("caf\\xe9 \\u2019")), true, NOW);
    expect(right.encoding).toEqual({ illFormed: false, checks: [expect.objectContaining({ ok: true })] });
    const wrong = await examineFeedBytes("enc.xml", windows1252(feed("cafe")), true, NOW);
    expect(wrong.encoding?.checks[0]?.ok).toBe(false);
  });
});

describe("outcomeOfError", () => {
  it("calls Hilo's typed errors rejections and anything else a crash", () => {
    expect(outcomeOfError(new FeedError("f", "parse", "bad XML"))).toEqual({
      kind: "rejected",
      reason: "parse",
      message: "feed f: parse: bad XML",
    });
    expect(outcomeOfError(new TypeError("x is undefined"))).toEqual({
      kind: "crashed",
      error: "TypeError: x is undefined",
    });
    expect(outcomeOfError("thrown string")).toEqual({ kind: "crashed", error: "thrown string" });
  });
});

describe("summarizeFeedCorpus", () => {
  const results: FeedFileResult[] = [
    { file: "a.rss", outcome: { kind: "parsed", items: 3 } },
    { file: "b.rss", outcome: { kind: "parsed", items: 4 } },
    { file: "c.rss", outcome: { kind: "rejected", reason: "empty", message: "c: empty" } },
    { file: "d.rss", outcome: { kind: "rejected", reason: "empty", message: "d: empty" } },
    { file: "e.rss", outcome: { kind: "rejected", reason: "empty", message: "e: empty" } },
    { file: "f.rss", outcome: { kind: "crashed", error: "TypeError: boom" } },
    { file: "g.rss", outcome: { kind: "hung", afterMs: 5000 } },
    {
      file: "enc1.xml",
      outcome: { kind: "parsed", items: 1 },
      encoding: { illFormed: false, checks: [{ ok: true, expected: "x", got: "x" }] },
    },
    {
      file: "enc2.xml",
      outcome: { kind: "parsed", items: 1 },
      encoding: { illFormed: false, checks: [{ ok: false, expected: "x", got: "y" }] },
    },
    {
      file: "enc3.xml",
      outcome: { kind: "rejected", reason: "parse", message: "bad" },
      encoding: { illFormed: true, checks: [] },
    },
  ];
  const summary = summarizeFeedCorpus(results, (file) => (file.startsWith("enc") ? "encoding" : "feed"), 2);

  it("adds up parsed items, rejections by reason, crashes and hangs", () => {
    expect(summary.files).toBe(10);
    expect(summary.parsed).toEqual({ files: 4, items: 9 });
    expect(summary.rejected.byReason).toEqual({ empty: 3, parse: 1 });
    expect(summary.rejected.examples.map((example) => example.file)).toEqual(["c.rss", "d.rss", "enc3.xml"]);
    expect(summary.crashed).toEqual([{ file: "f.rss", error: "TypeError: boom" }]);
    expect(summary.hung).toEqual(["g.rss"]);
    expect(summary.byCategory.feed).toEqual({ parsed: 2, rejected: 3, crashed: 1, hung: 1 });
  });

  it("tallies encoding cases apart for well-formed files and files broken on purpose", () => {
    expect(summary.encoding.wellFormed).toEqual({
      cases: 2,
      checked: 2,
      right: 1,
      wrong: [{ file: "enc2.xml", expected: "x", got: "y" }],
    });
    expect(summary.encoding.illFormed).toEqual({ cases: 1, checked: 0, right: 0, wrong: [] });
  });
});

describe("isEncodingCase", () => {
  it("takes what the manifest notes as encoding cases and feedparser's encoding folders", () => {
    expect(isEncodingCase({ file: "x/utf8.xml", note: "encoding edge case" })).toBe(true);
    expect(isEncodingCase({ file: "feedparser/illformed/chardet/big5.xml", note: "ill-formed" })).toBe(true);
    expect(isEncodingCase({ file: "feedparser/wellformed/rss/item.xml", note: "single-feature test" })).toBe(false);
  });
});
