import { describe, expect, it } from "vitest";
import { backoffDelay } from "../../../src/digest/notify/sender.js";
import { alertMessage, deliveryWorld } from "../../helpers/delivery-world.js";
import { answer } from "../../helpers/recording-notifier.js";

const SECOND = 1_000;

describe("pacing", () => {
  it("never sends more than 25 messages in any second across chats", async () => {
    const world = deliveryWorld();
    const chats = ["a", "b", "c"].map((chatId) => world.addChat(chatId));
    for (let day = 1; day <= 20; day += 1) for (const chat of chats) world.digest(chat, `2025-12-${day}`);
    const start = world.clock.now();

    const report = await world.sender({ messagesPerSecond: 25, privateGapMs: 0, groupGapMs: 0 }).drain();

    expect(report.sent).toBe(60);
    const times = world.notifier.sent.map((call) => call.at);
    for (let i = 25; i < times.length; i += 1) expect(times[i]! - times[i - 25]!).toBeGreaterThanOrEqual(SECOND);
    // 60 messages at 25/s: the last leaves 59 × 40 ms after the first, and not much later.
    expect(times.at(-1)! - start).toBeGreaterThanOrEqual(2_360);
    expect(times.at(-1)! - start).toBeLessThan(2_400);
  });

  it("leaves 3 s between messages to one group and 1 s in a private chat, serving the chats side by side", async () => {
    const world = deliveryWorld();
    const groups = [world.addChat("-1", "group"), world.addChat("-2", "group")];
    const person = world.addChat("7", "private");
    for (let day = 1; day <= 4; day += 1) for (const chat of [...groups, person]) world.digest(chat, `2025-12-${day}`);
    const start = world.clock.now();

    await world.sender().drain();

    const gaps = (chatId: string) => {
      const times = world.notifier.sentTo(chatId).map((call) => call.at);
      return times.slice(1).map((time, i) => time - times[i]!);
    };
    for (const group of ["-1", "-2"]) {
      expect(gaps(group)).toHaveLength(3);
      for (const gap of gaps(group)) expect(gap).toBeGreaterThanOrEqual(3 * SECOND);
    }
    for (const gap of gaps("7")) expect(gap).toBeGreaterThanOrEqual(SECOND);
    // One group after another would take 18 s; side by side it is the three gaps of one group.
    expect(world.notifier.sent.at(-1)!.at - start).toBeLessThan(9.2 * SECOND);
  });

  it("keeps the gap to a chat from one drain to the next", async () => {
    const world = deliveryWorld();
    const group = world.addChat("-1", "group");
    world.digest(group, "2025-12-11");
    const sender = world.sender();
    await sender.drain();
    world.digest(group, "2025-12-12");
    await sender.drain();
    const [first, second] = world.notifier.sentTo("-1");
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(3 * SECOND);
  });
});

describe("rate limits from the platform", () => {
  it("waits exactly the retry_after of a short 429 and then sends the message once", async () => {
    const world = deliveryWorld();
    const key = world.digest(world.addChat("a"));
    world.notifier.scriptChat("a", answer.rateLimited(700));

    const report = await world.sender().drain();

    const calls = world.notifier.calls.filter((call) => call.target.chatId === "a");
    expect(calls.map((call) => (call.outcome === "threw" ? "threw" : call.outcome.kind))).toEqual([
      "rate-limited",
      "sent",
    ]);
    expect(calls[1]!.at - calls[0]!.at).toBe(700);
    expect(world.clock.sleeps).toContain(700);
    expect(world.notifier.sentTo("a")).toHaveLength(1);
    expect(report).toMatchObject({ sent: 1, deferred: 0 });
    expect(world.outbox.statusOf(key)).toBe("sent");
  });

  it("defers a message whose 429 asks for more than a minute, without sleeping, and sends it when that time comes", async () => {
    const world = deliveryWorld();
    const slow = world.addChat("a");
    const first = world.digest(slow, "2025-12-11");
    const second = world.digest(slow, "2025-12-12");
    world.digest(world.addChat("b"));
    world.notifier.scriptChat("a", answer.rateLimited(120 * SECOND));
    const start = world.clock.now();
    const sender = world.sender();

    const report = await sender.drain();

    expect(report).toMatchObject({ sent: 1, deferred: 2 });
    expect(world.notifier.sentTo("b")).toHaveLength(1);
    expect(world.outbox.statusOf(first)).toBe("pending");
    expect(world.outbox.nextAttemptOf(first)).toBe(start + 120 * SECOND);
    // The chat's next message waits behind it rather than jumping the queue.
    expect(world.outbox.nextAttemptOf(second)).toBe(start + 120 * SECOND);
    expect(Math.max(0, ...world.clock.sleeps)).toBeLessThan(60 * SECOND);

    world.clock.advance(119 * SECOND);
    expect((await sender.drain()).sent).toBe(0);
    world.clock.advance(1 * SECOND);
    expect((await sender.drain()).sent).toBe(2);
    expect(
      world.notifier.sentTo("a").map((call) => call.message.reply.kind === "digest" && call.message.reply.digest.title),
    ).toEqual([first, second]);
  });
});

