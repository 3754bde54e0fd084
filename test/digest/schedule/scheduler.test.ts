import { describe, expect, it } from "vitest";
import { loadStoryPack, openDatabase, Pipeline, silentLogger } from "../../../src/digest/index.js";
import { Outbox } from "../../../src/digest/notify/outbox.js";
import { Sender } from "../../../src/digest/notify/sender.js";
import { Scheduler } from "../../../src/digest/schedule/scheduler.js";
import { AlertStateStore } from "../../../src/digest/store/alert-state-store.js";
import { ChatStore } from "../../../src/digest/store/chat-store.js";
import { SubscriptionStore } from "../../../src/digest/store/subscription-store.js";
import { STORY_DIR } from "../../helpers/demo-hilo.js";
import { FakeClock } from "../../helpers/fake-clock.js";
import { RecordingNotifier } from "../../helpers/recording-notifier.js";

const pack = loadStoryPack(STORY_DIR);
const at = (iso: string) => Date.parse(iso);

/** A report as an outlet's feed carries it. */
interface Report {
  publisher: string;
  title: string;
  text: string;
  at: string;
}

function world(start: string) {
  const clock = new FakeClock(at(start));
  const db = openDatabase(":memory:");
  const pipeline = new Pipeline(db, pack, silentLogger);
  const chats = new ChatStore(db);
  const subscriptions = new SubscriptionStore(db);
  const outbox = new Outbox(db, clock);
  const scheduler = new Scheduler({
    pack,
    developments: pipeline.developments,
    articles: pipeline.articles,
    feeds: pipeline.feeds,
    chats,
    subscriptions,
    alerts: new AlertStateStore(db),
    outbox,
    log: silentLogger,
    digestBudget: 3500,
  });
  const notifier = new RecordingNotifier(clock);
  const sender = new Sender({
    outbox,
    chats,
    subscriptions,
    notifiers: new Map([["test", notifier]]),
    clock,
    log: silentLogger,
    alone: true,
  });
  let serial = 0;
  return {
    notifier,
    subscriptions,
    chat(chatId: string, timeZone: string, options: { digestAt?: string; subscribedAt?: string } = {}) {
      const { id } = chats.ensure({ platform: "test", chatId }, "es", clock.now());
      subscriptions.subscribe(
        id,
        { digestAt: options.digestAt ?? "08:00", timeZone },
        options.subscribedAt ? at(options.subscribedAt) : clock.now(),
      );
      return id;
    },
    /** Feeds carry these reports as they come out: the clock moves to the newest one. */
    async publish(...reports: Report[]) {
      clock.advance(Math.max(0, Math.max(...reports.map((report) => at(report.at))) - clock.now()));
      await pipeline.ingest(
        reports.map((report) => ({
          source: { feed: `https://${report.publisher}.example.org/rss`, publisher: report.publisher },
          bytes: new TextEncoder().encode(
            `<rss version="2.0"><channel><title>${report.publisher}</title><item><title>${report.title}</title>` +
              `<link>https://${report.publisher}.example.org/${++serial}</link><pubDate>${new Date(at(report.at)).toUTCString()}</pubDate>` +
              `<description>${report.text}</description></item></channel></rss>`,
          ),
        })),
        clock.now(),
      );
    },
    /** One scheduler minute at `iso`: tick, then drain the outbox. */
    async tick(iso: string) {
      const now = at(iso);
      clock.advance(Math.max(0, now - clock.now()));
      const report = scheduler.tick(now);
      await sender.drain(now);
      return report;
    },
    kinds: (chatId: string) => notifier.sentTo(chatId).map((send) => send.message.kind),
    /** When each digest reached the chat. */
    digests: (chatId: string) =>
      notifier
        .sentTo(chatId)
        .filter((send) => send.message.kind === "digest")
        .map((send) => new Date(send.at).toISOString()),
  };
}

// Each outlet writes the event in its own words (identical texts would be a syndicated copy, one outlet).
const LUKASHENKO: Record<string, [string, string]> = {
  uno: [
    "Lukashenko: Maduro siempre será bienvenido en Bielorrusia",
    "El presidente bielorruso recibió al embajador venezolano por segunda vez en dos semanas.",
  ],
  dos: [
    "Bielorrusia abre sus puertas a Maduro, dice Lukashenko",
    "Tras reunirse otra vez con el embajador de Venezuela, Lukashenko aseguró que Maduro será bien recibido en Minsk.",
  ],
  tres: [
    "Lukashenko reitera que Maduro tendrá refugio en Bielorrusia",
    "En Minsk, el mandatario bielorruso repitió ante el embajador venezolano que Maduro siempre será bienvenido.",
  ],
};
const lukashenko = (publisher: "uno" | "dos" | "tres", when: string): Report => ({
  publisher,
  title: LUKASHENKO[publisher]![0],
  text: LUKASHENKO[publisher]![1],
  at: when,
});

