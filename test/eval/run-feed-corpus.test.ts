import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { FEED_CORPUS_RUN, runFeedCorpus } from "../../eval/run-feed-corpus.js";

const dir = mkdtempSync(join(tmpdir(), "hilo-feeds-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const NOW = Date.parse("2025-12-10T12:00:00Z");
const files = (...names: string[]) => names.map((file) => ({ file, encodingCase: false }));

describe("runFeedCorpus", () => {
  it("reads each file through decode and parse in a worker process, in order", async () => {
    writeFileSync(
      join(dir, "wire.rss"),
      '<rss version="2.0"><channel><item><title>Harbour reopens</title></item></channel></rss>',
    );
    writeFileSync(join(dir, "page.html"), "<html><body>not a feed</body></html>");
    writeFileSync(join(dir, "wire.gz"), gzipSync("<rss/>"));
    const results = await runFeedCorpus({
      dir,
      files: files("wire.rss", "page.html", "wire.gz", "absent.rss"),
      now: NOW,
    });
    expect(results.map((result) => [result.file, result.outcome.kind])).toEqual([
      ["wire.rss", "parsed"],
      ["page.html", "rejected"],
      ["wire.gz", "rejected"],
      ["absent.rss", "crashed"],
    ]);
    expect(results[3]!.outcome).toMatchObject({ error: expect.stringMatching(/cannot read it/) });
  });

  it("records a file that never finishes as hung and one that kills the process as crashed, and goes on after each", async () => {
    const worker = fileURLToPath(new URL("../fixtures/eval/stalling-feed-worker.ts", import.meta.url));
    const results = await runFeedCorpus(
      { dir, files: files("a.rss", "hang.rss", "b.rss", "die.rss", "c.rss"), now: NOW },
      { ...FEED_CORPUS_RUN, worker, hangMs: 1_500 },
    );
    expect(results.map((result) => result.outcome)).toEqual([
      { kind: "parsed", items: 1 },
      { kind: "hung", afterMs: 1_500 },
      { kind: "parsed", items: 1 },
      { kind: "crashed", error: expect.stringMatching(/exited \(code 3\)/) },
      { kind: "parsed", items: 1 },
    ]);
  });
});
