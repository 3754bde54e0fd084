import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLive, Hilo, loadStoryPack, openDatabase, RecordingLogger } from "../../../src/digest/index.js";
import { STORY_DIR } from "../../helpers/demo-hilo.js";
import { FakeClock } from "../../helpers/fake-clock.js";
import { FeedServer } from "../../helpers/feed-server.js";
import { RecordingNotifier } from "../../helpers/recording-notifier.js";

const pack = loadStoryPack(STORY_DIR);
const NOW = Date.parse("2025-12-12T08:00:00Z");
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let server: FeedServer;
beforeAll(async () => {
  server = await FeedServer.start();
});
afterAll(async () => {
  await server.close();
});

/** A Hilo with no news yet, one chat subscribed a day ago for 08:00 UTC, and the live path over one feed on the test server. */
function world() {
  const db = openDatabase(":memory:");
  const log = new RecordingLogger();
  const clock = new FakeClock(NOW);
  const hilo = new Hilo({ db, pack, log, digestChars: 3500, wallClock: () => clock.now() });
  const notifier = new RecordingNotifier(clock);
  const chat = hilo.chats.ensure({ platform: notifier.platform, chatId: "c1" }, "es", NOW - DAY, "private");
  hilo.subscriptions.subscribe(chat.id, { digestAt: "08:00", timeZone: "UTC" }, NOW - DAY);
  const live = createLive({
    hilo,
    db,
    pack,
    log,
    feeds: [{ url: server.url("/live/caribe"), publisher: "Diario Caribe", lang: "es" }],
    notifiers: [notifier],
    clock,
    digestBudget: 3500,
    poller: { allowPrivate: { kind: "all" } },
    limits: { privateGapMs: 0, groupGapMs: 0 },
  });
  return { hilo, live, notifier };
}

describe("the live path, built once by createLive", () => {
  it("takes a feed's news to a subscribed chat in one tick, and sends nothing twice on the next", async () => {
    server.serve("/live/caribe", {
      kind: "feed",
      body: readFileSync(join(STORY_DIR, "demo", "diario-caribe.xml")),
    });
    const { hilo, live, notifier } = world();

    const first = await live.tick(NOW);
    expect(first.polled.feeds.map((feed) => feed.outcome)).toEqual(["fresh"]);
    expect(first.polled.added).toBeGreaterThan(0);
    expect(
      { articles: hilo.pipeline.articles.count(), developments: hilo.pipeline.developments.count() }.articles,
    ).toBe(first.polled.added);
    expect(first.scheduled.digests).toBe(1);
    expect(first.drained.sent).toBe(notifier.sent.length);
    const digest = notifier.sent.find((call) => call.message.kind === "digest");
    expect(digest?.target.chatId).toBe("c1");
    expect(digest?.message.reply.kind).toBe("digest");

    // The feed is not due again for its interval, and the digest was sent: the next minute does nothing.
    const second = await live.tick(NOW + MINUTE);
    expect(second.polled.feeds).toEqual([]);
    expect(second.scheduled).toEqual({ digests: 0, alerts: 0, updates: 0, heldBack: 0 });
    expect(second.drained.sent).toBe(0);
  });
});
