import { readFileSync, statSync } from "node:fs";
import { decodeFeedBytes } from "../digest/feeds/decode-feed-bytes.js";
import { FETCH_DEFAULTS } from "../digest/feeds/fetch-feed.js";
import { type ParsedFeed, parseFeed } from "../digest/feeds/parse-feed.js";
import { FeedError } from "../digest/index.js";

/** One piece of a feed document: the markup between items (always served) or one item, served from its time on. */
interface Part {
  markup: string;
  /** When the part appears: an item's publication time (ms), or -Infinity for the markup around items. */
  at: number;
  item: boolean;
}

/** What a feed file held at one moment: the document with only the items published by then. */
export interface Snapshot {
  text: string;
  /** Items it holds; a replay uses it as the etag, since items only ever arrive. */
  items: number;
}

/** A feed file cut into its items, each with its publication time, so it can be served as it stood at any moment. */
export class FeedSnapshots {
  /** Publication times of the items, oldest first. */
  readonly times: readonly number[];

  constructor(
    /** The file as the user named it. */
    readonly file: string,
    /** The channel title as parsed, else the file name. */
    readonly title: string,
    /** The outlet's name in the channel title (see outlet-name.ts). */
    readonly outlet: string,
    private readonly parts: readonly Part[],
  ) {
    this.times = parts
      .filter((part) => part.item)
      .map((part) => part.at)
      .sort((a, b) => a - b);
  }

  /** How many items were published at or before `at`. */
  itemsAt(at: number): number {
    let low = 0;
    let high = this.times.length;
    // Binary search for the first time after `at`; the loop halves the range each turn.
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.times[mid]! <= at) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The document as it stood at `at`: head, the items published by then in their original order, and tail. */
  snapshotAt(at: number): Snapshot {
    const kept = this.parts.filter((part) => part.at <= at);
    return { text: kept.map((part) => part.markup).join(""), items: kept.filter((part) => part.item).length };
  }
}

/** The feed files that can be replayed, and one line per problem met reading them. */
export interface ReadSnapshots {
  feeds: FeedSnapshots[];
  problems: string[];
}

/**
 * Reads feed files for a replay: each is decoded and parsed as the pipeline would, and its items located in the
 * text so it can be served as it stood at any moment. A file that cannot be used is skipped with a problem line;
 * `now` is the real time, past which (by two days) parseFeed does not believe a date.
 */
export async function readFeedSnapshots(files: readonly string[], now: number): Promise<ReadSnapshots> {
  const feeds: FeedSnapshots[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file)) {
      problems.push(`${file}: listed twice; replayed once`);
      continue;
    }
    seen.add(file);
    const read = readBytes(file);
    if (typeof read === "string") {
      problems.push(`${file}: cannot be read as a feed: ${read}; skipped`);
      continue;
    }
    const result = await feedSnapshots(file, read, now);
    problems.push(...result.problems);
    if (result.feed) feeds.push(result.feed);
  }
  return { feeds, problems };
}

/** The file's bytes, or "reason: detail" when it cannot be had. */
function readBytes(file: string): Uint8Array | string {
  try {
    // The poller's cap: a file bigger than any feed it would download is not read whole into memory.
    const size = statSync(file).size;
    if (size > FETCH_DEFAULTS.maxBytes)
      return `too-large: ${size} bytes, over the ${FETCH_DEFAULTS.maxBytes}-byte cap of a feed`;
    return readFileSync(file);
  } catch (error) {
    return `read: ${(error as Error).message}`;
  }
}

