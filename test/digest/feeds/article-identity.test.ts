import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { articleIdentity, type RawItem } from "../../../src/digest/feeds/article-identity.js";

const FEED = "https://feeds.example.com/rss";
const sha256 = (key: string) => createHash("sha256").update(key).digest("hex");

const items: RawItem[] = [
  { guid: "g-1", link: "https://example.com/a", title: "Talks resume", date: "Tue, 09 Dec 2025 08:00:00 GMT" },
  { guid: "g-2", link: "https://example.com/b", title: "Rationing ends", date: "Tue, 09 Dec 2025 09:00:00 GMT" },
];

describe("articleIdentity", () => {
  it("keys items by guid when every guid is present and unique", () => {
    expect(articleIdentity(FEED, items)).toEqual([sha256(`guid:${FEED}:g-1`), sha256(`guid:${FEED}:g-2`)]);
  });

  it("gives the same ids when the same feed is read twice", () => {
    expect(articleIdentity(FEED, items)).toEqual(articleIdentity(FEED, structuredClone(items)));
  });

  it("gives different ids to the same guid in two different feeds", () => {
    expect(articleIdentity(FEED, items)[0]).not.toBe(articleIdentity("https://other.example.com/rss", items)[0]);
  });

  it("falls back to links for the whole feed when all items share one guid", () => {
    const shared = items.map((item) => ({ ...item, guid: "https://example.com/" }));
    expect(articleIdentity(FEED, shared)).toEqual([
      sha256(`link:${FEED}:https://example.com/a`),
      sha256(`link:${FEED}:https://example.com/b`),
    ]);
  });

  it("falls back to links for the whole feed when one guid is blank", () => {
    const blank = [items[0]!, { ...items[1]!, guid: "  " }];
    expect(articleIdentity(FEED, blank)[0]).toBe(sha256(`link:${FEED}:https://example.com/a`));
  });

  it("falls back to title and date when guids and links both repeat", () => {
    const repeated = items.map((item) => ({ ...item, guid: "", link: "https://example.com/" }));
    expect(articleIdentity(FEED, repeated)).toEqual([
      sha256(`title-date:${FEED}:Talks resume|Tue, 09 Dec 2025 08:00:00 GMT`),
      sha256(`title-date:${FEED}:Rationing ends|Tue, 09 Dec 2025 09:00:00 GMT`),
    ]);
  });

  it("falls back item by item when no kind works for the whole feed, and still gives distinct ids", () => {
    const mixed: RawItem[] = [
      { guid: "x", title: "Same", date: "d" },
      { guid: "x", title: "Same", date: "d" },
      { guid: "unique", title: "Other", date: "d" },
    ];
    const ids = articleIdentity(FEED, mixed);
    expect(new Set(ids).size).toBe(3);
    expect(ids[2]).toBe(sha256(`guid:${FEED}:unique`));
    expect(ids[0]).toBe(sha256(`title-date-rank:${FEED}:Same|d#0`));
  });

  it("returns 64-digit SHA-256 hex ids", () => {
    for (const id of articleIdentity(FEED, items)) expect(id).toMatch(/^[0-9a-f]{64}$/);
  });
});