describe("chats that are gone or moved", () => {
  it("switches off a chat that blocked the bot, closes its messages with the reason and sends it nothing more", async () => {
    const world = deliveryWorld();
    const blocked = world.addChat("a");
    const today = world.digest(blocked, "2025-12-11");
    const tomorrow = world.digest(blocked, "2025-12-12", world.clock.now() + 24 * 3600 * SECOND);
    world.digest(world.addChat("b"));
    world.notifier.scriptChat("a", answer.blocked("Forbidden: bot was blocked by the user"));
    const sender = world.sender();

    const report = await sender.drain();

    expect(report).toMatchObject({ sent: 1, closed: 2 });
    const subscription = world.subscriptions.get(blocked)!;
    expect(subscription.active).toBe(false);
    expect(subscription.inactiveReason).toBe("Forbidden: bot was blocked by the user");
    for (const key of [today, tomorrow]) {
      expect(world.outbox.statusOf(key)).toBe("closed");
      expect(world.outbox.errorOf(key)).toBe("Forbidden: bot was blocked by the user");
    }
    world.clock.advance(24 * 3600 * SECOND);
    await sender.drain();
    expect(world.notifier.calls.filter((call) => call.target.chatId === "a")).toHaveLength(1);
    expect(world.notifier.sentTo("b")).toHaveLength(1);
  });

  it("follows a group that became a supergroup: moves the chat, delivers there, keeps the subscription", async () => {
    const world = deliveryWorld();
    const group = world.addChat("-100", "group");
    const key = world.digest(group);
    world.notifier.scriptChat("-100", answer.migrated("-1001234"));

    const report = await world.sender().drain();

    expect(report.sent).toBe(1);
    expect(world.notifier.sent.map((call) => call.target.chatId)).toEqual(["-1001234"]);
    expect(world.chats.target(group)?.chatId).toBe("-1001234");
    expect(world.subscriptions.get(group)).toMatchObject({ active: true, target: { chatId: "-1001234" } });
    expect(world.outbox.statusOf(key)).toBe("sent");
  });
});

