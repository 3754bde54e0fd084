import { createHash } from "node:crypto";

/** The fields of one feed item that can identify it, as the feed gave them. */
export interface RawItem {
  guid?: string;
  /** Prefer the canonical URL, so rotating tracking parameters don't make a new article. */
  link?: string | null;
  title?: string;
  /** The date string exactly as the feed wrote it. */
  date?: string;
}

/** Which field a feed's identity keys come from. */
export type IdentityKind = "guid" | "link" | "title-date";

const KINDS: readonly IdentityKind[] = ["guid", "link", "title-date"];

/**
 * One id per item (SHA-256 hex of `<kind>:<feed>:<value>`), stable across polls of the same feed.
 * The whole feed uses the first kind that is present and unique for every item, because feeds with
 * broken GUIDs (all equal, or blank) are common; when no kind works, each item falls back on its own.
 */
export function articleIdentity(feed: string, items: readonly RawItem[]): string[] {
  const kind = KINDS.find((candidate) => isUsableKind(items.map((item) => keyValue(item, candidate))));
  const keys = kind ? items.map((item) => `${kind}:${feed}:${keyValue(item, kind)}`) : fallbackKeys(feed, items);
  return keys.map((key) => createHash("sha256").update(key).digest("hex"));
}

function keyValue(item: RawItem, kind: IdentityKind): string {
  switch (kind) {
    case "guid":
      return item.guid?.trim() ?? "";
    case "link":
      return item.link?.trim() ?? "";
    case "title-date": {
      const title = item.title?.trim() ?? "";
      return title === "" ? "" : `${title}|${item.date?.trim() ?? ""}`;
    }
  }
}

function isUsableKind(values: readonly string[]): boolean {
  return values.every((value) => value !== "") && new Set(values).size === values.length;
}

/**
 * Per item: the first kind whose value is present and unique in this feed. Last resort, title+date
 * plus the item's rank among items with that same title+date; stable only while those duplicates keep
 * their order, so a reordered feed may show such an item twice.
 */
function fallbackKeys(feed: string, items: readonly RawItem[]): string[] {
  const counts = new Map<string, number>();
  for (const item of items) {
    for (const kind of KINDS) {
      const key = `${kind}:${keyValue(item, kind)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const seen = new Map<string, number>();
  return items.map((item) => {
    const unique = KINDS.find(
      (kind) => keyValue(item, kind) !== "" && counts.get(`${kind}:${keyValue(item, kind)}`) === 1,
    );
    if (unique) return `${unique}:${feed}:${keyValue(item, unique)}`;
    const base = `${item.title?.trim() ?? ""}|${item.date?.trim() ?? ""}`;
    const rank = seen.get(base) ?? 0;
    seen.set(base, rank + 1);
    return `title-date-rank:${feed}:${base}#${rank}`;
  });
}
