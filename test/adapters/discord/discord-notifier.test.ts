import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatTarget } from "../../../src/digest/index.js";
import { refusal } from "../../helpers/discord-fake.js";
import { discordWorld } from "../../helpers/discord-world.js";
import { alertMessage, longDigestMessage as longDigest } from "../../helpers/sample-views.js";

/** The sample alert (or its update) with a headline too long for a thread name, so the cut shows. */
const alert = (kind: "alert" | "update" = "alert", replyTo?: string) =>
  alertMessage(kind, replyTo, {
    headline:
      "Putin llama a Maduro y le ofrece apoyo frente al despliegue de Estados Unidos en el Caribe, según el Kremlin",
  });

// Channels of the fake's guild; each test posts in its own.
const CHANNELS = Array.from({ length: 10 }, (_, i) => ({
  id: `12000000000000001${String(i).padStart(2, "0")}`,
  name: `news-${i}`,
}));
let world: Awaited<ReturnType<typeof discordWorld>>;
let nextChannel = 0;

beforeAll(async () => {
  world = await discordWorld({ fake: { channels: CHANNELS } });
});
afterAll(() => world.close());

function channel(): ChatTarget {
  return { platform: "discord", chatId: CHANNELS[nextChannel++]!.id, threadId: undefined, kind: "group" };
}

describe("the Discord notifier", () => {
  it("opens a thread named after the development for an alert, and posts its update inside that thread", async () => {
    const target = channel();
    const sent = await world.handle.notifier.send(target, alert());
    expect(sent.kind).toBe("sent");
    const [posted] = world.fake.messagesIn(target.chatId);
    expect(sent).toEqual({ kind: "sent", messageId: `thread:${posted!.id}` });
    const [opened] = world.fake.requestsTo(
      "POST",
      new RegExp(`^/channels/${target.chatId}/messages/${posted!.id}/threads$`),
    );
    expect(opened!.body.name).toMatch(/^Putin llama a Maduro .+…$/);
    expect(opened!.body.name.length).toBeLessThanOrEqual(100);

    const update = await world.handle.notifier.send(
      target,
      alert("update", sent.kind === "sent" ? sent.messageId : undefined),
    );
    expect(update.kind).toBe("sent");
    // A thread started from a message has the message's id.
    const inThread = world.fake.messagesIn(posted!.id);
    expect(inThread).toHaveLength(1);
    expect(inThread[0]!.embeds[0]!.description).toMatch(/Lukashenko se suma/);
    expect(world.fake.messagesIn(target.chatId)).toHaveLength(1);
  });

  it("without the thread permission, still posts the alert, says once what is missing, and replies to the alert", async () => {
    const target = channel();
    world.fake.script({ method: "POST", path: /\/threads$/ }, refusal.missingPermissions(), { times: 2 });
    const first = await world.handle.notifier.send(target, alert());
    const second = await world.handle.notifier.send(target, alert());
    const posted = world.fake.messagesIn(target.chatId);
    // Alert, the note about the permission, the second alert: the note only once.
    expect(posted.map((m) => (m.content ? "note" : "alert"))).toEqual(["alert", "note", "alert"]);
    expect(posted[1]!.content).toMatch(/Crear hilos públicos/);
    expect(first).toEqual({ kind: "sent", messageId: posted[0]!.id });

    await world.handle.notifier.send(target, alert("update", posted[0]!.id));
    const reply = world.fake.messagesIn(target.chatId).at(-1)!;
    expect(reply.message_reference?.message_id).toBe(posted[0]!.id);
    expect(second.kind).toBe("sent");
  });

  it("replies to the alert in the channel when its thread was deleted", async () => {
    const target = channel();
    const sent = await world.handle.notifier.send(target, alert());
    const alertId = world.fake.messagesIn(target.chatId)[0]!.id;
    world.fake.script(
      { method: "POST", path: new RegExp(`^/channels/${alertId}/messages$`) },
      refusal.unknownChannel(),
    );
    const update = await world.handle.notifier.send(
      target,
      alert("update", sent.kind === "sent" ? sent.messageId : undefined),
    );
    expect(update.kind).toBe("sent");
    expect(world.fake.messagesIn(target.chatId).at(-1)!.message_reference?.message_id).toBe(alertId);
  });

  it("splits a digest too long for one message between developments, every part within Discord's limits", async () => {
    const target = channel();
    const outcome = await world.handle.notifier.send(target, longDigest(25));
    const posted = world.fake.messagesIn(target.chatId);
    expect(posted.length).toBeGreaterThan(2);
    expect(outcome).toEqual({ kind: "sent", messageId: posted[0]!.id });
    const titles = posted.flatMap((m) => m.embeds.map((e) => e.title));
    expect(titles).toEqual(Array.from({ length: 25 }, (_, i) => `${i + 1}. 🆕 Titular ${i + 1}`));
    expect(
      world.fake.requestsTo("POST", new RegExp(`^/channels/${target.chatId}/messages$`)).every((r) => r.status === 200),
    ).toBe(true);
  });

  it("retries two 429s itself and posts exactly once", async () => {
    const target = channel();
    world.fake.rateLimitNext("POST", new RegExp(`^/channels/${target.chatId}/messages$`), {
      retryAfterSeconds: 0.05,
      times: 2,
    });
    const outcome = await world.handle.notifier.send(target, alert("update"));
    expect(outcome.kind).toBe("sent");
    expect(
      world.fake.requestsTo("POST", new RegExp(`^/channels/${target.chatId}/messages$`)).map((r) => r.status),
    ).toEqual([429, 429, 200]);
    expect(world.fake.messagesIn(target.chatId)).toHaveLength(1);
    expect(world.log.entries.filter((e) => e.message === "discord rate limit").length).toBeGreaterThanOrEqual(2);
  });

  it("hands a long rate limit back to the outbox with the wait, instead of waiting", async () => {
    const target = channel();
    world.fake.rateLimitNext("POST", new RegExp(`^/channels/${target.chatId}/messages$`), {
      retryAfterSeconds: 60,
      times: 1,
    });
    const outcome = await world.handle.notifier.send(target, alert("update"));
    expect(outcome).toMatchObject({ kind: "rate-limited" });
    expect(outcome.kind === "rate-limited" && outcome.retryAfterMs).toBeGreaterThanOrEqual(59_000);
    expect(world.fake.messagesIn(target.chatId)).toHaveLength(0);
  });

  it("reports a deleted channel and lost access as gone, and a server error as a failure to retry", async () => {
    expect(
      await world.handle.notifier.send({ ...channel(), chatId: "1999999999999999999" }, alert("update")),
    ).toMatchObject({
      kind: "chat-gone",
      reason: expect.stringMatching(/10003/),
    });
    const noAccess = channel();
    world.fake.script(
      { method: "POST", path: new RegExp(`^/channels/${noAccess.chatId}/messages$`) },
      refusal.missingAccess(),
    );
    expect(await world.handle.notifier.send(noAccess, alert("update"))).toMatchObject({
      kind: "chat-gone",
      reason: expect.stringMatching(/50001/),
    });
    const failing = channel();
    world.fake.script(
      { method: "POST", path: new RegExp(`^/channels/${failing.chatId}/messages$`) },
      refusal.serverError(),
      { times: 10 },
    );
    expect(await world.handle.notifier.send(failing, alert("update"))).toMatchObject({ kind: "failed" });
  });
});
