import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { OutgoingMessage } from "../../../src/digest/notify/notifier.js";
import { deliveryWorld } from "../../helpers/delivery-world.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the delivery outbox", () => {
  it("sends a digest enqueued twice under one key only once", async () => {
    const world = deliveryWorld();
    const chat = world.addChat("100");
    const request = {
      key: `digest:${chat}:2025-12-11`,
      chatRef: chat,
      kind: "digest" as const,
      notBefore: world.clock.now(),
    };
    const message: OutgoingMessage = { kind: "digest", lang: "es", reply: { kind: "text", lines: ["hola"] } };
    expect(world.outbox.enqueue({ ...request, message })).toBe(true);
    expect(world.outbox.enqueue({ ...request, message })).toBe(false);
    expect(world.outbox.depth()).toBe(1);

    const report = await world.sender().drain();

    expect(report.sent).toBe(1);
    expect(world.notifier.sentTo("100")).toHaveLength(1);
    expect(world.outbox.statusOf(request.key)).toBe("sent");
    expect(world.outbox.messageIdOf(request.key)).toBe("m1");
    expect(world.outbox.depth()).toBe(0);
    // A third enqueue after the send is still a no-op: the key is the guard, not the status.
    expect(world.outbox.enqueue({ ...request, message })).toBe(false);
    await world.sender().drain();
    expect(world.notifier.sentTo("100")).toHaveLength(1);
  });

  it("delivers pending digests written before a restart once the bot is back", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hilo-outbox-"));
    dirs.push(dir);
    const path = join(dir, "hilo.db");
    const before = deliveryWorld(path);
    const keys = ["1", "2", "3"].map((chatId) => before.digest(before.addChat(chatId)));
    before.db.close();

    const after = deliveryWorld(path);
    expect(after.outbox.depth()).toBe(3);
    const report = await after.sender().drain();

    expect(report.sent).toBe(3);
    expect(after.notifier.sent.map((call) => call.target.chatId).sort()).toEqual(["1", "2", "3"]);
    expect(keys.map((key) => after.outbox.statusOf(key))).toEqual(["sent", "sent", "sent"]);
    expect(after.outbox.depth()).toBe(0);
    after.db.close();
  });

  it("hands the notifier the message exactly as it was enqueued, digest items and all", async () => {
    const world = deliveryWorld();
    const chat = world.addChat("100");
    const message: OutgoingMessage = {
      kind: "digest",
      lang: "en",
      reply: {
        kind: "digest",
        digest: {
          title: "🧵 Venezuela – US",
          header: "1 new · 1 updated",
          items: [
            {
              developmentId: 7,
              isNew: false,
              headline: "Talks on asylum resume",
              summary: "Both sides met in Bridgetown.",
              whatIsNew: "A second round is set for Friday.",
              publishersLabel: "5 outlets (+2)",
              actors: ["Nicolás Maduro"],
              links: [{ publisher: "Diario Caribe", title: "Talks resume", url: "https://caribe.example.org/a" }],
            },
            {
              developmentId: 8,
              isNew: true,
              headline: "Carrier enters the Caribbean",
              summary: "…",
              whatIsNew: undefined,
              publishersLabel: "2 outlets",
              actors: [],
              links: [],
            },
          ],
          omitted: "… and 3 more",
          until: 1_765_454_400_000,
        },
      },
    };
    world.outbox.enqueue({ key: "digest:x", chatRef: chat, kind: "digest", message, notBefore: world.clock.now() });

    await world.sender().drain();

    expect(world.notifier.sent[0]?.message).toEqual({ ...message, replyTo: undefined });
  });

  it("closes a delivery whose stored payload is unreadable, says why, and still sends the others", async () => {
    const world = deliveryWorld();
    const broken = world.digest(world.addChat("1"));
    const notJson = world.digest(world.addChat("2"));
    const fine = world.digest(world.addChat("3"));
    world.db
      .prepare("UPDATE deliveries SET payload = ? WHERE key = ?")
      .run(JSON.stringify({ kind: "digest", lang: "fr", reply: {} }), broken);
    world.db.prepare("UPDATE deliveries SET payload = '{\"kind\":' WHERE key = ?").run(notJson);

    const report = await world.sender().drain();

    expect(report).toMatchObject({ sent: 1, closed: 2 });
    expect(world.notifier.sent.map((call) => call.target.chatId)).toEqual(["3"]);
    expect(world.outbox.statusOf(broken)).toBe("closed");
    expect(world.outbox.errorOf(broken)).toMatch(/^payload is not a message: .*lang/);
    expect(world.outbox.errorOf(notJson)).toMatch(/^payload is not JSON/);
    expect(world.outbox.statusOf(fine)).toBe("sent");
    expect(world.log.entries.filter((entry) => entry.level === "error").map((entry) => entry.fields.key)).toEqual([
      broken,
      notJson,
    ]);
  });
});