describe("digests on each chat's own clock", () => {
  it("sends each chat its digest at 08:00 in its own time zone, once", async () => {
    const w = world("2025-12-10T20:00:00Z"); // both chats subscribe after their 08:00 of the 10th
    w.chat("caracas", "America/Caracas");
    w.chat("madrid", "Europe/Madrid");
    await w.publish(lukashenko("uno", "2025-12-10T21:00:00Z"), lukashenko("dos", "2025-12-10T22:00:00Z"));
    await w.tick("2025-12-11T06:59:00Z"); // 07:59 in Madrid
    expect(w.digests("madrid")).toEqual([]);
    await w.tick("2025-12-11T07:00:00Z"); // 08:00 in Madrid, 03:00 in Caracas
    expect(w.digests("madrid")).toEqual(["2025-12-11T07:00:00.000Z"]);
    expect(w.digests("caracas")).toEqual([]);
    await w.tick("2025-12-11T12:00:00Z"); // 08:00 in Caracas
    await w.tick("2025-12-11T12:01:00Z");
    expect(w.digests("caracas")).toEqual(["2025-12-11T12:00:00.000Z"]);
    expect(w.digests("madrid")).toHaveLength(1);
  });

  it("keeps 08:00 in New York before and after the clocks go back", async () => {
    const w = world("2025-10-31T20:00:00Z");
    w.chat("ny", "America/New_York");
    await w.publish(lukashenko("uno", "2025-10-31T21:00:00Z"));
    await w.tick("2025-11-01T11:59:00Z"); // 07:59 EDT
    await w.tick("2025-11-01T12:00:00Z"); // 08:00 EDT
    await w.publish(lukashenko("dos", "2025-11-01T15:00:00Z"));
    await w.tick("2025-11-02T12:00:00Z"); // 07:00 EST, the day the clocks went back: not yet
    await w.tick("2025-11-02T13:00:00Z"); // 08:00 EST
    expect(w.notifier.sentTo("ny").map((send) => new Date(send.at).toISOString())).toEqual([
      "2025-11-01T12:00:00.000Z",
      "2025-11-02T13:00:00.000Z",
    ]);
  });

  it("after days of downtime sends one digest covering everything since the last one", async () => {
    const w = world("2025-12-01T13:00:00Z");
    w.chat("c", "America/Caracas");
    await w.publish(lukashenko("uno", "2025-12-01T15:00:00Z"));
    await w.tick("2025-12-02T12:00:00Z");
    await w.publish(lukashenko("dos", "2025-12-03T15:00:00Z"), {
      publisher: "tres",
      title: "Fuerzas de EE UU incautan un buque petrolero frente a Venezuela",
      text: "Trump confirmó la incautación del tanquero cargado de crudo; Caracas lo llamó piratería.",
      at: "2025-12-04T15:00:00Z",
    });
    // The bot was down from the 2nd to the 6th, 10:00 in Caracas.
    await w.tick("2025-12-06T14:00:00Z");
    await w.tick("2025-12-06T14:01:00Z");
    const digests = w.notifier.sentTo("c").filter((send) => send.message.kind === "digest");
    expect(digests).toHaveLength(2);
    const last = digests[1]!.message.reply;
    const headlines = last.kind === "digest" ? last.digest.items.map((item) => item.headline) : [];
    expect(headlines).toHaveLength(2);
    expect(headlines.join(" | ")).toMatch(/petrolero/);
    expect(headlines.join(" | ")).toMatch(/Lukashenko/);
  });
});

