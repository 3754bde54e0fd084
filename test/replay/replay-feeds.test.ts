import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { articlesWithActors } from "../../eval/articles-with-actors.js";
import { loadStoryPack } from "../../src/digest/index.js";
import { type Replay, type ReplayOptions, ReplayRangeError, replayFeeds } from "../../src/replay/replay-feeds.js";
import { STORY_DIR } from "../helpers/demo-hilo.js";
import { LEDGER, WIRE } from "../helpers/replay-story.js";
import { newestFirst, rss, type TestItem, writeFeed } from "../helpers/write-feed.js";

const dir = mkdtempSync(join(tmpdir(), "hilo-replay-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pack = loadStoryPack(STORY_DIR);
const CARACAS = { digestAt: "08:00", timeZone: "America/Caracas" };

const opened: Replay[] = [];
afterEach(() => {
  for (const replay of opened.splice(0)) replay.db.close();
});

async function replay(files: string[], options: Partial<ReplayOptions> = {}): Promise<Replay> {
  const result = await replayFeeds({ files, pack, subscribe: CARACAS, ...options });
  opened.push(result);
  return result;
}

const wire = (items: readonly TestItem[] = WIRE) => writeFeed(dir, "wire.xml", rss("Andes Wire", items));
const ledger = (items: readonly TestItem[] = LEDGER) => writeFeed(dir, "ledger.xml", rss("Capital Ledger", items));
const kinds = (result: Replay, kind: string) => result.events.filter((event) => event.kind === kind);
const iso = (at: number) => new Date(at).toISOString();

describe("replayFeeds", () => {
  it("alerts once when a second outlet reports the event, at the first poll after its report", async () => {
    const result = await replay([wire(WIRE.slice(3)), ledger(LEDGER.slice(2))]);
    const alerts = kinds(result, "alert");
    expect(alerts).toHaveLength(1);
    // The replay starts a minute before the first report (14:00) and polls every 15 minutes; the second came at 14:30.
    expect(iso(alerts[0]!.at)).toBe("2025-12-09T14:44:00.000Z");
    expect(alerts[0]!.developmentIds).toHaveLength(1);
    expect(result.problems).toEqual([]);
  });

  it("sends no second alert for a rewrite of the event the next day", async () => {
    const result = await replay([wire(WIRE.slice(2)), ledger(LEDGER.slice(2))]);
    const alerts = kinds(result, "alert");
    expect(alerts).toHaveLength(1);
    for (const update of kinds(result, "update")) expect(update.developmentIds).toEqual(alerts[0]!.developmentIds);
  });

  it("alerts again for a distinct event a week later, and never for the oil report beside it, which is off the story", async () => {
    const result = await replay([wire(), ledger()]);
    const alerts = kinds(result, "alert");
    expect(alerts.map((alert) => iso(alert.at))).toEqual(["2025-12-09T14:44:00.000Z", "2025-12-16T13:44:00.000Z"]);
    expect(alerts[1]!.developmentIds).not.toEqual(alerts[0]!.developmentIds);
    expect(alerts[1]!.reply.kind === "alert" && alerts[1]!.reply.alert.headline).toMatch(/tanker/);
    const oil = articlesWithActors(result.hilo.pipeline).find((article) => /barrels/.test(article.title))!;
    expect(result.events.some((event) => event.developmentIds.includes(oil.developmentId))).toBe(false);
  });

  it("sends the digest at 08:00 Caracas time on the days after news, and nothing on quiet days", async () => {
    const result = await replay([wire(), ledger()]);
    const digests = kinds(result, "digest");
    // 08:00 in Caracas is 12:00 UTC; Dec 12–16 brought nothing new, so no digest then.
    expect(digests.map((digest) => iso(digest.at))).toEqual([
      "2025-12-10T12:00:00.000Z",
      "2025-12-11T12:00:00.000Z",
      "2025-12-17T12:00:00.000Z",
    ]);
    const [belarus, tanker] = kinds(result, "alert");
    expect(digests[0]!.developmentIds).toContain(belarus!.developmentIds[0]);
    expect(digests[2]!.developmentIds).toEqual(tanker!.developmentIds);
  });

  it("keeps the database open with the replayed articles for the caller", async () => {
    const result = await replay([wire(), ledger()]);
    expect(result.feeds.map((feed) => [feed.publisher, feed.items])).toEqual([
      ["Andes Wire", 4],
      ["Capital Ledger", 3],
    ]);
    expect(result.hilo.pipeline.articles.latestPublishedAt()).toBe(Date.parse("2025-12-16T15:30:00Z"));
    expect(result.db.prepare("SELECT 1").pluck().get()).toBe(1);
  });

  it("says an empty feed has no items and replays the others", async () => {
    const empty = writeFeed(dir, "empty.xml", rss("Nobody", []));
    const result = await replay([empty, wire(), ledger()]);
    expect(result.problems).toEqual([`${empty}: no items; skipped`]);
    expect(kinds(result, "alert")).toHaveLength(2);
  });

  it("says how undated items are placed in time and replays them", async () => {
    const undated = {
      id: "ledger-undated",
      title: "Maduro's ally Lukashenko hosts Venezuelan ambassador",
      text: "No date on this one.",
      at: undefined,
    };
    const path = writeFeed(dir, "undated.xml", rss("Capital Ledger", [LEDGER[0]!, LEDGER[1]!, undated, LEDGER[2]!]));
    const result = await replay([wire(), path]);
    expect(result.problems).toEqual([
      `${path}: 1 item has no date; each is replayed at the time of the next dated item listed after it (at the end of the file, of the one before it)`,
    ]);
    expect(kinds(result, "alert")).toHaveLength(2);
    expect(result.feeds[1]!.items).toBe(4);
  });

  it("skips a feed none of whose items has a date, saying so", async () => {
    const path = writeFeed(
      dir,
      "dateless.xml",
      rss(
        "Dateless",
        LEDGER.map((item) => ({ ...item, at: undefined })),
      ),
    );
    const result = await replay([wire(), ledger(), path]);
    expect(result.problems).toEqual([
      `${path}: none of its 3 items has a date, so they cannot be placed in time; skipped`,
    ]);
    expect(kinds(result, "alert")).toHaveLength(2);
  });

  it("replays a feed listed oldest first by its dates, saying so", async () => {
    const path = writeFeed(dir, "oldest-first.xml", rss("Capital Ledger", [...newestFirst(LEDGER)].reverse()));
    const result = await replay([wire(), path]);
    expect(result.problems).toEqual([`${path}: items are not listed newest first; replayed by their dates`]);
    expect(kinds(result, "alert").map((alert) => iso(alert.at))).toEqual([
      "2025-12-09T14:44:00.000Z",
      "2025-12-16T13:44:00.000Z",
    ]);
  });

  it("says a file that is not a feed cannot be read, and replays the others", async () => {
    const page = join(dir, "page.html");
    writeFileSync(page, "<!doctype html><html><body>Not a feed</body></html>");
    const result = await replay([page, wire(), ledger()]);
    expect(result.problems).toEqual([
      `${page}: cannot be read as a feed: not-a-feed: the body is an HTML page, not a feed; check the feed URL; skipped`,
    ]);
    expect(kinds(result, "alert")).toHaveLength(2);
  });

  it("says a file that does not exist cannot be read, and replays the others", async () => {
    const missing = join(dir, "missing.xml");
    const result = await replay([wire(), missing, ledger()]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(
      new RegExp(
        `^${missing.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: cannot be read as a feed: read: ENOENT.*; skipped$`,
      ),
    );
    expect(kinds(result, "alert")).toHaveLength(2);
  });

  it("replays nothing and reports every file when none can be read", async () => {
    const empty = writeFeed(dir, "empty.xml", rss("Nobody", []));
    const result = await replay([empty]);
    expect(result.feeds).toEqual([]);
    expect(result.events).toEqual([]);
    expect(result.problems).toHaveLength(1);
  });

  it("starts and ends where asked: a chat that subscribes after the first event hears only of the second", async () => {
    const result = await replay([wire(), ledger()], {
      from: Date.parse("2025-12-12T00:00:00Z"),
      to: Date.parse("2025-12-17T00:00:00Z"),
    });
    // Polls fall every 15 minutes from midnight, so the second tanker report (13:30) is read the moment it appears.
    expect(kinds(result, "alert").map((alert) => iso(alert.at))).toEqual(["2025-12-16T13:30:00.000Z"]);
    expect(kinds(result, "digest")).toEqual([]);
  });

  it("refuses to replay more than a year at once", async () => {
    await expect(replay([wire()], { from: Date.parse("2020-01-01T00:00:00Z") })).rejects.toThrow(ReplayRangeError);
  });

  it("replays the bundled demo story and alerts at least once", { timeout: 60_000 }, async () => {
    const result = await replay(
      pack.demoFeeds.map((feed) => feed.path),
      { subscribe: undefined },
    );
    expect(result.feeds).toHaveLength(pack.demoFeeds.length);
    expect(kinds(result, "alert").length).toBeGreaterThan(0);
    expect(kinds(result, "digest").length).toBeGreaterThan(0);
    for (const event of result.events) expect(event.developmentIds.length).toBeGreaterThan(0);
  });
});
