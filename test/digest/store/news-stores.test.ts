import { describe, expect, it } from "vitest";
import type { Article } from "../../../src/digest/index.js";
import { FeedStore } from "../../../src/digest/store/feed-store.js";
import { openNewsStores } from "../../../src/digest/store/news-stores.js";
import { openTestDatabase } from "../../helpers/test-database.js";

const T0 = Date.parse("2025-12-01T00:00:00Z");
const MINUTE = 60_000;

/** A development of `count` reports from `outlets` outlets in turn, one a minute, every fifth one a copy. */
function developmentWith(count: number, outlets: number) {
  const db = openTestDatabase();
  const feeds = new FeedStore(db);
  const news = openNewsStores(db);
  const feedIds = Array.from({ length: outlets }, (_, i) =>
    feeds.ensure({ url: `https://o${i}.example/rss`, publisher: `Outlet ${i}` }),
  );
  news.developments.ensure(1, T0);
  for (let n = 0; n < count; n += 1) {
    const article: Article = {
      id: `a${String(n).padStart(4, "0")}`,
      feedUrl: `https://o${n % outlets}.example/rss`,
      publisher: `Outlet ${n % outlets}`,
      url: `https://o${n % outlets}.example/${n}`,
      title: `Report ${n}`,
      text: `Text of report ${n}.`,
      lang: "es",
      publishedAt: T0 + n * MINUTE,
      developmentId: 1,
      copyOf: n % 5 === 4 ? `a${String(n - 1).padStart(4, "0")}` : null,
      actorIds: [],
      relevance: 1,
    };
    news.articles.insert(article, feedIds[n % outlets]!, T0);
  }
  return news.articles;
}

describe("a development's outline and newest reports", () => {
  it("counts every report and lists the outlets of its originals in order of their first report", () => {
    // Outlet 4's reports are all copies (every fifth report, with 5 outlets), so it is not an outlet of its own.
    const tally = developmentWith(200, 5).tallyOf(1)!;
    expect(tally).toEqual({
      articleCount: 200,
      firstSeen: T0,
      lastSeen: T0 + 199 * MINUTE,
      originals: 160,
      relevanceSum: 160,
      filedThrough: 200,
      publishers: [
        { publisher: "Outlet 0", publishedAt: T0, id: "a0000" },
        { publisher: "Outlet 1", publishedAt: T0 + MINUTE, id: "a0001" },
        { publisher: "Outlet 2", publishedAt: T0 + 2 * MINUTE, id: "a0002" },
        { publisher: "Outlet 3", publishedAt: T0 + 3 * MINUTE, id: "a0003" },
      ],
    });
  });

  it("gives the newest originals, oldest first, and nothing for a development without reports", () => {
    const store = developmentWith(200, 7);
    const latest = store.latestOriginals(1, 60);
    expect(latest).toHaveLength(60);
    expect(latest.every((article) => article.copyOf === null)).toBe(true);
    expect(latest.at(-1)!.id).toBe("a0198");
    expect(latest.map((a) => a.publishedAt)).toEqual([...latest.map((a) => a.publishedAt)].sort((a, b) => a - b));
    expect(store.tallyOf(2)).toBeUndefined();
    expect(store.latestOriginals(2, 60)).toEqual([]);
  });
});

describe("the developments most about an actor", () => {
  it("lists the events an actor is at the centre of before newer ones that name it in passing, newest first", () => {
    const db = openTestDatabase();
    const feedId = new FeedStore(db).ensure({ url: "https://o.example/rss", publisher: "Outlet" });
    const news = openNewsStores(db);
    let serial = 0;
    const report = (developmentId: number, at: number, actorIds: string[]) => {
      news.developments.ensure(developmentId, at);
      const n = serial++;
      news.articles.insert(
        {
          id: `r${n}`,
          feedUrl: "https://o.example/rss",
          publisher: "Outlet",
          url: `https://o.example/${n}`,
          title: `Report ${n}`,
          text: `Text ${n}.`,
          lang: "es",
          publishedAt: at,
          developmentId,
          copyOf: null,
          actorIds,
          relevance: 1,
        },
        feedId,
        at,
      );
    };
    // Development 1 is about Glas (three reports name him); 2 to 11, newer, each name him once among others.
    for (let i = 0; i < 3; i += 1) report(1, T0 + i * MINUTE, ["glas"]);
    for (let d = 2; d <= 11; d += 1) report(d, T0 + d * 60 * MINUTE, ["glas", "noboa"]);
    report(12, T0 + 20 * 60 * MINUTE, ["noboa"]);
    const about = news.mentions.mostAbout("glas", T0 + 30 * 60 * MINUTE, 4).map((development) => development.id);
    expect(about).toHaveLength(4);
    expect(about).toContain(1);
    expect(about).not.toContain(12);
    expect(about.at(-1)).toBe(1); // the oldest comes last
    expect(about.slice(0, 3)).toEqual([11, 10, 9]);
  });
});
