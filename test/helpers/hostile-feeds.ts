import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FeedServer } from "./feed-server.js";

/** One feed on the hostile server: its path, and the reason /sources must name when it fails (none: it is read, bounded). */
export interface HostileFeed {
  path: string;
  what: string;
  /** The FeedFailure reason the feed's failure carries; undefined when the feed is read within Hilo's limits. */
  reason: string | undefined;
}

const GOOD_FEED = readFileSync(join(import.meta.dirname, "../fixtures/feeds/rss2-utf8.xml"));
const MEGABYTE = 1024 * 1024;

/**
 * A feed server on 127.0.0.1 with one good feed and every kind of hostile one a public feed URL can serve, plus a
 * second server standing for a loopback-only service that a redirect tries to reach (it must never hear a request).
 */
export async function startHostileFeeds(): Promise<{
  feeds: FeedServer;
  internal: FeedServer;
  good: string;
  hostile: HostileFeed[];
  close(): Promise<void>;
}> {
  const feeds = await FeedServer.start();
  const internal = (await FeedServer.start()).serve("/admin", {
    kind: "feed",
    body: rss("Internal", [item("secret", "La clave del servicio interno")]),
  });
  const hostile: HostileFeed[] = [
    { path: "/billion-laughs.xml", what: "nested entity declarations (billion laughs)", reason: undefined },
    {
      path: "/external-entity.xml",
      what: "external entities naming /etc/passwd and a loopback URL",
      reason: undefined,
    },
    { path: "/gzip-bomb.xml", what: "60 MB of XML in 60 KB of gzip", reason: "too-large" },
    { path: "/fifty-megabytes.xml", what: "a 50 MB body", reason: "too-large" },
    { path: "/slow-drip.xml", what: "a byte every 200 ms, never ending", reason: "timeout" },
    { path: "/twenty-thousand-items.xml", what: "20,000 items in 4.4 MB", reason: undefined },
    { path: "/megabyte-titles.xml", what: "four items with 1 MB titles", reason: undefined },
    { path: "/deep-nesting.xml", what: "50,000 nested elements in a description", reason: "parse" },
    { path: "/javascript-links.xml", what: "javascript: links and inline scripts", reason: undefined },
    { path: "/to-metadata.xml", what: "a redirect to the cloud metadata address", reason: "blocked-address" },
    { path: "/to-loopback.xml", what: "a redirect to a loopback service", reason: "blocked-address" },
    { path: "/to-file.xml", what: "a redirect to file:///etc/passwd", reason: "redirect" },
  ];
  feeds
    .serve("/good.xml", { kind: "feed", body: GOOD_FEED })
    .serve("/billion-laughs.xml", { kind: "feed", body: billionLaughs() })
    .serve("/external-entity.xml", { kind: "feed", body: externalEntity(internal.url("/admin")) })
    .serve("/gzip-bomb.xml", { kind: "oversized", bytes: 60 * MEGABYTE, gzip: true })
    .serve("/fifty-megabytes.xml", { kind: "oversized", bytes: 50 * MEGABYTE })
    .serve("/slow-drip.xml", { kind: "drip", everyMs: 200 })
    .serve("/twenty-thousand-items.xml", { kind: "feed", body: manyItems(20_000) })
    .serve("/megabyte-titles.xml", { kind: "feed", body: hugeTitles(4, MEGABYTE) })
    .serve("/deep-nesting.xml", { kind: "feed", body: deepNesting(50_000) })
    .serve("/javascript-links.xml", { kind: "feed", body: javascriptLinks() })
    .serve("/to-metadata.xml", {
      kind: "redirect",
      status: 302,
      location: "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    })
    .serve("/to-loopback.xml", { kind: "redirect", status: 302, location: internal.url("/admin") })
    .serve("/to-file.xml", { kind: "redirect", status: 302, location: "file:///etc/passwd" });
  return {
    feeds,
    internal,
    good: "/good.xml",
    hostile,
    async close() {
      await feeds.close();
      await internal.close();
    },
  };
}

function rss(title: string, items: readonly string[], prolog = ""): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${prolog}<rss version="2.0"><channel><title>${title}</title><link>https://hostile.example.net/</link>${items.join("")}</channel></rss>`;
}

function item(
  id: string,
  title: string,
  description = "Caracas y Washington intercambian notas.",
  link = `https://hostile.example.net/${id}`,
): string {
  return `<item><title>${title}</title><link>${link}</link><guid>${id}</guid><pubDate>Thu, 11 Dec 2025 12:00:00 GMT</pubDate><description>${description}</description></item>`;
}

function billionLaughs(): string {
  const entities = ['<!ENTITY lol "lol">'];
  for (let level = 1; level <= 9; level += 1)
    entities.push(`<!ENTITY lol${level} "${`&lol${level === 1 ? "" : level - 1};`.repeat(10)}">`);
  return rss(
    "Laughs",
    [item("laughs-1", "Risas &lol9;", "Texto &lol9; &lol9;")],
    `<!DOCTYPE rss [${entities.join("")}]>`,
  );
}

function externalEntity(internalUrl: string): string {
  const prolog = `<!DOCTYPE rss [<!ENTITY passwd SYSTEM "file:///etc/passwd"><!ENTITY internal SYSTEM "${internalUrl}">]>`;
  return rss("External", [item("external-1", "Contraseñas: &passwd;", "Interno: &internal;")], prolog);
}

function manyItems(count: number): string {
  const items: string[] = [];
  const start = Date.UTC(2025, 10, 1);
  for (let i = 0; i < count; i += 1) {
    const date = new Date(start + i * 60_000).toUTCString();
    items.push(
      `<item><title>Maduro y el asilo, nota ${i}</title><link>https://hostile.example.net/many/${i}</link><guid>many-${i}</guid><pubDate>${date}</pubDate><description>Texto ${i} sobre Venezuela.</description></item>`,
    );
  }
  // Newest first, as feeds list them.
  return rss("Many", items.reverse());
}

function hugeTitles(count: number, size: number): string {
  const words = "Maduro asilo Caracas Washington ";
  const title = words.repeat(Math.ceil(size / words.length)).slice(0, size);
  return rss(
    "Titles",
    Array.from({ length: count }, (_, i) => item(`titles-${i}`, title)),
  );
}

function deepNesting(depth: number): string {
  return rss("Deep", [item("deep-1", "Anidado sin fin", `${"<b>".repeat(depth)}fondo${"</b>".repeat(depth)}`)]);
}

function javascriptLinks(): string {
  return rss("Scripts", [
    item(
      "scripts-1",
      "Enlace con script",
      '&lt;p onclick="steal()"&gt;Texto&lt;/p&gt;&lt;script&gt;steal()&lt;/script&gt;',
      "javascript:alert(document.cookie)",
    ),
    item("scripts-2", "Otro enlace", "Nada raro.", "JaVaScRiPt:alert(1)"),
  ]);
}