describe("alerts", () => {
  it("alerts a chat once when two outlets report a new development, and never for its rewrites", async () => {
    const w = world("2025-12-09T05:00:00Z");
    w.chat("c", "America/Caracas", { digestAt: "23:59" });
    await w.publish(lukashenko("uno", "2025-12-09T14:00:00Z"));
    await w.tick("2025-12-09T14:05:00Z");
    expect(w.kinds("c")).toEqual([]); // one outlet is not enough
    await w.publish(lukashenko("dos", "2025-12-09T14:30:00Z"));
    await w.tick("2025-12-09T14:35:00Z");
    expect(w.kinds("c")).toEqual(["alert"]);
    await w.publish(lukashenko("tres", "2025-12-09T15:00:00Z"));
    await w.tick("2025-12-09T15:05:00Z");
    expect(w.kinds("c")).toEqual(["alert"]);
  });

  it("sends one update, as a reply to the alert, when a report adds a new fact", async () => {
    const w = world("2025-12-09T05:00:00Z");
    w.chat("c", "America/Caracas", { digestAt: "23:59" });
    await w.publish(lukashenko("uno", "2025-12-09T14:00:00Z"), lukashenko("dos", "2025-12-09T14:10:00Z"));
    await w.tick("2025-12-09T14:15:00Z");
    await w.publish({
      publisher: "tres",
      title: "Lukashenko y Putin: Maduro siempre será bienvenido en Bielorrusia y Rusia",
      text: "El presidente bielorruso dijo que Maduro siempre será bienvenido; el Kremlin dijo que Putin respalda esa oferta.",
      at: "2025-12-09T16:00:00Z",
    });
    await w.tick("2025-12-09T16:05:00Z");
    await w.tick("2025-12-09T16:20:00Z");
    expect(w.kinds("c")).toEqual(["alert"]); // held a while, in case more reports follow
    await w.tick("2025-12-09T16:36:00Z");
    await w.tick("2025-12-09T16:37:00Z");
    const sends = w.notifier.sentTo("c");
    expect(sends.map((send) => send.message.kind)).toEqual(["alert", "update"]);
    const alertId =
      sends[0]!.outcome !== "threw" && sends[0]!.outcome.kind === "sent" ? sends[0]!.outcome.messageId : "";
    expect(sends[1]!.message.replyTo).toBe(alertId);
    const update = sends[1]!.message.reply;
    expect(update.kind === "alert" && update.alert.whatIsNew).toMatch(/Putin/);
  });

  it("tells facts that arrive close together in one update", async () => {
    const w = world("2025-12-09T05:00:00Z");
    w.chat("c", "America/Caracas", { digestAt: "23:59" });
    await w.publish(lukashenko("uno", "2025-12-09T14:00:00Z"), lukashenko("dos", "2025-12-09T14:10:00Z"));
    await w.tick("2025-12-09T14:15:00Z");
    await w.publish({
      publisher: "tres",
      title: "Lukashenko y Putin: Maduro siempre será bienvenido en Bielorrusia y Rusia",
      text: "El presidente bielorruso dijo que Maduro siempre será bienvenido; el Kremlin dijo que Putin respalda esa oferta.",
      at: "2025-12-09T16:00:00Z",
    });
    await w.tick("2025-12-09T16:05:00Z");
    await w.publish({
      publisher: "cuatro",
      title: "Lukashenko, Putin y Petro: Maduro siempre será bienvenido en Bielorrusia",
      text: "El presidente bielorruso insistió en que Maduro siempre será bienvenido; Petro comentó la oferta desde Bogotá.",
      at: "2025-12-09T16:15:00Z",
    });
    await w.tick("2025-12-09T16:20:00Z");
    await w.tick("2025-12-09T16:40:00Z");
    const sends = w.notifier.sentTo("c");
    expect(sends.map((send) => send.message.kind)).toEqual(["alert", "update"]);
    const update = sends[1]!.message.reply;
    const whatIsNew = update.kind === "alert" ? update.alert.whatIsNew : "";
    expect(whatIsNew).toMatch(/Putin/);
    expect(whatIsNew).toMatch(/Petro/);
  });

  it("updates a chat about one development at most twice a day", async () => {
    const w = world("2025-12-09T05:00:00Z");
    w.chat("c", "America/Caracas", { digestAt: "23:59" });
    await w.publish(lukashenko("uno", "2025-12-09T12:00:00Z"), lukashenko("dos", "2025-12-09T12:10:00Z"));
    await w.tick("2025-12-09T12:15:00Z");
    // Each report names someone new in its headline, two hours apart: four updates' worth.
    const newcomers: [string, string][] = [
      ["Putin", "Desde Moscú, el Kremlin aseguró que Putin comparte la invitación al dirigente venezolano."],
      ["Petro", "En Bogotá, Petro opinó que una salida negociada evitaría más violencia en la región."],
      ["Trump", "Trump, consultado en la Casa Blanca, se burló de la oferta y repitió sus amenazas."],
      ["Machado", "La dirigente opositora Machado pidió a Minsk no dar cobijo a quien llamó usurpador."],
    ];
    for (const [i, [name, text]] of newcomers.entries()) {
      const hour = 13 + i * 2;
      await w.publish({
        publisher: `medio${i}`,
        title: `Lukashenko y ${name}: Maduro siempre será bienvenido en Bielorrusia`,
        text,
        at: `2025-12-09T${hour}:00:00Z`,
      });
      await w.tick(`2025-12-09T${hour}:05:00Z`);
      await w.tick(`2025-12-09T${hour}:40:00Z`);
    }
    expect(w.kinds("c")).toEqual(["alert", "update", "update"]);
  });

  it("holds an alert back during quiet hours; the development comes in the digest instead", async () => {
    const w = world("2025-12-09T13:00:00Z"); // after the 9th's 08:00 in Caracas
    const chat = w.chat("c", "America/Caracas");
    w.subscriptions.setQuietHours(chat, "22:00", "07:00");
    await w.publish(lukashenko("uno", "2025-12-10T03:00:00Z"), lukashenko("dos", "2025-12-10T03:10:00Z")); // 23:10 in Caracas
    const report = await w.tick("2025-12-10T03:15:00Z");
    expect(report.heldBack).toBe(1);
    await w.tick("2025-12-10T11:30:00Z"); // 07:30: quiet hours are over, still no alert
    expect(w.kinds("c")).toEqual([]);
    await w.tick("2025-12-10T12:00:00Z");
    expect(w.kinds("c")).toEqual(["digest"]);
  });

  it("sends no more alerts than the chat's daily budget", async () => {
    const w = world("2025-12-09T05:00:00Z");
    w.chat("c", "America/Caracas", { digestAt: "23:59" });
    // Six different events, each told by two outlets in their own words.
    const stories: [string, string, string][] = [
      [
        "Lukashenko: Maduro siempre será bienvenido en Bielorrusia",
        "El presidente bielorruso recibió al embajador venezolano en Minsk.",
        "Bielorrusia ofrece refugio a Maduro tras otra reunión con su embajador",
      ],
      [
        "Fuerzas de EE UU incautan un buque petrolero frente a Venezuela",
        "Trump confirmó la incautación del tanquero; Caracas habla de piratería.",
        "Washington se queda con un tanquero cargado de crudo venezolano",
      ],
      [
        "Machado llega a Oslo tras la entrega del Nobel de la Paz",
        "La líder opositora venezolana salió en secreto y llegó a Noruega.",
        "La opositora venezolana aparece en Oslo horas después de la ceremonia del Nobel",
      ],
      [
        "Trump dice a Politico que los días de Maduro están contados",
        "El presidente estadounidense anticipó ataques en tierra.",
        "Entrevista en Politico: Trump promete golpes en tierra venezolana",
      ],
      [
        "Colombia no descarta dar asilo a Maduro, dice la cancillería",
        "El gobierno de Petro pide una transición democrática.",
        "Bogotá estudiaría asilar a Maduro si deja el poder, según su cancillería",
      ],
      [
        "El Kremlin dice que Putin llamó a Maduro para respaldarlo",
        "Moscú reafirmó su apoyo frente a la presión externa.",
        "Putin telefonea a Maduro y le reitera el apoyo de Rusia",
      ],
    ];
    const events = stories.map(([title, text, rewrite], i) => [
      { publisher: "uno", title, text, at: `2025-12-09T1${i}:00:00Z` },
      {
        publisher: "dos",
        title: rewrite,
        text: `Versión de otro medio: ${rewrite.toLowerCase()}.`,
        at: `2025-12-09T1${i}:05:00Z`,
      },
    ]);
    for (const [i, pair] of events.entries()) {
      await w.publish(...pair);
      await w.tick(`2025-12-09T1${i}:10:00Z`);
    }
    expect(w.kinds("c").filter((kind) => kind === "alert")).toHaveLength(5);
  });

  it("does not alert a chat about developments that began before it subscribed", async () => {
    const w = world("2025-12-09T05:00:00Z");
    await w.publish(lukashenko("uno", "2025-12-09T14:00:00Z"), lukashenko("dos", "2025-12-09T14:10:00Z"));
    w.chat("late", "America/Caracas", { digestAt: "23:59", subscribedAt: "2025-12-09T15:00:00Z" });
    await w.tick("2025-12-09T15:05:00Z");
    expect(w.kinds("late")).toEqual([]);
  });
});
