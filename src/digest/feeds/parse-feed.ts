import Parser from "rss-parser";
import { FeedError } from "../errors.js";
import type { ArticleInput, Lang } from "../model.js";
import { detectLanguage } from "../text/detect-language.js";
import { articleIdentity } from "./article-identity.js";
import { canonicalUrl } from "./canonical-url.js";
import { htmlToText, normalizeTitle } from "./html-to-text.js";
import { outletName, provisionalOutlet } from "./outlet-name.js";
import { MAX_NESTING, prepareXml } from "./prepare-xml.js";
import { stripBoilerplate } from "./strip-boilerplate.js";

/**
 * Where a feed document came from; `lang` is the configured language, trusted unless the text clearly says otherwise.
 * Without a `publisher` (a feed named by URL or file only), the outlet is read from the channel's title.
 */
export interface FeedOrigin {
  feed: string;
  publisher?: string | undefined;
  lang?: Lang | undefined;
}

/** An item left out, or kept with a caveat, for the caller to log. */
export interface ItemNote {
  reason: string;
  title?: string;
}

/** A feed's title and usable items, plus the items skipped and the caveats met on the way. */
export interface ParsedFeed {
  title: string;
  /** The outlet the items are from: the configured publisher, else the outlet's name in the channel title. */
  outlet: string;
  items: ArticleInput[];
  skipped: ItemNote[];
  notes: ItemNote[];
}

interface ReadItem {
  title: string;
  text: string;
  link: string;
  url: string | null;
  guid: string;
  rawDate: string;
  publishedAt: number | null;
  /** The HTML carried scripts or event handlers (stripped from the text; noted so the log says so). */
  hadActiveContent: boolean;
}

const ACTIVE_CONTENT = /<\s*script\b|\son[a-z]+\s*=|javascript:/i;

// Local names of the roots rss-parser reads: RSS 0.9x/2.0, Atom, and RSS 1.0's rdf:RDF.
const FEED_ROOTS = new Set(["rss", "feed", "rdf"]);
// Feeds with no language of their own and no readable text fall back to the story's first language.
const DEFAULT_LANG: Lang = "es";
const DAY_MS = 86_400_000;
// Longer guids and links are not identifiers a publisher meant; they are cut before they are hashed or stored.
const MAX_ID_CHARS = 2_048;
const EARLIEST_DATE = Date.UTC(1995, 0, 1);
const SPANISH_MONTHS: Record<string, string> = {
  ene: "Jan",
  feb: "Feb",
  mar: "Mar",
  abr: "Apr",
  may: "May",
  jun: "Jun",
  jul: "Jul",
  ago: "Aug",
  sep: "Sep",
  set: "Sep",
  oct: "Oct",
  nov: "Nov",
  dic: "Dec",
};

/**
 * How much of one feed document is read: whatever a feed holds, the work and memory it costs stay bounded.
 * Real feeds list 10–100 items with titles under 200 characters and texts of a few thousand.
 */
export const FEED_LIMITS = {
  /** Items per read, the newest; the parser never sees the rest. */
  maxItems: 500,
  maxTitleChars: 300,
  maxTextChars: 20_000,
  /** Characters of one field's HTML looked at before stripping tags. */
  maxFieldChars: 200_000,
} as const;

