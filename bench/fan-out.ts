import { silentLogger } from "../src/digest/logger.js";
import type { ChatTarget, Clock, Notifier, OutgoingMessage, SendOutcome } from "../src/digest/notify/notifier.js";
import { Outbox } from "../src/digest/notify/outbox.js";
import { Sender } from "../src/digest/notify/sender.js";
import { ChatStore } from "../src/digest/store/chat-store.js";
import { openDatabase } from "../src/digest/store/open-database.js";
import { SubscriptionStore } from "../src/digest/store/subscription-store.js";
import type { DigestView } from "../src/digest/summaries/views.js";
import { FakeClock } from "../test/helpers/fake-clock.js";
import { random } from "./generate-stream.js";

export interface FanOutOptions {
  chats: number;
  /** The platform's global limit, msg/s over any 1 s window. */
  platformLimit: number;
  /** What the sender is configured to. */
  senderRate: number;
  /** Share of sends the platform refuses with a 429 anyway (1–3 s retry_after). */
  random429: number;
  seed: number;
}

export interface FanOutResult {
  delivered: number;
  lost: number;
  duplicates: number;
  /** Virtual ms from the first drain to the last delivery. */
  virtualMs: number;
  wallMs: number;
  random429s: number;
  overLimit429s: number;
}

// A digest of a realistic size (~2 KB stored); each chat's copy is titled with its delivery key.
const DIGEST: DigestView = {
  title: "",
  header: "2 nuevos · 1 actualizado · desde tu último resumen (10 dic, 08:00)",
  items: [1, 2, 3].map((id) => ({
    developmentId: id,
    isNew: id !== 3,
    headline: "EE UU despliega un segundo portaaviones en el Caribe mientras Caracas denuncia una amenaza",
    summary:
      "El Pentágono confirmó el despliegue; el gobierno venezolano convocó al encargado de negocios y pidió una reunión de la OEA.",
    whatIsNew: id === 3 ? "Colombia pidió moderación a ambas partes." : undefined,
    publishersLabel: "5 medios (+2)",
    actors: ["Nicolás Maduro", "Donald Trump", "Gustavo Petro"],
    links: [1, 2, 3].map((n) => ({
      publisher: `Medio ${n}`,
      title: "Segundo portaaviones en el Caribe",
      url: `https://medio${n}.example.org/noticias/${id}`,
    })),
  })),
  omitted: undefined,
  until: Date.parse("2025-12-11T12:00:00Z"),
};

/** Fans one digest out to many chats through an emulated platform, on virtual time; nothing sleeps for real. */
export async function runFanOut(options: FanOutOptions): Promise<FanOutResult> {
  const clock = new FakeClock(Date.parse("2025-12-11T12:00:00Z"));
  const db = openDatabase(":memory:");
  const chats = new ChatStore(db);
  const subscriptions = new SubscriptionStore(db);
  const outbox = new Outbox(db, clock);
  db.transaction(() => {
    for (let i = 0; i < options.chats; i += 1) {
      const { id } = chats.ensure({ platform: "emulated", chatId: String(10_000_000 + i) }, "es", clock.now());
      subscriptions.subscribe(id, { digestAt: "08:00", timeZone: "America/Caracas" }, clock.now());
      const key = `digest:${id}:2025-12-11`;
      const message: OutgoingMessage = {
        kind: "digest",
        lang: "es",
        reply: { kind: "digest", digest: { ...DIGEST, title: key } },
      };
      outbox.enqueue({ key, chatRef: id, kind: "digest", message, notBefore: clock.now() });
    }
  })();
  const platform = new EmulatedPlatform(clock, options.platformLimit, options.random429, options.seed);
  const sender = new Sender({
    outbox,
    chats,
    subscriptions,
    notifiers: new Map([["emulated", platform]]),
    clock,
    log: silentLogger,
    limits: { messagesPerSecond: options.senderRate },
  });
  const virtualStart = clock.now();
  const wallStart = performance.now();
  for (let round = 0; round < 20 && outbox.depth() > 0; round += 1) {
    await sender.drain();
    const next = db.prepare("SELECT min(next_attempt_at) FROM deliveries WHERE status = 'pending'").pluck().get() as
      | number
      | null;
    if (next !== null && next > clock.now()) clock.advance(next - clock.now());
  }
  const wallMs = performance.now() - wallStart;
  const counts = [...platform.received.values()];
  db.close();
  return {
    delivered: platform.received.size,
    lost: options.chats - platform.received.size,
    duplicates: counts.reduce((sum, count) => sum + count - 1, 0),
    virtualMs: platform.lastAcceptedAt - virtualStart,
    wallMs,
    random429s: platform.random429s,
    overLimit429s: platform.overLimit429s,
  };
}

/** A platform with a global limit over a sliding 1 s window that also refuses a share of sends at random. */
class EmulatedPlatform implements Notifier {
  readonly platform = "emulated";
  /** Title (the delivery key) → times received. */
  readonly received = new Map<string, number>();
  random429s = 0;
  overLimit429s = 0;
  lastAcceptedAt = 0;
  private readonly window: number[] = [];
  private readonly random: () => number;

  constructor(
    private readonly clock: Clock,
    private readonly limit: number,
    private readonly random429: number,
    seed: number,
  ) {
    this.random = random(seed);
  }

  async send(_target: ChatTarget, message: OutgoingMessage): Promise<SendOutcome> {
    const now = this.clock.now();
    while (this.window.length > 0 && this.window[0]! <= now - 1000) this.window.shift();
    if (this.random() < this.random429) {
      this.random429s += 1;
      return { kind: "rate-limited", retryAfterMs: 1000 * (1 + Math.floor(this.random() * 3)) };
    }
    if (this.window.length >= this.limit) {
      this.overLimit429s += 1;
      return { kind: "rate-limited", retryAfterMs: Math.ceil(this.window[0]! + 1000 - now) };
    }
    this.window.push(now);
    this.lastAcceptedAt = now;
    const key = message.reply.kind === "digest" ? message.reply.digest.title : "";
    this.received.set(key, (this.received.get(key) ?? 0) + 1);
    return { kind: "sent", messageId: String(this.received.size) };
  }
}
