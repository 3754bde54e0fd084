import { type DecodedFeed, replaceC1Controls } from "../src/digest/feeds/decode-feed-bytes.js";
import { htmlToText, normalizeTitle } from "../src/digest/feeds/html-to-text.js";

/**
 * What a test feed says about itself in its opening comment, as feedparser's test files do:
 * `Header: Content-type: …` (the HTTP header the file stands for) and `Expect: …` (a Python condition).
 */
export interface FeedTestHeader {
  contentType?: string;
  expect?: string;
}

/** A condition on the decoded text that can be checked without Python. */
export type TextExpectation =
  | { kind: "encoding"; label: string }
  | { kind: "field"; field: "feed title" | "first item"; value: string };

/** What checking one expectation found. */
export interface ExpectationResult {
  ok: boolean;
  expected: string;
  got: string;
}

/** Reads the header comment of a test feed; NUL bytes are dropped first so UTF-16 and UTF-32 files read too. */
export function readFeedTestHeader(bytes: Uint8Array): FeedTestHeader {
  const head = Buffer.from(bytes.subarray(0, 8192).filter((byte) => byte !== 0)).toString("latin1");
  const contentType = /^\s*Header:\s*Content-type:\s*(.+?)\s*$/im.exec(head)?.[1];
  const expect = /^\s*Expect:\s*(.+?)\s*$/m.exec(head)?.[1];
  return { ...(contentType ? { contentType } : {}), ...(expect ? { expect } : {}) };
}

// A Python string literal in single quotes, optionally u-prefixed.
const LITERAL = String.raw`u?'((?:[^'\\]|\\.)*)'`;
const CONDITIONS: readonly { pattern: RegExp; make: (match: RegExpExecArray) => TextExpectation }[] = [
  {
    pattern: new RegExp(String.raw`\bencoding\s*==\s*${LITERAL}`),
    make: (m) => ({ kind: "encoding", label: pythonString(m[1]!) }),
  },
  {
    pattern: new RegExp(String.raw`\bfeed\[\s*'title'\s*\]\s*==\s*${LITERAL}`),
    make: (m) => ({ kind: "field", field: "feed title", value: pythonString(m[1]!) }),
  },
  {
    pattern: new RegExp(
      String.raw`\bentries\[0\](?:\[\s*'(?:description|summary)'\s*\]|\.(?:description|summary))\s*==\s*${LITERAL}`,
    ),
    make: (m) => ({ kind: "field", field: "first item", value: pythonString(m[1]!) }),
  },
  {
    pattern: /\bord\(\s*entries\[0\]\[\s*'(?:description|summary)'\s*\]\s*\)\s*==\s*(\d+)/,
    make: (m) => ({ kind: "field", field: "first item", value: String.fromCodePoint(Number(m[1])) }),
  },
];

/** The conditions of an `Expect:` line that are about text; the rest ("bozo", "1") only ask that nothing crash. */
export function textExpectations(expect: string): TextExpectation[] {
  return CONDITIONS.flatMap(({ pattern, make }) => {
    const match = pattern.exec(expect);
    return match ? [make(match)] : [];
  });
}

/**
 * Checks Hilo's decoding of a test feed against its expectations. An expected encoding is checked by
 * decoding the bytes with it independently and comparing texts (so "us-ascii" and "utf-8" agree on ASCII
 * bytes); an expected field is compared as a reader would see it, markup and entities resolved.
 * When the parse kept no such field (an item of markup only), the decoded XML must hold the expected
 * value's non-ASCII characters instead.
 */
export function checkTextExpectation(
  expectation: TextExpectation,
  bytes: Uint8Array,
  decoded: DecodedFeed | undefined,
  parsed: { title: string; firstItemText: string | undefined } | undefined,
): ExpectationResult {
  if (expectation.kind === "encoding") {
    const expected = `text as ${expectation.label} reads it`;
    if (!decoded) return { ok: false, expected, got: "no text: the bytes were not decoded" };
    const reference = referenceDecode(bytes, expectation.label);
    if (reference === undefined) return { ok: false, expected, got: `no reference decoder for "${expectation.label}"` };
    const ok = withoutDeclaration(reference) === withoutDeclaration(decoded.text);
    return {
      ok,
      expected,
      got: ok ? `the same text (read as ${decoded.encoding})` : `different text (read as ${decoded.encoding})`,
    };
  }
  const wanted = expectation.field === "feed title" ? normalizeTitle(expectation.value) : htmlToText(expectation.value);
  const value = expectation.field === "feed title" ? parsed?.title : parsed?.firstItemText;
  const expected = `${expectation.field} ${JSON.stringify(wanted || expectation.value)}`;
  if (value !== undefined && wanted !== "") return { ok: value === wanted, expected, got: JSON.stringify(value) };
  const nonAscii = [...expectation.value].filter((char) => char.charCodeAt(0) > 0x7f);
  const ok = decoded !== undefined && nonAscii.length > 0 && nonAscii.every((char) => decoded.text.includes(char));
  return {
    ok,
    expected,
    got: ok
      ? "its characters, in the decoded XML"
      : decoded
        ? "its characters missing from the decoded XML"
        : "no decoded text",
  };
}

/** The bytes decoded with a named encoding, by WHATWG's decoders (and a plain UTF-32 one, which WHATWG lacks). */
function referenceDecode(bytes: Uint8Array, label: string): string | undefined {
  const name = label.trim().toLowerCase().replace(/_/g, "-");
  if (name === "utf-32le" || name === "utf-32be" || name === "utf-32") {
    const bigEndian = name === "utf-32be" || (name === "utf-32" && bytes[0] === 0 && bytes[1] === 0);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength - (bytes.byteLength % 4));
    let text = "";
    for (let at = 0; at < view.byteLength; at += 4)
      text += String.fromCodePoint(Math.min(view.getUint32(at, !bigEndian), 0x10ffff));
    return text.replace(/^\ufeff/, "");
  }
  try {
    const decoder = new TextDecoder(name);
    const text = decoder.decode(bytes).replace(/^\ufeff/, "");
    // WHATWG's windows-1252 maps 0x80–0x9F to punctuation, which Node 20's decoder no longer does.
    return decoder.encoding === "windows-1252" ? replaceC1Controls(text) : text;
  } catch {
    return undefined;
  }
}

function withoutDeclaration(text: string): string {
  return text.replace(/^\s*<\?xml[^>]*\?>/, "").trim();
}

/** The value of a Python string literal's body: \xHH, \uHHHH and backslash escapes resolved. */
function pythonString(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, sequence: string) => {
    if (/^[xuU]/.test(sequence) && sequence.length > 1) return String.fromCodePoint(parseInt(sequence.slice(1), 16));
    return { n: "\n", t: "\t", r: "\r" }[sequence] ?? sequence;
  });
}
