import Parser from "rss-parser";
import type { Db } from "../src/digest/index.js";

/**
 * The least any feed reader must do with an item: rss-parser reads the XML, and the item is written once as a
 * plain row and once as a full-text row, in one transaction per feed. Hilo's pipeline is measured against this.
 * Returns the milliseconds one pass over `documents` took; the rows are removed afterwards, untimed.
 */
export async function parseAndStore(db: Db, documents: readonly { xml: string }[]): Promise<number> {
  db.exec(`CREATE TABLE IF NOT EXISTS floor_items (id TEXT PRIMARY KEY, url TEXT, title TEXT, text TEXT, published INTEGER);
    CREATE VIRTUAL TABLE IF NOT EXISTS floor_search USING fts5(terms);`);
  const insert = db.prepare("INSERT INTO floor_items (id, url, title, text, published) VALUES (?, ?, ?, ?, ?)");
  const index = db.prepare("INSERT INTO floor_search (terms) VALUES (?)");
  const parser = new Parser();
  const start = performance.now();
  for (const document of documents) {
    const feed = await parser.parseString(document.xml);
    db.transaction(() => {
      for (const item of feed.items) {
        const text = item.contentSnippet ?? item.content ?? "";
        insert.run(
          item.guid ?? item.link ?? "",
          item.link ?? null,
          item.title ?? "",
          text,
          Date.parse(item.pubDate ?? ""),
        );
        index.run(`${item.title ?? ""} ${text}`);
      }
    })();
  }
  const elapsed = performance.now() - start;
  db.exec("DELETE FROM floor_items; DELETE FROM floor_search;");
  return elapsed;
}

/** The middle value (the lower of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}
