import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FeedError } from "../../../src/digest/errors.js";
import { decodeFeedBytes } from "../../../src/digest/feeds/decode-feed-bytes.js";

const FEED = "https://feeds.example.com/rss";
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url));
const ascii = (text: string) => Buffer.from(text, "latin1");

function encodingFailure(bytes: Uint8Array, contentType?: string): FeedError {
  try {
    decodeFeedBytes(bytes, contentType, FEED);
  } catch (error) {
    if (error instanceof FeedError) return error;
    throw error;
  }
  throw new Error("expected a FeedError");
}

describe("decodeFeedBytes", () => {
  it("reads a Latin-1 feed by its XML declaration", () => {
    const { text, encoding } = decodeFeedBytes(fixture("latin1.xml"), undefined, FEED);
    expect(encoding).toBe("windows-1252");
    expect(text).toContain("<title>¿Quién ganó en Bogotá?</title>");
    expect(text).toContain("Un niño de doce años");
  });

  it("rewrites the declaration to UTF-8 so the XML parser does not decode again", () => {
    const { text } = decodeFeedBytes(fixture("latin1.xml"), undefined, FEED);
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  });

  it("reads UTF-16LE with a byte order mark and drops the mark", () => {
    const { text, encoding } = decodeFeedBytes(fixture("utf16le-bom.xml"), undefined, FEED);
    expect(encoding).toBe("utf-16le");
    expect(text.startsWith("<?xml")).toBe(true);
    expect(text).toContain("La producción de petróleo sube en Anzoátegui");
  });

  it("reads UTF-16BE without a byte order mark from the shape of its declaration", () => {
    const { text, encoding } = decodeFeedBytes(fixture("utf16be-declared.xml"), undefined, FEED);
    expect(encoding).toBe("utf-16be");
    expect(text).toContain("<title>Señal de Mérida</title>");
  });

  it("reads windows-1252 curly quotes, dashes and the euro sign", () => {
    const { text } = decodeFeedBytes(fixture("windows-1252.xml"), undefined, FEED);
    expect(text).toContain("“Diálogo” en San Cristóbal — comerciantes");
    expect(text).toContain("2 millones de €, y el alcalde respondió: ‘estamos trabajando’.");
  });

  it("falls back to windows-1252 when undeclared bytes are not valid UTF-8", () => {
    const { text, encoding } = decodeFeedBytes(
      Uint8Array.of(...ascii("<rss>Caf"), 0xe9, 0x20, 0x93, 0x6f, 0x6b, 0x94, ...ascii("</rss>")),
      undefined,
      FEED,
    );
    expect(encoding).toBe("windows-1252");
    expect(text).toBe("<rss>Café “ok”</rss>");
  });

  it("reads undeclared UTF-8 as UTF-8", () => {
    const { text, encoding } = decodeFeedBytes(Buffer.from("<rss>año ¡sí!</rss>", "utf8"), undefined, FEED);
    expect(encoding).toBe("utf-8");
    expect(text).toBe("<rss>año ¡sí!</rss>");
  });

  it("uses the HTTP charset when the document declares none", () => {
    const utf8Bytes = Buffer.from("<rss>é</rss>", "utf8");
    const { text, encoding } = decodeFeedBytes(utf8Bytes, 'application/rss+xml; charset="ISO-8859-1"', FEED);
    expect(encoding).toBe("windows-1252");
    expect(text).toBe("<rss>Ã©</rss>");
  });

  it("lets the XML declaration win over the HTTP charset", () => {
    const bytes = Uint8Array.of(...ascii('<?xml version="1.0" encoding="ISO-8859-1"?><rss>'), 0xf1, ...ascii("</rss>"));
    const { text } = decodeFeedBytes(bytes, "text/xml; charset=utf-8", FEED);
    expect(text).toBe('<?xml version="1.0" encoding="UTF-8"?><rss>ñ</rss>');
  });

  it("lets a UTF-8 byte order mark win over a declaration that says otherwise", () => {
    const bytes = Uint8Array.of(
      0xef,
      0xbb,
      0xbf,
      ...Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss>ñ</rss>', "utf8"),
    );
    const { text, encoding } = decodeFeedBytes(bytes, undefined, FEED);
    expect(encoding).toBe("utf-8");
    expect(text).toBe('<?xml version="1.0" encoding="UTF-8"?><rss>ñ</rss>');
  });

  it("reads UTF-32 recognised by its byte pattern", () => {
    const text = "<rss>Maiquetía</rss>";
    const bytes = new Uint8Array(text.length * 4);
    const view = new DataView(bytes.buffer);
    [...text].forEach((char, i) => {
      view.setUint32(i * 4, char.codePointAt(0)!, false);
    });
    expect(decodeFeedBytes(bytes, undefined, FEED)).toEqual({ text, encoding: "utf-32be" });
  });

  it("rejects an unknown encoding label with an encoding error naming the label", () => {
    const error = encodingFailure(ascii('<?xml version="1.0" encoding="bogus-8"?><rss/>'));
    expect(error.reason).toBe("encoding");
    expect(error.feed).toBe(FEED);
    expect(error.message).toContain('"bogus-8"');
  });

  it("rejects gzip-compressed bytes with an encoding error instead of reading garbage", () => {
    const error = encodingFailure(Uint8Array.of(0x1f, 0x8b, 0x08, 0x00, 0x00));
    expect(error.reason).toBe("encoding");
    expect(error.message).toContain("gzip");
  });
});
