import type { DigestItem, OutgoingMessage, Reply } from "../../src/digest/index.js";

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
  return { kind: "digest", digest: { title: "Venezuela – EE UU · 11 dic", header: `${items.length} nuevos`, items, omitted, until: 0 } };
}

/** A scheduled digest of `items` items with long summaries: more than one message on any platform. */
export function longDigestMessage(items: number): OutgoingMessage {
  return {
    kind: "digest",
    lang: "es",
    reply: digestReply(
      Array.from({ length: items }, (_, i) =>
        digestItem(i + 1, { isNew: true, summary: "palabra ".repeat(80), publishersLabel: "2 medios", actors: [], links: [] }),
      ),
    ),
  };
}
