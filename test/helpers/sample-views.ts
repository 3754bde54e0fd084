import type { AlertView, DigestItem, OutgoingMessage, Reply } from "../../src/digest/index.js";

/** A digest item numbered `n`, with a link and two actors; `over` changes any field. */
export function digestItem(n: number, over: Partial<DigestItem> = {}): DigestItem {
  return {
    developmentId: n,
    isNew: n % 2 === 1,
    headline: `Titular ${n}`,
    summary: `Resumen del desarrollo ${n}.`,
    whatIsNew: undefined,
    publishersLabel: "3 medios",
    actors: ["Maduro", "Petro"],
    links: [{ publisher: "Diario Caribe", title: "t", url: `https://caribe.example.org/${n}` }],
    ...over,
  };
}

export function digestReply(items: DigestItem[], omitted?: string): Reply {
  return {
    kind: "digest",
    digest: { title: "Venezuela – EE UU · 11 dic", header: `${items.length} nuevos`, items, omitted, until: 0 },
  };
}

/** A scheduled digest of `items` items with long summaries: more than one message on any platform. */
export function longDigestMessage(items: number): OutgoingMessage {
  return {
    kind: "digest",
    lang: "es",
    reply: digestReply(
      Array.from({ length: items }, (_, i) =>
        digestItem(i + 1, {
          isNew: true,
          summary: "palabra ".repeat(80),
          publishersLabel: "2 medios",
          actors: [],
          links: [],
        }),
      ),
    ),
  };
}

/** An alert about Putin's call to Maduro, with one outlet; `over` changes any field. */
export function alertReply(over: Partial<AlertView> = {}): Reply {
  return {
    kind: "alert",
    alert: {
      label: "Alerta",
      headline: "Putin llama a Maduro",
      summary: "El Kremlin confirmó la llamada.",
      whatIsNew: undefined,
      publishersLabel: "3 medios",
      actors: ["Putin", "Maduro"],
      links: [{ publisher: "Radio Frontera", title: "t", url: "https://frontera.example.org/1" }],
      ...over,
    },
  };
}

/** That alert as the outbox sends it, or an update to it ("Lukashenko se suma") replying to `replyTo`. */
export function alertMessage(
  kind: "alert" | "update" = "alert",
  replyTo?: string,
  over: Partial<AlertView> = {},
): OutgoingMessage {
  const update = kind === "update" ? { label: "Actualización", whatIsNew: "Lukashenko se suma" } : {};
  return { kind, lang: "es", replyTo, reply: alertReply({ ...update, ...over }) };
}
