import { RecordingLogger } from "../../src/digest/logger.js";
import type { OutgoingMessage } from "../../src/digest/notify/notifier.js";
import { Outbox } from "../../src/digest/notify/outbox.js";
import { Sender, type SenderLimits, type SenderOptions } from "../../src/digest/notify/sender.js";
import { ChatStore } from "../../src/digest/store/chat-store.js";
import { type Db, openDatabase } from "../../src/digest/store/open-database.js";
import { SubscriptionStore } from "../../src/digest/store/subscription-store.js";
import { FakeClock } from "./fake-clock.js";
import { RecordingNotifier } from "./recording-notifier.js";

/** A digest message whose title names it, so a test can tell deliveries apart. */
export function digestMessage(title: string): OutgoingMessage {
  return {
    kind: "digest",
    lang: "es",
    reply: { kind: "digest", digest: { title, header: "1 nuevo", items: [], omitted: undefined, until: 0 } },
  };
}

/** An alert (or, with kind "update", an update) about one development. */
export function alertMessage(headline: string, kind: "alert" | "update" = "alert"): OutgoingMessage {
  return {
    kind,
    lang: "es",
    reply: {
      kind: "alert",
      alert: {
        label: kind === "alert" ? "⚡ Alerta" : "Actualización",
        headline,
        summary: "…",
        whatIsNew: undefined,
        publishersLabel: "2 medios",
        actors: [],
        links: [],
      },
    },
  };
}

/** An outbox over a database (in memory unless a path is given), a recording notifier on platform "test" and a fake clock. */
export function deliveryWorld(path = ":memory:", clock = new FakeClock()) {
  return deliveryWorldOn(openDatabase(path), clock);
}

/**
 * The same over a given database (a replica's connection); its sender may be told who it is among replicas, and
 * `notifier` may be shared with another world's, as one platform is shared by every replica.
 */
export function deliveryWorldOn(db: Db, clock = new FakeClock(), notifier = new RecordingNotifier(clock)) {
  const chats = new ChatStore(db);
  const subscriptions = new SubscriptionStore(db);
  const outbox = new Outbox(db, clock);
  const log = new RecordingLogger();
  return {
    db,
    chats,
    subscriptions,
    outbox,
    notifier,
    log,
    clock,
    /** A subscribed chat; returns its chat_ref. */
    addChat(chatId: string, kind: "private" | "group" = "private", platform = "test"): number {
      const { id } = chats.ensure({ platform, chatId }, "es", clock.now(), kind);
      subscriptions.subscribe(id, { digestAt: "08:00", timeZone: "America/Caracas" }, clock.now());
      return id;
    },
    /** Enqueues a chat's digest for a period, as the scheduler would; returns its key. */
    digest(chatRef: number, period = "2025-12-11", notBefore = clock.now()): string {
      const key = `digest:${chatRef}:${period}`;
      outbox.enqueue({ key, chatRef, kind: "digest", message: digestMessage(key), notBefore });
      return key;
    },
    sender(
      limits?: Partial<SenderLimits>,
      replica: Pick<SenderOptions, "holder" | "claimMs" | "alone" | "budget"> = { alone: true },
    ): Sender {
      return new Sender({
        outbox,
        chats,
        subscriptions,
        notifiers: new Map([["test", notifier]]),
        clock,
        log,
        limits,
        ...replica,
      });
    },
  };
}