describe("failures", () => {
  it("retries a send that threw after a backoff, on a later drain", async () => {
    const world = deliveryWorld();
    const key = world.digest(world.addChat("a"));
    world.notifier.scriptChat("a", answer.throws("socket hang up"));
    const start = world.clock.now();
    const sender = world.sender({ backoffBaseMs: 15 * SECOND });

    expect(await sender.drain()).toMatchObject({ sent: 0, failed: 1 });
    expect(world.outbox.statusOf(key)).toBe("pending");
    expect(world.outbox.nextAttemptOf(key)).toBe(start + 15 * SECOND);
    expect(world.log.entries).toContainEqual(
      expect.objectContaining({
        level: "error",
        fields: expect.objectContaining({ key, reason: "Error: socket hang up" }),
      }),
    );

    world.clock.advance(15 * SECOND - 1);
    expect((await sender.drain()).sent).toBe(0);
    world.clock.advance(1);
    expect((await sender.drain()).sent).toBe(1);
    expect(world.outbox.statusOf(key)).toBe("sent");
    expect(world.notifier.sentTo("a")).toHaveLength(1);
  });

  it("doubles the wait after each failure and gives up after the last attempt, keeping the reason", async () => {
    const world = deliveryWorld();
    const key = world.digest(world.addChat("a"));
    world.notifier.scriptChat(
      "a",
      answer.failed("Bad Gateway"),
      answer.failed("Bad Gateway"),
      answer.failed("Bad Gateway"),
    );
    const sender = world.sender({ backoffBaseMs: SECOND, maxAttempts: 3 });

    expect((await sender.drain()).failed).toBe(1);
    expect(world.outbox.nextAttemptOf(key)).toBe(world.clock.now() + SECOND);
    world.clock.advance(SECOND);
    expect((await sender.drain()).failed).toBe(1);
    expect(world.outbox.nextAttemptOf(key)).toBe(world.clock.now() + 2 * SECOND);
    world.clock.advance(2 * SECOND);
    expect((await sender.drain()).closed).toBe(1);

    expect(world.outbox.statusOf(key)).toBe("closed");
    expect(world.outbox.errorOf(key)).toBe("gave up after 3 attempts: Bad Gateway");
    expect(world.log.entries).toContainEqual(expect.objectContaining({ level: "error", message: "delivery given up" }));
    world.clock.advance(3600 * SECOND);
    await sender.drain();
    expect(world.notifier.calls).toHaveLength(3);
  });

  it("caps the backoff", () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 15_000, 60_000))).toEqual([15_000, 30_000, 60_000, 60_000]);
  });
});

describe("updates to an alert", () => {
  function alertAndUpdate(
    world: ReturnType<typeof deliveryWorld>,
    chat: number,
    alertAt: number,
    order: "alert first" | "update first" = "alert first",
  ) {
    world.db
      .prepare("INSERT OR IGNORE INTO developments (id, first_seen, last_seen, updated_at) VALUES (7, 0, 0, 0)")
      .run();
    const alertKey = `alert:${chat}:7`;
    const updateKey = `update:${chat}:7:1`;
    const alert = () =>
      world.outbox.enqueue({
        key: alertKey,
        chatRef: chat,
        kind: "alert",
        developmentId: 7,
        message: alertMessage("Carrier enters the Caribbean"),
        notBefore: alertAt,
      });
    const update = () =>
      world.outbox.enqueue({
        key: updateKey,
        chatRef: chat,
        kind: "update",
        developmentId: 7,
        message: alertMessage("Carrier enters the Caribbean", "update"),
        notBefore: world.clock.now(),
        replyToKey: alertKey,
      });
    if (order === "alert first") alert(), update();
    else update(), alert();
    return { alertKey, updateKey };
  }

  it("holds an update until its alert is sent, then sends it as a reply to the alert's message", async () => {
    const world = deliveryWorld();
    const chat = world.addChat("a");
    const { alertKey, updateKey } = alertAndUpdate(world, chat, world.clock.now() + 3600 * SECOND); // alert held by quiet hours
    const sender = world.sender();

    expect(await sender.drain()).toMatchObject({ sent: 0, deferred: 1 });
    expect(world.outbox.statusOf(updateKey)).toBe("pending");

    world.clock.advance(3600 * SECOND);
    expect((await sender.drain()).sent).toBe(2);
    const [alert, update] = world.notifier.sentTo("a");
    expect(alert!.message.kind).toBe("alert");
    expect(update!.message.kind).toBe("update");
    expect(update!.message.replyTo).toBe(world.outbox.messageIdOf(alertKey));
    expect(update!.message.replyTo).toBeDefined();
  });

  it("sends the alert first even when the update was written before it", async () => {
    const world = deliveryWorld();
    const chat = world.addChat("a");
    const { alertKey } = alertAndUpdate(world, chat, world.clock.now(), "update first");

    expect((await world.sender().drain()).sent).toBe(2);
    expect(world.notifier.sentTo("a").map((call) => [call.message.kind, call.message.replyTo])).toEqual([
      ["alert", undefined],
      ["update", world.outbox.messageIdOf(alertKey)],
    ]);
  });

  it("sends the update on its own when the alert was given up", async () => {
    const world = deliveryWorld();
    const chat = world.addChat("a");
    const { alertKey, updateKey } = alertAndUpdate(world, chat, world.clock.now());
    world.notifier.scriptChat("a", answer.failed("Bad Request: message is too long"));

    await world.sender({ maxAttempts: 1 }).drain();

    expect(world.outbox.statusOf(alertKey)).toBe("closed");
    expect(world.outbox.statusOf(updateKey)).toBe("sent");
    expect(world.notifier.sentTo("a").map((call) => [call.message.kind, call.message.replyTo])).toEqual([
      ["update", undefined],
    ]);
  });
});

