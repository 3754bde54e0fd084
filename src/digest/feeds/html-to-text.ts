import { DecodingMode, decodeHTML } from "entities";
import { replaceC1Controls } from "./decode-feed-bytes.js";

// Elements whose content is never article text: code, styling, embeds, and a photo's caption and credit.
const DROPPED_ELEMENTS = /<(script|style|noscript|iframe|template|svg|object|figcaption)\b/gi;
// Of those, the ones whose unclosed start may be a stray tag in text, not a block that runs to the end.
const CLOSED_ONLY = new Set(["figcaption"]);
// A tag cut off by truncation (`$`) or left unclosed before the next one (`(?=<)`) counts too.
const ANY_TAG = /<\/?([a-zA-Z][a-zA-Z0-9:-]*|[!?])[^<>]*(?:>|$|(?=<))/g;
const BLOCK_TAGS = new Set(
  "br p div li ul ol h1 h2 h3 h4 h5 h6 blockquote pre hr table tr section article header footer figure figcaption dl dt dd".split(
    " ",
  ),
);
// Cells and images sit between words without a line of their own.
const SPACED_TAGS = new Set(["td", "th", "img"]);
const CLOSED_TAG = /<\/?[a-zA-Z][^<>]*>/g;
/**
 * Plain text of an HTML fragment, without a DOM: no tags, scripts or comments, entities decoded once,
 * whitespace collapsed, and paragraph-like boundaries kept as single newlines.
 */
export function htmlToText(html: string): string {
  const flat = html.replace(/\s+/g, " ");
  // Most titles and many descriptions are plain text: without "<" or "&" every step below leaves them as they are.
  if (!flat.includes("<") && !flat.includes("&")) return collapseWhitespace(flat);
  const stripped = dropElements(dropComments(flat)).replace(ANY_TAG, (_tag, name: string) =>
    tagBoundary(name.toLowerCase()),
  );
  // Markup escaped twice surfaces as tags only after decoding; strip it again, but never decode again.
  const decoded = dropElements(dropComments(decodeEntities(stripped))).replace(CLOSED_TAG, "");
  return collapseWhitespace(decoded);
}

/** A title as one line of plain text (titles carry entities and tags as often as descriptions do). */
export function normalizeTitle(raw: string): string {
  return htmlToText(raw).replace(/\s+/g, " ");
}

/**
 * Replaces every named, decimal and hex entity once, as a browser reads text: all of HTML's 2,231 names, the
 * legacy ones without their ";" too (`&nbsp`), `&#146;` as the windows-1252 quote it stands for; and only once, so
 * `&amp;aacute;` becomes `&aacute;`, not `á`.
 */
export function decodeEntities(text: string): string {
  return decodeHTML(text, DecodingMode.Legacy);
}

function tagBoundary(name: string): string {
  return BLOCK_TAGS.has(name) ? "\n" : SPACED_TAGS.has(name) ? " " : "";
}

function dropComments(html: string): string {
  let out = "";
  let from = 0;
  for (let start = html.indexOf("<!--"); start !== -1; start = html.indexOf("<!--", from)) {
    out += html.slice(from, start);
    const end = html.indexOf("-->", start + 4);
    if (end === -1) return out;
    from = end + 3;
  }
  return out + html.slice(from);
}

/**
 * Removes script-like elements and captions with their content; an unclosed script swallows the rest, as a browser
 * would, while an unclosed caption is left to read.
 */
function dropElements(html: string): string {
  const lower = html.toLowerCase();
  let out = "";
  let from = 0;
  DROPPED_ELEMENTS.lastIndex = 0;
  for (let open = DROPPED_ELEMENTS.exec(html); open; open = DROPPED_ELEMENTS.exec(html)) {
    out += html.slice(from, open.index);
    const name = open[1]!.toLowerCase();
    const close = lower.indexOf(`</${name}`, open.index + 1);
    if (close === -1) return CLOSED_ONLY.has(name) ? out + html.slice(open.index) : out;
    const closeEnd = lower.indexOf(">", close);
    from = closeEnd === -1 ? html.length : closeEnd + 1;
    DROPPED_ELEMENTS.lastIndex = from;
  }
  return out + html.slice(from);
}

function collapseWhitespace(text: string): string {
  // C1 controls, raw or from "&#146;", are windows-1252 punctuation that went through the wrong decoder (HTML reads them so too).
  return (
    replaceC1Controls(text)
      // Soft hyphen, zero-width space and (non-)joiners, word joiner, BOM: invisible, and they split words.
      .replace(/\u00ad|\u200b|\u200c|\u200d|\u2060|\ufeff/g, "")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point here.
      .replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, "")
      .replace(/[^\S\n]+/g, " ")
      .replace(/ *\n\s*/g, "\n")
      .trim()
  );
}