/** Parses one feed file's bytes into its snapshots, with the problems that change how (or whether) it is replayed. */
export async function feedSnapshots(
  file: string,
  bytes: Uint8Array,
  now: number,
): Promise<{ feed?: FeedSnapshots; problems: string[] }> {
  const source = { feed: file };
  let text = "";
  let parsed: ParsedFeed;
  try {
    text = decodeFeedBytes(bytes, undefined, file).text;
    parsed = await parseFeed(text, source, now);
  } catch (error) {
    if (!(error instanceof FeedError)) throw error;
    if (error.reason === "empty" && locateItems(text)?.length === 0)
      return { problems: [`${file}: no items; skipped`] };
    return { problems: [`${file}: cannot be read as a feed: ${error.reason}: ${detailOf(error)}; skipped`] };
  }
  const problems: string[] = [];
  const undated = parsed.notes.filter(isUndatedNote).length;
  if (undated >= parsed.items.length) {
    return {
      problems: [
        `${file}: none of its ${parsed.items.length} items has a date, so they cannot be placed in time; skipped`,
      ],
    };
  }
  if (undated > 0) {
    const items = undated === 1 ? "1 item has" : `${undated} items have`;
    problems.push(
      `${file}: ${items} no date; each is replayed at the time of the next dated item listed after it (at the end of the file, of the one before it)`,
    );
  }
  const dates = parsed.items.map((item) => item.publishedAt);
  if (dates.some((date, i) => i > 0 && date > dates[i - 1]!))
    problems.push(`${file}: items are not listed newest first; replayed by their dates`);

  const blocks = locateItems(text);
  let parts: Part[];
  if (blocks && blocks.length === dates.length) {
    parts = [];
    let from = 0;
    blocks.forEach((block, i) => {
      parts.push({ markup: text.slice(from, block.start), at: Number.NEGATIVE_INFINITY, item: false });
      parts.push({ markup: text.slice(block.start, block.end), at: dates[i]!, item: true });
      from = block.end;
    });
    parts.push({ markup: text.slice(from), at: Number.NEGATIVE_INFINITY, item: false });
  } else {
    const found =
      blocks === undefined
        ? "its items could not be told apart in the text"
        : `${blocks.length} items were found in the text but ${dates.length} read`;
    problems.push(`${file}: ${found}; the whole file is replayed at the time of its newest item`);
    parts = [{ markup: text, at: dates.reduce((newest, date) => Math.max(newest, date)), item: true }];
  }
  return { feed: new FeedSnapshots(file, parsed.title, parsed.outlet, parts), problems };
}

// parseFeed reports an item it had to date itself with one of these notes.
const UNDATED_NOTE = /^item (?:without date|with unusable date)/;

function isUndatedNote(note: { reason: string }): boolean {
  return UNDATED_NOTE.test(note.reason);
}

/** The FeedError's own detail, without the "feed URL: reason: " its message starts with. */
function detailOf(error: FeedError): string {
  const prefix = `feed ${error.feed}: ${error.reason}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

// Item and entry tags (any namespace prefix), with CDATA sections and comments matched first so tags inside them are skipped.
const ITEM_MARKUP =
  /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<(\/?)(?:[\w.-]+:)?(?:item|entry)(?=[\s>/])[^>]*?(\/?)>/gi;

/**
 * Where each item (`<item>` or `<entry>`, open tag to close tag) sits in the text, in document order; undefined when
 * the tags do not pair up, and the items cannot be told apart.
 */
export function locateItems(text: string): { start: number; end: number }[] | undefined {
  const blocks: { start: number; end: number }[] = [];
  let depth = 0;
  let start = 0;
  ITEM_MARKUP.lastIndex = 0;
  // Each match moves lastIndex forward (every alternative matches at least one character), so the loop ends.
  for (let match = ITEM_MARKUP.exec(text); match; match = ITEM_MARKUP.exec(text)) {
    if (match[0].startsWith("<!")) continue;
    const end = match.index + match[0].length;
    if (match[1] === "/") {
      if (depth === 0) return undefined;
      depth -= 1;
      if (depth === 0) blocks.push({ start, end });
    } else if (match[2] === "/") {
      if (depth === 0) blocks.push({ start: match.index, end });
    } else {
      if (depth === 0) start = match.index;
      depth += 1;
    }
  }
  return depth === 0 ? blocks : undefined;
}