/** Parses RSS, Atom or RDF text into normalised articles; rejects with a FeedError ("parse", "not-a-feed" or "empty"). */
export async function parseFeed(xml: string, source: FeedOrigin, now: number): Promise<ParsedFeed> {
  const prepared = prepareXml(xml.replace(/^\ufeff/, "").trimStart(), FEED_LIMITS.maxItems);
  assertFeedRoot(prepared.xml, source.feed);
  if (prepared.depth > MAX_NESTING) {
    throw new FeedError(
      source.feed,
      "parse",
      `elements nest ${prepared.depth} deep, past the ${MAX_NESTING} Hilo reads; no feed needs that`,
    );
  }
  const feed = await readXml(prepared.xml, source.feed);
  const channelLink = asText(feed.link);
  const base = URL.canParse(channelLink) ? channelLink : URL.canParse(source.feed) ? source.feed : undefined;

  const skipped: ItemNote[] = [];
  const notes: ItemNote[] = [];
  if (prepared.itemsDropped > 0) {
    notes.push({
      reason: `the feed lists ${prepared.itemCount} items; only the newest ${FEED_LIMITS.maxItems} are read`,
    });
  }
  if (prepared.droppedDoctype)
    notes.push({ reason: "ignored the document's DOCTYPE; declared entities are never expanded" });
  const read: ReadItem[] = [];
  for (const item of feed.items ?? []) {
    const entry = readItem(item as Record<string, unknown>, base, now);
    if (!entry) {
      skipped.push({ reason: "item without title or text" });
      continue;
    }
    if (entry.hadActiveContent)
      notes.push({ reason: "removed scripts or event handlers from the item's HTML", title: entry.title });
    if (entry.publishedAt === null) {
      notes.push({
        reason: entry.rawDate ? `item with unusable date "${entry.rawDate}"` : "item without date",
        title: entry.title,
      });
    }
    read.push(entry);
  }
  if (read.length === 0) {
    throw new FeedError(
      source.feed,
      "empty",
      skipped.length > 0 ? `all ${skipped.length} items lack both title and text` : "the feed has no items",
    );
  }

  const feedLang =
    source.lang ??
    langFromTag(asText(feed.language)) ??
    detectLanguage(read.map((entry) => `${entry.title}\n${entry.text}`).join("\n"), DEFAULT_LANG);
  const ids = articleIdentity(
    source.feed,
    read.map((entry) => ({ guid: entry.guid, link: entry.url ?? entry.link, title: entry.title, date: entry.rawDate })),
  );
  const dates = fillMissingDates(
    read.map((entry) => entry.publishedAt),
    now,
  );
  // Kickers, "Lea también" lines, footers and credits are the page's, not the article's: nothing downstream sees them.
  const texts = stripBoilerplate(read.map((entry) => entry.text));
  const channelTitle = normalizeTitle(asText(feed.title));
  const site = asText(feed.link) || read.find((entry) => entry.url)?.url || undefined;
  const outlet = source.publisher ?? (channelTitle ? outletName(channelTitle, site) : provisionalOutlet(source.feed));
  const items = read.map((entry, i): ArticleInput => {
    const text = texts[i]!;
    const words = `${entry.title}\n${text}`;
    return {
      id: ids[i]!,
      feedUrl: source.feed,
      publisher: outlet,
      url: entry.url,
      title: entry.title,
      text,
      lang: detectLanguage(words, feedLang),
      publishedAt: dates[i]!,
    };
  });
  return { title: channelTitle || outlet, outlet, items, skipped, notes };
}

/**
 * Dates for items that have none. Feeds list items newest first, so an undated item is dated like the
 * next older dated item (else the newer one before it); only a feed with no dates at all falls back to now.
 */
export function fillMissingDates(dates: readonly (number | null)[], now: number): number[] {
  const filled: (number | null)[] = [...dates];
  let older: number | null = null;
  for (let i = dates.length - 1; i >= 0; i -= 1) {
    if (dates[i] !== null) older = dates[i]!;
    else filled[i] = older;
  }
  let newer: number | null = null;
  return filled.map((date) => {
    if (date !== null) newer = date;
    return date ?? newer ?? now;
  });
}

