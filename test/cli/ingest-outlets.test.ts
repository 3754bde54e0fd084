import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { FeedStore } from "../../src/digest/store/feed-store.js";
import { openDatabase } from "../../src/digest/store/open-database.js";
import { runHilo } from "../helpers/run-hilo.js";
import { writeFeed } from "../helpers/write-feed.js";

const dir = mkdtempSync(join(tmpdir(), "hilo-ingest-outlets-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const config = loadConfig({
  HILO_DB_PATH: join(dir, "hilo.db"),
  HILO_STORY_DIR: join(import.meta.dirname, "../../content/venezuela-2025"),
});

const feed = (channel: string, site: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${channel}</title><link>${site}</link><description>Test</description>
<item><title>Lukashenko says Maduro will always be welcome in Belarus</title><link>${site}1</link>
<description>The Belarusian leader met Venezuela's ambassador.</description><pubDate>Tue, 09 Dec 2025 21:00:00 GMT</pubDate></item>
</channel></rss>`;

describe("hilo ingest FILE", () => {
  it("names each outlet from its channel title, not from the file's name; --publisher still decides", async () => {
    const northgate = writeFeed(
      dir,
      "ng-world.xml",
      feed("World news | The Harbor Post", "https://www.harborpost.co.uk/world/"),
    );
    const posta = writeFeed(
      dir,
      "posta.xml",
      feed("Diario Llanero – El Mundo", "https://www.diariollanero.com.ar/el-mundo/"),
    );
    expect((await runHilo(["ingest", northgate], config)).code).toBe(0);
    expect((await runHilo(["ingest", posta, "--publisher", "Posta"], config)).code).toBe(0);
    const db = openDatabase(config.liveDbPath);
    try {
      const names = new FeedStore(db)
        .all()
        .map((record) => record.publisher)
        .sort();
      expect(names).toEqual(["Posta", "The Harbor Post"]);
    } finally {
      db.close();
    }
  });
});
