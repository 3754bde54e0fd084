import { describe, expect, it } from "vitest";
import { renderReply } from "../../../src/adapters/console/render.js";
import { parseCommand } from "../../../src/digest/commands/parse-command.js";
import { CommandRunner } from "../../../src/digest/commands/run-command.js";
import { en } from "../../../src/digest/i18n/en.js";
import { es } from "../../../src/digest/i18n/es.js";
import { loadStoryPack, Pipeline, silentLogger } from "../../../src/digest/index.js";
import { ChatStore } from "../../../src/digest/store/chat-store.js";
import { SubscriptionStore } from "../../../src/digest/store/subscription-store.js";
import { STORY_DIR } from "../../helpers/demo-hilo.js";
import { openTestDatabase } from "../../helpers/test-database.js";

const pack = loadStoryPack(STORY_DIR);
const NOW = Date.parse("2025-12-12T12:00:00Z");

/** A runner over a database with one healthy feed, one failing and one disabled. */
function runnerWithFeeds() {
  const db = openTestDatabase();
  const pipeline = new Pipeline(db, pack, silentLogger);
  const feeds = pipeline.feeds;
  const good = feeds.ensure({ url: "https://caribe.example.org/rss", publisher: "Diario Caribe", lang: "es" });
  feeds.recordSuccess(good, NOW - 60 * 60_000, "Diario Caribe", 12);
  const failing = feeds.ensure({ url: "https://ledger.example.org/rss", publisher: "Capital Ledger", lang: "en" });
  feeds.recordSuccess(failing, NOW - 2 * 60 * 60_000, "Capital Ledger", 3);
  feeds.recordFailure(failing, NOW, { reason: "timeout", detail: "no complete answer within 20 s" });
  const disabled = feeds.ensure({ url: "https://sur.example.org/rss", publisher: "Noticias del Sur", lang: "es" });
  feeds.recordFailure(disabled, NOW - 25 * 60 * 60_000, { reason: "http", detail: "HTTP 500 Internal Server Error" });
  feeds.disable(disabled, NOW);
  const chats = new ChatStore(db);
  const runner = new CommandRunner({
    pack,
    developments: pipeline.developments,
    articles: pipeline.articles,
    mentions: pipeline.mentions,
    search: pipeline.search,
    chats,
    now: () => NOW,
    digestBudget: 3500,
    subscriptions: new SubscriptionStore(db),
    wallClock: () => NOW,
    feeds,
  });
  return { runner, chat: (lang: "es" | "en") => chats.ensure({ platform: "test", chatId: lang }, lang, NOW) };
}

describe("/sources", () => {
  it("takes no argument", () => {
    expect(parseCommand("/sources")).toEqual({ ok: true, command: { name: "sources" } });
    expect(parseCommand("/sources bbc")).toEqual({
      ok: false,
      problem: { kind: "unexpected-argument", name: "sources", argument: "bbc", example: "/sources" },
    });
  });

  it("lists each feed with its state, last good read in the story's zone, items and current error", () => {
    const { runner, chat } = runnerWithFeeds();
    const reply = runner.run({ name: "sources" }, chat("en"));
    expect(reply).toEqual({
      kind: "feeds",
      title: "Sources",
      empty: undefined,
      feeds: [
        {
          publisher: "Capital Ledger",
          state: "failing",
          stateLabel: "failing",
          detail: "last good read: 12 Dec 06:00 · 3 articles",
          error: "last error (12 Dec 08:00): timeout: no complete answer within 20 s",
        },
        {
          publisher: "Diario Caribe",
          state: "active",
          stateLabel: "active",
          detail: "last good read: 12 Dec 07:00 · 12 articles",
          error: undefined,
        },
        {
          publisher: "Noticias del Sur",
          state: "disabled",
          stateLabel: "disabled (retried daily)",
          detail: "last good read: never · 0 articles",
          error: "last error (11 Dec 07:00): http: HTTP 500 Internal Server Error",
        },
      ],
    });
    // As the console prints it: no pre-formatted line left the core, the adapter laid it out.
    expect(renderReply(reply).split("\n")).toEqual([
      "Sources",
      "· Capital Ledger — failing · last good read: 12 Dec 06:00 · 3 articles",
      "  last error (12 Dec 08:00): timeout: no complete answer within 20 s",
      "· Diario Caribe — active · last good read: 12 Dec 07:00 · 12 articles",
      "· Noticias del Sur — disabled (retried daily) · last good read: never · 0 articles",
      "  last error (11 Dec 07:00): http: HTTP 500 Internal Server Error",
    ]);
  });

  it("answers in Spanish too", () => {
    const { runner, chat } = runnerWithFeeds();
    const reply = runner.run({ name: "sources" }, chat("es"));
    const text = renderReply(reply);
    expect(text).toContain("· Capital Ledger — con fallos · última lectura buena: 12 dic 06:00 · 3 artículos");
    expect(text).toContain(
      "· Noticias del Sur — desactivada (la reintento cada día) · última lectura buena: nunca · 0 artículos",
    );
  });

  it("is in the help in both languages", () => {
    expect(es.help("X")).toContain("/sources");
    expect(en.help("X")).toContain("/sources");
  });
});