/** Rejects HTML pages, JSON, captcha pages, empty bodies and channel-less roots before the XML parser sees them. */
function assertFeedRoot(xml: string, feed: string): void {
  if (/^[[{]/.test(xml)) throw new FeedError(feed, "not-a-feed", "the body is JSON, not an RSS or Atom document");
  const root = rootElement(xml);
  if (root === null) throw new FeedError(feed, "not-a-feed", "the body has no XML root element");
  const local = root.slice(root.indexOf(":") + 1).toLowerCase();
  if (local === "html")
    throw new FeedError(feed, "not-a-feed", "the body is an HTML page, not a feed; check the feed URL");
  if (!FEED_ROOTS.has(local))
    throw new FeedError(feed, "not-a-feed", `the root element is <${root}>, not <rss>, <feed> or <rdf:RDF>`);
  // rss-parser trips over a channel-less root; to a reader it is simply a feed with nothing in it.
  if (local !== "feed" && !/<(?:[\w.-]+:)?channel[\s>/]/.test(xml))
    throw new FeedError(feed, "empty", `the <${root}> root has no <channel>`);
}

/** Name of the first element after the XML declaration, comments and DOCTYPE, or null. */
function rootElement(xml: string): string | null {
  let rest = xml;
  for (;;) {
    rest = rest.trimStart();
    const end = rest.startsWith("<?")
      ? rest.indexOf("?>") + 2
      : rest.startsWith("<!--")
        ? rest.indexOf("-->") + 3
        : rest.startsWith("<!")
          ? prologDeclarationEnd(rest)
          : 0;
    if (end === 0) break;
    if (end < 3) return null;
    rest = rest.slice(end);
  }
  return /^<([A-Za-z_][\w.:-]*)/.exec(rest)?.[1] ?? null;
}

/** End of a `<!DOCTYPE …>`, whose internal subset in brackets may itself contain `>`. */
function prologDeclarationEnd(rest: string): number {
  const bracket = rest.indexOf("[");
  const close = rest.indexOf(">");
  if (bracket !== -1 && bracket < close) return rest.indexOf("]>", bracket) + 2;
  return close + 1;
}

async function readXml(
  xml: string,
  feed: string,
): Promise<Parser.Output<Record<string, unknown>> & Record<string, unknown>> {
  // A parser per document: rss-parser keeps one xml2js parser, and after a failed document that one read the next
  // differently, so the same bytes were refused in one call and accepted in the next.
  // defaultRSS: an <rss> root without a version attribute is read as 2.0 instead of rejected.
  const parser = new Parser<Record<string, unknown>, Record<string, unknown>>({
    defaultRSS: 2,
    customFields: { item: ["updated", "published"] },
  });
  try {
    return await parser.parseString(xml);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).trim().replace(/\s*\n\s*/g, ", ");
    if (/not recognized/i.test(message)) throw new FeedError(feed, "not-a-feed", message, { cause: error });
    // A TypeError is rss-parser meeting well-formed XML in a shape it doesn't expect.
    const detail = error instanceof TypeError ? `unexpected feed structure (${message})` : `malformed XML: ${message}`;
    throw new FeedError(feed, "parse", detail, { cause: error });
  }
}

function readItem(item: Record<string, unknown>, base: string | undefined, now: number): ReadItem | null {
  const raws = ["content:encoded", "content", "description", "summary"].map((field) =>
    asText(item[field]).slice(0, FEED_LIMITS.maxFieldChars),
  );
  const texts = raws.map(htmlToText);
  const longest = texts.reduce((longest, candidate) => (candidate.length > longest.length ? candidate : longest), "");
  const text = cutAtBoundary(longest, FEED_LIMITS.maxTextChars);
  const title =
    cutAtBoundary(normalizeTitle(asText(item.title).slice(0, FEED_LIMITS.maxFieldChars)), FEED_LIMITS.maxTitleChars) ||
    titleFromText(text);
  if (title === "") return null;
  const guid = (asText(item.guid) || asText(item.id)).slice(0, MAX_ID_CHARS);
  // RSS guids are permalinks unless marked otherwise, so a guid URL stands in for a missing link.
  const link = (asText(item.link) || (/^https?:\/\//i.test(guid) ? guid : "")).slice(0, MAX_ID_CHARS);
  const dates = ["isoDate", "pubDate", "date", "dc:date", "published", "updated"]
    .map((field) => asText(item[field]))
    .filter(Boolean);
  const publishedAt = dates.map((raw) => parseDate(raw, now)).find((time) => time !== null) ?? null;
  const hadActiveContent = raws.some((raw) => ACTIVE_CONTENT.test(raw));
  return {
    title,
    text,
    link,
    url: link ? canonicalUrl(link, base) : null,
    guid,
    rawDate: dates[0] ?? "",
    publishedAt,
    hadActiveContent,
  };
}

/** Ms since the epoch, or null for a date V8 can't read or one outside 1995 … two days from now. */
function parseDate(raw: string, now: number): number | null {
  let time = Date.parse(raw);
  // Spanish CMSs sometimes localise RFC 822 names: "lun, 02 ene 2025 10:00:00 -0400".
  if (Number.isNaN(time))
    time = Date.parse(
      raw
        .replace(/^[^\d,]*,\s*/, "")
        .replace(/\b([a-z]{3})\b/i, (month) => SPANISH_MONTHS[month.toLowerCase()] ?? month),
    );
  return Number.isNaN(time) || time < EARLIEST_DATE || time > now + 2 * DAY_MS ? null : time;
}

/** `text` within `max` characters, cut after the last whole sentence (else word) that fits. */
function cutAtBoundary(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max + 1);
  const sentence = Math.max(
    head.lastIndexOf(". "),
    head.lastIndexOf("\n"),
    head.lastIndexOf("? "),
    head.lastIndexOf("! "),
  );
  if (sentence > max / 2) return head.slice(0, sentence + 1).trim();
  const word = head.lastIndexOf(" ");
  return (word > 0 ? head.slice(0, word) : head.slice(0, max)).trim();
}

/** The first sentence of the text, at most 120 characters, for items that come without a title. */
function titleFromText(text: string): string {
  const line = text.split("\n", 1)[0] ?? "";
  const sentence = /^.{20,}?[.!?](?=\s|$)/u.exec(line)?.[0] ?? line;
  return sentence.length <= 120 ? sentence : `${sentence.slice(0, 120).replace(/\s+\S*$/, "")}…`;
}

function langFromTag(tag: string): Lang | undefined {
  const primary = tag.trim().toLowerCase().split(/[-_]/, 1)[0];
  return primary === "es" || primary === "en" ? primary : undefined;
}

/**
 * Text of a value as xml2js hands it over: a string, an array of them, or an element object with `_` text and
 * children. The recursion is as deep as the document's elements, which `prepareXml` bounded before parsing.
 */
function asText(value: unknown): string {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.map(asText).filter(Boolean).join(" ");
  if (value && typeof value === "object") {
    return Object.entries(value)
      .filter(([key]) => key !== "$")
      .map(([, child]) => asText(child))
      .filter(Boolean)
      .join(" ");
  }
  return "";
}
