import { describe, expect, it } from "vitest";
import { feedSnapshots, locateItems } from "../../src/replay/feed-snapshots.js";
import { serveSnapshots } from "../../src/replay/serve-snapshots.js";
import { LEDGER as STORY } from "../helpers/replay-story.js";
import { rss } from "../helpers/write-feed.js";

const NOW = Date.parse("2026-01-01T00:00:00Z");
const bytes = (text: string) => Buffer.from(text, "utf8");
// Two reports a week apart: the oil report (newest, listed first) and the Belarus one.
const LEDGER = [STORY[0]!, STORY[2]!];
const FIRST = Date.parse(LEDGER[1]!.at!);
const SECOND = Date.parse(LEDGER[0]!.at!);

const ATOM = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Andean Observer</title>
  <id>tag:observer.example.org,2025:feed</id>
  <updated>2025-12-10T10:00:00Z</updated>
  <entry>
    <title>Kremlin confirms Putin called Maduro</title>
    <id>tag:observer.example.org,2025:b</id>
    <link href="https://observer.example.org/b"/>
    <published>2025-12-10T10:00:00Z</published>
    <summary>Putin backed Maduro's government in a call.</summary>
  </entry>
  <entry>
    <title>Lukashenko welcomes Maduro</title>
    <id>tag:observer.example.org,2025:a</id>
    <link href="https://observer.example.org/a"/>
    <published>2025-12-09T10:00:00Z</published>
    <summary><![CDATA[Text that mentions <entry> and </entry> tags.]]></summary>
  </entry>
</feed>`;

describe("feed snapshots", () => {
  it("serves a feed with only the items published by then, keeping head and tail", async () => {
    const { feed, problems } = await feedSnapshots("ledger.xml", bytes(rss("Capital Ledger", LEDGER)), NOW);
    expect(problems).toEqual([]);
    expect(feed!.title).toBe("Capital Ledger");
    expect(feed!.snapshotAt(FIRST - 1).items).toBe(0);
    const first = feed!.snapshotAt(FIRST);
    expect(first.items).toBe(1);
    expect(first.text).toContain(LEDGER[1]!.title);
    expect(first.text).not.toContain(LEDGER[0]!.title);
    expect(first.text).toMatch(/<title>Capital Ledger<\/title>[\s\S]*<\/channel><\/rss>/);
    expect(feed!.snapshotAt(SECOND).items).toBe(2);
  });

  it("cuts Atom entries apart without being fooled by tags inside CDATA", async () => {
    const { feed, problems } = await feedSnapshots("observer.xml", bytes(ATOM), NOW);
    expect(problems).toEqual([]);
    expect(locateItems(ATOM)).toHaveLength(2);
    const early = feed!.snapshotAt(Date.parse("2025-12-09T12:00:00Z"));
    expect(early.items).toBe(1);
    expect(early.text).toContain("Lukashenko welcomes Maduro");
    expect(early.text).not.toContain("Kremlin confirms");
  });

  it("answers 'unchanged' until a new item appears, as a conditional GET would", async () => {
    const { feed } = await feedSnapshots("ledger.xml", bytes(rss("Capital Ledger", LEDGER)), NOW);
    const fetch = serveSnapshots(new Map([["ledger.xml", feed!]]));
    expect((await fetch({ url: "ledger.xml" }, { now: FIRST - 1 })).kind).toBe("unchanged");
    const fresh = await fetch({ url: "ledger.xml" }, { now: FIRST });
    if (fresh.kind !== "fresh") throw new Error(`expected a fresh read, got ${fresh.kind}`);
    expect((await fetch({ url: "ledger.xml", etag: fresh.etag }, { now: SECOND - 1 })).kind).toBe("unchanged");
    expect((await fetch({ url: "ledger.xml", etag: fresh.etag }, { now: SECOND })).kind).toBe("fresh");
  });

  it("replays the whole file at its newest item's time when its items and the parser's do not match", async () => {
    // The parser drops an item with neither title nor text, so three items in the text become two read.
    const text = rss("Capital Ledger", LEDGER).replace("</channel>", "<item><guid>blank</guid></item>\n</channel>");
    const { feed, problems } = await feedSnapshots("blank.xml", bytes(text), NOW);
    expect(problems).toEqual([
      "blank.xml: 3 items were found in the text but 2 read; the whole file is replayed at the time of its newest item",
    ]);
    expect(feed!.snapshotAt(SECOND - 1).items).toBe(0);
    expect(feed!.snapshotAt(SECOND).text).toBe(text);
  });

  it("tells no items apart when the tags do not pair up", () => {
    expect(locateItems("<rss><channel><item><title>a</title></channel></rss>")).toBeUndefined();
    expect(locateItems("<rss><channel></item></channel></rss>")).toBeUndefined();
  });
});
