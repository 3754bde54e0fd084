import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** One item of a test feed; `at` is an ISO time, or undefined for an item without a date. */
export interface TestItem {
  id: string;
  title: string;
  text: string;
  at: string | undefined;
}

/** An RSS 2.0 document whose items are listed in the order given (feeds list newest first; pass them so). */
export function rss(title: string, items: readonly TestItem[]): string {
  const entries = items.map(
    (item) => `<item>
<title>${item.title}</title>
<link>https://${slug(title)}.example.org/${item.id}</link>
<guid isPermaLink="false">${item.id}</guid>
<description><![CDATA[<p>${item.text}</p>]]></description>
${item.at === undefined ? "" : `<pubDate>${new Date(item.at).toUTCString()}</pubDate>\n`}</item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>${title}</title>
<link>https://${slug(title)}.example.org/</link>
<description>Test feed</description>
${entries.join("\n")}
</channel></rss>
`;
}

/** Writes `text` as `name` in `dir` and returns its path. */
export function writeFeed(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Newest first, as feeds list their items. */
export function newestFirst(items: readonly TestItem[]): TestItem[] {
  return [...items].sort((a, b) => Date.parse(b.at ?? "") - Date.parse(a.at ?? ""));
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}
