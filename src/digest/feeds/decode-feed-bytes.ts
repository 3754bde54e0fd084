import { FeedError } from "../errors.js";

/** A feed body as text, and the encoding it was read in (WHATWG name, e.g. "windows-1252" for a Latin-1 feed). */
export interface DecodedFeed {
  text: string;
  encoding: string;
}

// UTF-32 marks first: the UTF-32LE mark begins with the UTF-16LE one.
const BYTE_ORDER_MARKS: readonly { bytes: readonly number[]; encoding: string }[] = [
  { bytes: [0x00, 0x00, 0xfe, 0xff], encoding: "utf-32be" },
  { bytes: [0xff, 0xfe, 0x00, 0x00], encoding: "utf-32le" },
  { bytes: [0xef, 0xbb, 0xbf], encoding: "utf-8" },
  { bytes: [0xfe, 0xff], encoding: "utf-16be" },
  { bytes: [0xff, 0xfe], encoding: "utf-16le" },
];

// Windows-1252 bytes 0x80–0x9F, which Node's TextDecoder reads as C1 controls since 20.18.3 / 22.13.0
// (nodejs/node#60888). 0 marks the five unassigned bytes.
const WINDOWS_1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

const DECLARED_ENCODING = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([^"']*)["']/;
const HTTP_CHARSET = /charset\s*=\s*["']?([^"';,\s]+)/i;
// A wide label in a declaration we could read as ASCII is wrong (the bytes were re-encoded): read them as UTF-8.
const WIDE_LABEL = /^(?:utf-?(?:16|32)|ucs-?[24]|unicode)/i;

/**
 * Decodes a feed body; `feed` names it in errors. The encoding comes from the byte order mark, else the
 * XML declaration, else the HTTP charset, else UTF-8; UTF-8 that doesn't decode is read as windows-1252.
 * The text has no BOM and its declaration says UTF-8, so the XML parser won't decode it a second time.
 */
export function decodeFeedBytes(bytes: Uint8Array, contentType: string | undefined, feed: string): DecodedFeed {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new FeedError(feed, "encoding", "the body is gzip-compressed bytes; decompress it before decoding");
  }
  const bom = BYTE_ORDER_MARKS.find((mark) => mark.bytes.every((byte, i) => bytes[i] === byte));
  // A BOM is trusted even if some bytes after it don't decode; those become U+FFFD.
  if (bom) return finish(decodeAs(bom.encoding, bytes.subarray(bom.bytes.length)), bom.encoding);
  // Without a BOM, the NUL bytes around the first character say which wide encoding it is (XML 1.0, appendix F).
  const wide = wideEncoding(bytes);
  if (wide) return finish(decodeAs(wide, bytes), wide);

  const declared = DECLARED_ENCODING.exec(decodeAs("windows-1252", bytes.subarray(0, 512)))?.[1];
  const encoding = chooseEncoding(feed, declared, HTTP_CHARSET.exec(contentType ?? "")?.[1]);
  if (encoding !== "utf-8") return finish(decodeAs(encoding, bytes), encoding);
  try {
    return finish(new TextDecoder("utf-8", { fatal: true }).decode(bytes), "utf-8");
  } catch {
    return finish(decodeAs("windows-1252", bytes), "windows-1252");
  }
}

function wideEncoding(bytes: Uint8Array): string | null {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === undefined || b1 === undefined || b2 === undefined || b3 === undefined) return null;
  if (b0 === 0 && b1 === 0 && b2 === 0 && b3 !== 0) return "utf-32be";
  if (b0 !== 0 && b1 === 0 && b2 === 0 && b3 === 0) return "utf-32le";
  if (b0 === 0 && b1 !== 0 && b2 === 0 && b3 !== 0) return "utf-16be";
  if (b0 !== 0 && b1 === 0 && b2 !== 0 && b3 === 0) return "utf-16le";
  return null;
}

/** The first known label among the declaration's and the HTTP charset; unknown labels only fail when no other is known. */
function chooseEncoding(feed: string, declared: string | undefined, charset: string | undefined): string {
  const labels = [declared, charset].filter((label): label is string => label !== undefined && label.trim() !== "");
  for (const label of labels) {
    if (WIDE_LABEL.test(label.trim())) return "utf-8";
    const encoding = encodingFor(label);
    if (encoding) return encoding;
  }
  if (labels.length === 0) return "utf-8";
  throw new FeedError(
    feed,
    "encoding",
    `unknown encoding ${labels.map((label) => `"${label}"`).join(" / ")}; the feed must declare a standard one such as UTF-8`,
  );
}

function encodingFor(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null; // unknown label, or one WHATWG maps to "replacement"
  }
}

/** C1 control characters as the windows-1252 punctuation they nearly always stand for ("don\u0092t" → "don’t"). */
export function replaceC1Controls(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (control) =>
    String.fromCharCode(WINDOWS_1252_HIGH[control.charCodeAt(0) - 0x80] || control.charCodeAt(0)),
  );
}

function decodeAs(encoding: string, bytes: Uint8Array): string {
  if (encoding === "utf-32le" || encoding === "utf-32be") return decodeUtf32(bytes, encoding === "utf-32le");
  const text = new TextDecoder(encoding).decode(bytes);
  return encoding === "windows-1252" ? replaceC1Controls(text) : text;
}

/** WHATWG TextDecoder has no UTF-32; feeds in it are rare but legal XML. */
function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: string[] = [];
  let codePoints: number[] = [];
  for (let at = 0; at + 4 <= bytes.byteLength; at += 4) {
    const code = view.getUint32(at, littleEndian);
    codePoints.push(code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? 0xfffd : code);
    // Flush in chunks: String.fromCodePoint takes its input as call arguments.
    if (codePoints.length === 8192) {
      chunks.push(String.fromCodePoint(...codePoints));
      codePoints = [];
    }
  }
  chunks.push(String.fromCodePoint(...codePoints));
  return chunks.join("");
}

function finish(text: string, encoding: string): DecodedFeed {
  const unmarked = text.startsWith("\ufeff") ? text.slice(1) : text;
  return {
    text: unmarked.replace(DECLARED_ENCODING, (declaration) =>
      declaration.replace(/(\bencoding\s*=\s*["'])[^"']*/, "$1UTF-8"),
    ),
    encoding,
  };
}