describe("the sender as a whole", () => {
  it("leaves a chat's messages pending while no notifier serves its platform, and says so once", async () => {
    const world = deliveryWorld();
    const key = world.digest(world.addChat("d1", "private", "discord"));
    world.digest(world.addChat("a"));
    const sender = world.sender();

    expect(await sender.drain()).toMatchObject({ sent: 1, deferred: 1 });
    await sender.drain();

    expect(world.outbox.statusOf(key)).toBe("pending");
    expect(world.log.entries.filter((entry) => entry.message.startsWith("no notifier"))).toEqual([
      expect.objectContaining({ level: "warn", fields: { platform: "discord" } }),
    ]);
  });

  it("sends again, once, a message a crash left mid-send, and logs that the chat may get it twice", async () => {
    const world = deliveryWorld();
    const interrupted = world.digest(world.addChat("a"));
    world.db.prepare("UPDATE deliveries SET status = 'sending' WHERE key = ?").run(interrupted);
    const sender = world.sender();

    expect(await sender.drain()).toMatchObject({ sent: 1, resumed: 1 });
    expect(await sender.drain()).toMatchObject({ sent: 0, resumed: 0 });

    expect(world.notifier.sentTo("a")).toHaveLength(1);
    expect(world.log.entries).toContainEqual(
      expect.objectContaining({
        level: "warn",
        message: expect.stringMatching(/may get it twice/),
        fields: expect.objectContaining({ key: interrupted }),
      }),
    );
  });

  it("stops claiming chats when a drain has run its time, and goes on from there at the next drain", async () => {
    const world = deliveryWorld();
    for (let i = 0; i < 12; i += 1) world.digest(world.addChat(`c${i}`));
    // 2 chats at a time at 1 msg/s: in the 3 s a drain may take, about 3 sends, plus the chats already claimed then
    // (claims come two at a time, a batch ahead), and no more.
    const sender = world.sender({ messagesPerSecond: 1, concurrentChats: 2, maxDrainMs: 3 * SECOND });

    const first = await sender.drain();
    expect(first.sent).toBeGreaterThanOrEqual(3);
    expect(first.sent).toBeLessThanOrEqual(3 + 2 * 2);
    let sent = first.sent;
    for (let drain = 0; drain < 10 && sent < 12; drain += 1) sent += (await sender.drain()).sent;

    expect(sent).toBe(12);
    expect(world.notifier.sent).toHaveLength(12);
    expect(new Set(world.notifier.sent.map((call) => call.target.chatId)).size).toBe(12);
  });

  it("joins a drain already running instead of sending the same rows twice", async () => {
    const world = deliveryWorld();
    for (const chatId of ["a", "b", "c"]) world.digest(world.addChat(chatId));
    const sender = world.sender();

    const [first, second] = await Promise.all([sender.drain(), sender.drain()]);

    expect(first).toBe(second);
    expect(world.notifier.sent.map((call) => call.target.chatId).sort()).toEqual(["a", "b", "c"]);
  });

  it("stores the platform's message id on every sent row", async () => {
    const world = deliveryWorld();
    const keys = ["a", "b"].map((chatId) => world.digest(world.addChat(chatId)));
    await world.sender().drain();
    expect(keys.map((key) => world.outbox.messageIdOf(key)).sort()).toEqual(["m1", "m2"]);
  });
});
