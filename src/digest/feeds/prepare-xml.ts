import { decodeEntities } from "./html-to-text.js";

/** Elements nested deeper than this are no feed's; the XML parser's recursion would overflow long before 50,000. */
export const MAX_NESTING = 200;

/** The XML handed to the parser, and what preparing it left out (for the feed's notes). */
export interface PreparedXml {
  xml: string;
  /** Items in the document before the cap. */
  itemCount: number;
  /** Items left out by the cap: the oldest ones, judged by the order the feed lists them in. */
  itemsDropped: number;
  /** The document declared a DOCTYPE, which was removed unread. */
  droppedDoctype: boolean;
  /** How deep its elements nest, counted before any parser recurses into them. */
  depth: number;
}

const ITEM_OPEN = /<(?:[\w.-]+:)?(?:item|entry)(?=[\s>/])/gi;
const ITEM_CLOSE = /<\/(?:[\w.-]+:)?(?:item|entry)\s*>/gi;
const ITEM_DATE = /<(?:[\w.-]+:)?(?:pubDate|published|updated|date)\b[^>]*>\s*([^<]{4,64}?)\s*</i;
const XML_ENTITIES = new Set(["amp", "lt", "gt", "quot", "apos"]);
const ENTITY_OR_AMPERSAND = /&(?:(#\d{1,8}|#x[0-9a-fA-F]{1,7}|[A-Za-z_][\w.-]{0,31});)?/g;

/**
 * Makes feed text safe and repeatable to parse: the DOCTYPE goes (so no declared entity is ever expanded, and a
 * document that declares some reads like one that doesn't), named entities XML doesn't know become character
 * references when HTML knows them and literal text when nobody does, a bare "&" becomes "&amp;", and at most
 * `maxItems` items stay — the newest, by the order the feed lists them — so no feed can make the parser's work
 * unbounded.
 */
export function prepareXml(text: string, maxItems: number): PreparedXml {
  const withoutDoctype = removeDoctype(text);
  const capped = capItems(withoutDoctype, maxItems);
  return {
    ...capped,
    xml: escapeEntities(capped.xml),
    droppedDoctype: withoutDoctype.length !== text.length,
    depth: elementDepth(capped.xml),
  };
}

const MARKUP = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<[?!][^>]*>|<(\/?)[A-Za-z_][^>]*?(\/?)>/g;

/** The deepest nesting of elements, skipping CDATA, comments and declarations; one pass, no recursion. */
function elementDepth(xml: string): number {
  let depth = 0;
  let deepest = 0;
  MARKUP.lastIndex = 0;
  for (let match = MARKUP.exec(xml); match; match = MARKUP.exec(xml)) {
    if (match[1] === undefined) continue;
    if (match[1] === "/") depth -= 1;
    else if (match[2] !== "/") {
      depth += 1;
      deepest = Math.max(deepest, depth);
    }
  }
  return deepest;
}

/** Removes a `<!DOCTYPE …>` with its internal subset, wherever the prolog puts it. */
function removeDoctype(text: string): string {
  const start = text.search(/<!DOCTYPE\b/i);
  if (start === -1) return text;
  // Only the prolog may hold it; a DOCTYPE after the first element is text the parser will reject anyway.
  const firstElement = text.search(/<[A-Za-z_]/);
  if (firstElement !== -1 && firstElement < start) return text;
  const bracket = text.indexOf("[", start);
  const close = text.indexOf(">", start);
  if (close === -1) return text.slice(0, start);
  const end = bracket !== -1 && bracket < close ? subsetEnd(text, bracket) : close + 1;
  return text.slice(0, start) + text.slice(end);
}

/** Index just past the `]>` that ends an internal subset opened at `bracket`; quoted `]>` inside a declaration is skipped. */
function subsetEnd(text: string, bracket: number): number {
  let quote: string | null = null;
  for (let at = bracket + 1; at < text.length; at += 1) {
    const char = text[at]!;
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === "]") {
      const close = text.indexOf(">", at);
      return close === -1 ? text.length : close + 1;
    }
  }
  return text.length;
}

function capItems(xml: string, maxItems: number): Pick<PreparedXml, "xml" | "itemCount" | "itemsDropped"> {
  const opens = indicesOf(ITEM_OPEN, xml);
  if (opens.length <= maxItems) return { xml, itemCount: opens.length, itemsDropped: 0 };
  const tail = endOfLast(ITEM_CLOSE, xml) ?? xml.length;
  const first = opens[0]!;
  // Feeds list their newest items first, unless the dates say this one runs oldest first.
  const kept = oldestFirst(xml, first, opens.at(-1)!)
    ? xml.slice(0, first) + xml.slice(opens[opens.length - maxItems]!, tail)
    : xml.slice(0, opens[maxItems]!);
  return { xml: kept + xml.slice(tail), itemCount: opens.length, itemsDropped: opens.length - maxItems };
}

function indicesOf(pattern: RegExp, text: string): number[] {
  const found: number[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) found.push(match.index);
  return found;
}

function endOfLast(pattern: RegExp, text: string): number | undefined {
  let end: number | undefined;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) end = match.index + match[0].length;
  return end;
}

function oldestFirst(xml: string, firstItem: number, lastItem: number): boolean {
  const dateAt = (from: number) => Date.parse(ITEM_DATE.exec(xml.slice(from, from + 4096))?.[1] ?? "");
  const first = dateAt(firstItem);
  const last = dateAt(lastItem);
  return !Number.isNaN(first) && !Number.isNaN(last) && first < last;
}

/** Each "&" becomes something strict XML accepts and that decodes to what an HTML reader would show. */
function escapeEntities(xml: string): string {
  return xml.replace(ENTITY_OR_AMPERSAND, (whole, ref: string | undefined) => {
    if (ref === undefined) return "&amp;";
    if (ref.startsWith("#") || XML_ENTITIES.has(ref)) return whole;
    const decoded = decodeEntities(whole);
    if (decoded === whole) return `&amp;${ref};`;
    return [...decoded].map((char) => `&#${char.codePointAt(0)};`).join("");
  });
}
