import { describe, expect, inject, it } from "vitest";
import { PostgresDatabase } from "../../src/digest/store/postgres/postgres-database.js";
import {
  killHard,
  logLines,
  newDatabase,
  startReplica,
  storyFeed,
  storyItems,
  subscribeChats,
  within,
} from "../helpers/replica-deployment.js";
import { TelegramEmulator } from "../helpers/telegram-emulator.js";

const server = inject("postgresUrl") as string;
const CHATS = 1000;
const FIRST_CHAT = 10_001;

/** Settings that make a failover take seconds rather than minutes; the mechanism is the same. */
const FAST_REPLICA = {
  HILO_TICK_SECONDS: "2",
  HILO_SEND_CLAIM_SECONDS: "5",
  HILO_SEND_RATE: "60",
  HILO_POLL_MINUTES: "1",
};

function count(url: string, sql: string): number {
  const db = PostgresDatabase.connect(url);
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

describe("two replicas on one PostgreSQL database", () => {
  it("survives a kill -9 of the replica that polls, mid fan-out: every chat gets its digest once (bar counted resends), and the other replica takes the polling over within one interval, filing nothing twice", async () => {
    const url = newDatabase(server, `replicas_${process.pid}`);
    const now = Date.now();
    subscribeChats(url, CHATS, now, FIRST_CHAT);
    const feed = await storyFeed(storyItems(now, ["r1", "r2", "r3"]));
    const telegram = await TelegramEmulator.start();
    const digests = () => telegram.callsTo("sendMessage").filter((call) => call.answer.ok);
    const replicaA = startReplica({ url, feed: feed.url, telegram }, FAST_REPLICA);
    let replicaB: ReturnType<typeof startReplica> | undefined;
    try {
      // A starts alone: it holds the work lease, polls, queues a thousand digests and starts sending.
      await telegram.waitFor(() => digests().length >= 30, "replica A's first digests", 60_000);
      replicaB = startReplica({ url, feed: feed.url, telegram }, FAST_REPLICA);
      await within(
        60_000,
        "replica B starts and sends",
        replicaB.log
          .waitFor(/"msg":"another replica polls feeds and schedules; this one answers chats and sends"/)
          .then(() => replicaB!.log.waitFor(/"msg":"delivery sent"/)),
        replicaB.log,
      );

      // Both send now; A dies in the middle of the fan-out, holding chats and a send in flight, perhaps.
      await telegram.waitFor(() => digests().length >= 400, "400 digests from the two replicas", 60_000);
      const sentByA = logLines(replicaA.log.text, "delivery sent").length;
      const killedAt = Date.now();
      await killHard(replicaA.child, replicaA.exited);
      feed.server.clearRequests();
      feed.update(storyItems(now, ["r1", "r2", "r3", "r4", "r5"]));

      // B finishes the fan-out: A's chats once their claims expire, the rows A was sending again.
      await telegram.waitFor(
        () => new Set(digests().map((call) => Number(call.payload.chat_id))).size === CHATS,
        "a digest in every chat",
        120_000,
      );
      await within(
        10_000,
        "replica B takes the work over",
        replicaB.log.waitFor(/"msg":"this replica takes over polling and scheduling"/),
        replicaB.log,
      );
      // A fan-out in progress does not hold the takeover up: it comes at B's next tick or so after A's death.
      const [takeover] = logLines(replicaB.log.text, "this replica takes over polling and scheduling");
      expect(Date.parse(String(takeover!.time)) - killedAt).toBeLessThanOrEqual(10_000);
      // Within one poll interval (1 min, plus a tick) of A's death, B reads the feed A read and files what is new.
      await within(
        90_000,
        "replica B files the two new reports",
        replicaB.log.waitFor(/"added":2,[^\n]*"msg":"tick"/),
        replicaB.log,
      );
      const [firstRead] = feed.server.requestsTo("/story.xml");
      expect(firstRead!.at - killedAt).toBeLessThanOrEqual(60_000 + 2_000);

      const perChat = new Map<number, number>();
      for (const call of digests()) {
        const chat = Number(call.payload.chat_id);
        perChat.set(chat, (perChat.get(chat) ?? 0) + 1);
      }
      const resent = logLines(
        replicaB.log.text,
        "delivery interrupted by a restart; sending it again, the chat may get it twice",
      );
      const twice = [...perChat].filter(([, n]) => n === 2).map(([chat]) => chat);
      console.info(
        `failover: ${CHATS} chats, ${digests().length} digests sent (${sentByA} by A before the kill -9), ${resent.length} rows resent by B, ${twice.length} chats got theirs twice`,
      );
      expect(perChat.size).toBe(CHATS);
      expect([...perChat.values()].every((n) => n === 1 || n === 2)).toBe(true);
      // A chat got its digest twice only if its row was one A held mid-send, and B says it resent it.
      expect(twice.length).toBeLessThanOrEqual(resent.length);
      expect(resent.length).toBeLessThanOrEqual(32);
      const resentChats = new Set(resent.map((line) => String(line.key).split(":")[1]));
      for (const chat of twice) {
        const ref = count(url, `SELECT id FROM chats WHERE chat_id = '${chat}'`);
        expect(resentChats.has(String(ref))).toBe(true);
      }
      expect(count(url, "SELECT count(*) FROM deliveries WHERE status <> 'sent'")).toBe(0);
      // Five reports in the feed, each filed once, by whichever replica read it.
      expect(count(url, "SELECT count(*) FROM articles")).toBe(5);
      expect(replicaB.log.text).not.toMatch(/"level":"error"/);
    } finally {
      await killHard(replicaA.child, replicaA.exited);
      if (replicaB) await killHard(replicaB.child, replicaB.exited);
      await telegram.close();
      await feed.server.close();
    }
  }, 240_000);
});
