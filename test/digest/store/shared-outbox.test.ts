import { describe, expect, it } from "vitest";
import { deliveryWorldOn } from "../../helpers/delivery-world.js";
import { FakeClock } from "../../helpers/fake-clock.js";
import { answer, RecordingNotifier } from "../../helpers/recording-notifier.js";
import { openSharedTestDatabases } from "../../helpers/test-database.js";

const SECOND = 1000;
const FAST = { messagesPerSecond: 1000, privateGapMs: 10 };

/** Two replicas' delivery worlds on one database (one connection each), one clock and one platform between them. */
function twoReplicas() {
  const [first, second] = openSharedTestDatabases(2);
  const clock = new FakeClock();
  const platform = new RecordingNotifier(clock);
  return { clock, platform, a: deliveryWorldOn(first!, clock, platform), b: deliveryWorldOn(second!, clock, platform) };
}

/** Lets promises run until `done` holds (bounded: a test that never gets there fails rather than spins). */
async function until(done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 10_000 && !done(); turn += 1) await Promise.resolve();
  expect(done()).toBe(true);
}

describe("one outbox, senders of several replicas", () => {
  it("delivers each row once, each chat's rows in order, the chats shared between the senders", async () => {
    const { platform, a, b } = twoReplicas();
    const expected = new Map<string, string[]>();
    for (let i = 0; i < 60; i += 1) {
      const chatId = String(1000 + i);
      const chat = a.addChat(chatId);
      expected.set(chatId, [a.digest(chat, "2025-12-09"), a.digest(chat, "2025-12-10"), a.digest(chat, "2025-12-11")]);
    }
    const senderA = a.sender(FAST, { holder: "replica-a" });
    const senderB = b.sender(FAST, { holder: "replica-b" });

    const [byA, byB] = await Promise.all([senderA.drain(), senderB.drain()]);

    expect(byA.sent + byB.sent).toBe(180);
    expect(byA.sent).toBeGreaterThan(0);
    expect(byB.sent).toBeGreaterThan(0);
    for (const [chatId, keys] of expected) {
      const titles = platform
        .sentTo(chatId)
        .map((call) => (call.message.reply.kind === "digest" ? call.message.reply.digest.title : "?"));
      expect(titles, `chat ${chatId}`).toEqual(keys);
    }
    expect(a.outbox.depth()).toBe(0);
  });

  it("leaves a dead sender's chat alone until its claim expires, then sends the row it died sending, once", async () => {
    const { clock, platform, a, b } = twoReplicas();
    const held = a.addChat("500");
    const free = a.addChat("501");
    const interrupted = a.digest(held, "2025-12-10");
    const next = a.digest(held, "2025-12-11");
    const other = a.digest(free);
    // A replica claimed chat 500 and died in the middle of sending its first row.
    const now = clock.now();
    expect(
      a.outbox.claimChats({ holder: "dead", at: now, until: now + 60 * SECOND, dueBy: now, after: 0, limit: 1 }),
    ).toEqual([{ chatRef: held, lastSendEnd: undefined }]);
    const [first] = a.outbox.dueOf(held, now);
    expect(a.outbox.markSending(first!.id, now, "dead")).toBe(true);

    const survivor = b.sender(FAST, { holder: "survivor", claimMs: 60 * SECOND });
    clock.advance(SECOND);
    const before = await survivor.drain();
    expect(before).toMatchObject({ sent: 1, resumed: 0 });
    expect(platform.sentTo("500")).toEqual([]);
    expect(b.outbox.statusOf(interrupted)).toBe("sending");

    clock.advance(60 * SECOND);
    const after = await survivor.drain();
    expect(after).toMatchObject({ sent: 2, resumed: 1 });
    expect(
      platform.sentTo("500").map((call) => call.message.reply.kind === "digest" && call.message.reply.digest.title),
    ).toEqual([interrupted, next]);
    expect(platform.sentTo("501")).toHaveLength(1);
    expect(b.outbox.statusOf(other)).toBe("sent");
    expect(b.log.entries).toContainEqual({
      level: "warn",
      message: "delivery interrupted by a restart; sending it again, the chat may get it twice",
      fields: { key: interrupted, chatRef: held },
    });
  });

  it("a sender stalled past its claim finds the chat taken and sends nothing more to it", async () => {
    const { clock, platform, a, b } = twoReplicas();
    const chat = a.addChat("700");
    const key = a.digest(chat);
    // Replica A's send is answered "retry in 90 s", which it waits out in place; its claim lasts 30 s.
    platform.scriptChat("700", answer.rateLimited(90 * SECOND));
    const stalled = a.sender({ ...FAST, maxRetryWaitMs: 120 * SECOND }, { holder: "stalled", claimMs: 30 * SECOND });
    const draining = stalled.drain();
    await until(() => platform.calls.length === 1);
    await until(() => b.outbox.nextAttemptOf(key)! > clock.now());

    // Replica B comes by after the wait: the claim has expired and the row is due; it claims the chat and sends.
    clock.advance(95 * SECOND);
    const taker = b.sender(FAST, { holder: "taker", claimMs: 30 * SECOND });
    const [byStalled, byTaker] = await Promise.all([draining, taker.drain()]);

    expect(byTaker.sent).toBe(1);
    expect(byStalled).toMatchObject({ sent: 0, deferred: 1 });
    expect(platform.sentTo("700")).toHaveLength(1);
    expect(a.log.entries).toContainEqual({
      level: "warn",
      message: "a chat's claim was lost before a send; leaving the chat to the sender that holds it",
      fields: { key, chatRef: chat },
    });
  });

  it("keeps the gap between two sends to one chat when different replicas make them", async () => {
    const { clock, platform, a, b } = twoReplicas();
    const chat = a.addChat("800");
    a.digest(chat, "2025-12-10");
    await a.sender(FAST, { holder: "first" }).drain();
    const firstAt = platform.sentTo("800")[0]!.at;
    a.digest(chat, "2025-12-11");
    await b.sender({ ...FAST, privateGapMs: 5 * SECOND }, { holder: "second" }).drain();
    const secondAt = platform.sentTo("800")[1]!.at;
    expect(secondAt - firstAt).toBeGreaterThanOrEqual(5 * SECOND);
    expect(clock.now()).toBe(secondAt);
  });
});
