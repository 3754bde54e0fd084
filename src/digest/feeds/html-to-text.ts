import { replaceC1Controls } from "./decode-feed-bytes.js";

// Elements whose content is never article text: code, styling, embeds, and a photo's caption and credit.
const DROPPED_ELEMENTS = /<(script|style|noscript|iframe|template|svg|object|figcaption)\b/gi;
// Of those, the ones whose unclosed start may be a stray tag in text, not a block that runs to the end.
const CLOSED_ONLY = new Set(["figcaption"]);
// A tag cut off by truncation (`$`) or left unclosed before the next one (`(?=<)`) counts too.
const ANY_TAG = /<\/?([a-zA-Z][a-zA-Z0-9:-]*|[!?])[^<>]*(?:>|$|(?=<))/g;
const BLOCK_TAGS = new Set(
  "br p div li ul ol h1 h2 h3 h4 h5 h6 blockquote pre hr table tr section article header footer figure figcaption dl dt dd".split(" "),
);
// Cells and images sit between words without a line of their own.
const SPACED_TAGS = new Set(["td", "th", "img"]);
const CLOSED_TAG = /<\/?[a-zA-Z][^<>]*>/g;
const ENTITY = /&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});/g;

// Latin-1 names in code-point order, U+00A0 to U+00FF.
const LATIN1 = (
  "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr " +
  "deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest " +
  "Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml " +
  "ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig " +
  "agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml " +
  "eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml"
).split(" ");

// Greek letters run in code-point order too; U+03A2 is unassigned, hence the gap.
const GREEK_UPPER = "Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho _ Sigma Tau Upsilon Phi Chi Psi Omega".split(" ");
const GREEK_LOWER = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon phi chi psi omega".split(" ");

const OTHER_ENTITIES: Record<string, number> = {
  amp: 38, lt: 60, gt: 62, quot: 34, apos: 39,
  OElig: 338, oelig: 339, Scaron: 352, scaron: 353, Yuml: 376, fnof: 402, circ: 710, tilde: 732,
  ensp: 8194, emsp: 8195, thinsp: 8201, zwnj: 8204, zwj: 8205, lrm: 8206, rlm: 8207,
  ndash: 8211, mdash: 8212, lsquo: 8216, rsquo: 8217, sbquo: 8218, ldquo: 8220, rdquo: 8221, bdquo: 8222,
  dagger: 8224, Dagger: 8225, bull: 8226, hellip: 8230, permil: 8240, prime: 8242, Prime: 8243,
  lsaquo: 8249, rsaquo: 8250, oline: 8254, frasl: 8260, euro: 8364, trade: 8482,
  larr: 8592, uarr: 8593, rarr: 8594, darr: 8595, harr: 8596,
  minus: 8722, infin: 8734, asymp: 8776, ne: 8800, le: 8804, ge: 8805, loz: 9674,
};

const NAMED_ENTITIES = new Map<string, number>([
  ...LATIN1.map((name, i): [string, number] => [name, 0xa0 + i]),
  ...GREEK_UPPER.map((name, i): [string, number] => [name, 0x391 + i]),
  ...GREEK_LOWER.map((name, i): [string, number] => [name, 0x3b1 + i]),
  ...Object.entries(OTHER_ENTITIES),
]);

/**
 * Plain text of an HTML fragment, without a DOM: no tags, scripts or comments, entities decoded once,
 * whitespace collapsed, and paragraph-like boundaries kept as single newlines.
 */
export function htmlToText(html: string): string {
  const flat = html.replace(/\s+/g, " ");
  const stripped = dropElements(dropComments(flat)).replace(ANY_TAG, (_tag, name: string) => tagBoundary(name.toLowerCase()));
  // Markup escaped twice surfaces as tags only after decoding; strip it again, but never decode again.
  const decoded = dropElements(dropComments(decodeEntities(stripped))).replace(CLOSED_TAG, "");
  return collapseWhitespace(decoded);
}

/** A title as one line of plain text (titles carry entities and tags as often as descriptions do). */
export function normalizeTitle(raw: string): string {
  return htmlToText(raw).replace(/\s+/g, " ");
}

/** Replaces every named, decimal and hex entity once, so `&amp;aacute;` becomes `&aacute;`, not `á`. */
export function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, ref: string) => {
    if (ref.startsWith("#")) return fromCodePoint(ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
    const code = NAMED_ENTITIES.get(ref) ?? (ref === ref.toUpperCase() ? NAMED_ENTITIES.get(ref.toLowerCase()) : undefined);
    return code === undefined ? whole : String.fromCodePoint(code);
  });
}

function tagBoundary(name: string): string {
  return BLOCK_TAGS.has(name) ? "\n" : SPACED_TAGS.has(name) ? " " : "";
}

function fromCodePoint(code: number): string {
  const invalid = code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff);
  return invalid ? "\ufffd" : String.fromCodePoint(code);
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
  return replaceC1Controls(text)
    .replace(/[\u00ad\u200b\u200c\u200d\u2060\ufeff]/g, "")
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, "")
    .replace(/[^\S\n]+/g, " ")
    .replace(/ *\n\s*/g, "\n")
    .trim();
}
