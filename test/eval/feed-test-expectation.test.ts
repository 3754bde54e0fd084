import { describe, expect, it } from "vitest";
import { checkTextExpectation, readFeedTestHeader, textExpectations } from "../../eval/feed-test-expectation.js";
import { decodeFeedBytes } from "../../src/digest/feeds/decode-feed-bytes.js";

const HEADER = `<!--
Header:  Content-type: text/xml; charset=windows-1252
Description: made up for this test
Expect:  not bozo and feed['title'] == u'Caf\\xe9 \\u2019s'
-->`;

describe("readFeedTestHeader", () => {
  it("reads the content type and the expectation of a test feed's opening comment", () => {
    expect(readFeedTestHeader(Buffer.from(`${HEADER}\n<rss/>`, "latin1"))).toEqual({
      contentType: "text/xml; charset=windows-1252",
      expect: "not bozo and feed['title'] == u'Caf\\xe9 \\u2019s'",
    });
  });

  it("reads it in a UTF-16 file too", () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`<?xml version="1.0"?>\n${HEADER}\n<rss/>`, "utf16le"),
    ]);
    expect(readFeedTestHeader(bytes).expect).toMatch(/^not bozo and feed/);
  });

  it("finds nothing in a file without such a comment", () => {
    expect(readFeedTestHeader(Buffer.from("<rss><channel/></rss>"))).toEqual({});
  });
});

describe("textExpectations", () => {
  it("turns encoding and decoded-value conditions into checks, Python escapes resolved", () => {
    expect(textExpectations("not bozo and encoding == 'utf-16le'")).toEqual([{ kind: "encoding", label: "utf-16le" }]);
    expect(textExpectations("not bozo and feed['title'] == u'\\ub144'")).toEqual([
      { kind: "field", field: "feed title", value: "\ub144" },
    ]);
    expect(textExpectations("entries[0]['description'] == 'don\\u2019t \\'x\\''")).toEqual([
      { kind: "field", field: "first item", value: "don\u2019t 'x'" },
    ]);
    expect(textExpectations("bozo and ord(entries[0]['description']) == 8230")).toEqual([
      { kind: "field", field: "first item", value: "…" },
    ]);
  });

  it("finds no text condition in a crash test or a bare bozo", () => {
    expect(textExpectations("1")).toEqual([]);
    expect(textExpectations("bozo")).toEqual([]);
  });
});

describe("checkTextExpectation", () => {
  const latin1 = Buffer.from(
    '<?xml version="1.0" encoding="iso-8859-1"?><rss><channel><title>Café</title></channel></rss>',
    "latin1",
  );

  it("accepts a decoding that gives the text the expected encoding gives", () => {
    const decoded = decodeFeedBytes(latin1, undefined, "test");
    expect(checkTextExpectation({ kind: "encoding", label: "iso-8859-1" }, latin1, decoded, undefined).ok).toBe(true);
    expect(checkTextExpectation({ kind: "encoding", label: "koi8-r" }, latin1, decoded, undefined)).toMatchObject({
      ok: false,
      got: "different text (read as windows-1252)",
    });
  });

  it("fails an expected encoding when the bytes were not decoded at all", () => {
    expect(checkTextExpectation({ kind: "encoding", label: "utf-8" }, latin1, undefined, undefined).ok).toBe(false);
  });

  it("compares a field as a reader sees it, entities and markup resolved", () => {
    const parsed = { title: "Café", firstItemText: "don’t" };
    expect(
      checkTextExpectation({ kind: "field", field: "feed title", value: "Café" }, latin1, undefined, parsed).ok,
    ).toBe(true);
    expect(
      checkTextExpectation(
        { kind: "field", field: "first item", value: "<b>don&#x2019;t</b>" },
        latin1,
        undefined,
        parsed,
      ).ok,
    ).toBe(true);
    expect(
      checkTextExpectation(
        { kind: "field", field: "first item", value: "don\u00e2\u20ac\u2122t" },
        latin1,
        undefined,
        parsed,
      ),
    ).toMatchObject({
      ok: false,
      got: '"don’t"',
    });
  });

  it("looks for the characters in the decoded XML when the parse kept no such field", () => {
    const decoded = {
      text: '<rss><item><description>&lt;img alt="년" /&gt;</description></item></rss>',
      encoding: "euc-kr",
    };
    const markupOnly = { kind: "field", field: "first item", value: '<img alt="년" />' } as const;
    expect(checkTextExpectation(markupOnly, new Uint8Array(), decoded, undefined).ok).toBe(true);
    expect(checkTextExpectation(markupOnly, new Uint8Array(), { ...decoded, text: "<rss/>" }, undefined).ok).toBe(
      false,
    );
  });
});
