import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { EvalReport } from "../../eval/run-eval-suite.js";
import { loadConfig } from "../../src/config.js";
import { runHilo } from "../helpers/run-hilo.js";

// Made-up data in the shape of the public evaluation files, small enough to check by eye.
const DATA = fileURLToPath(new URL("../fixtures/eval/data", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "hilo-eval-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const config = loadConfig({
  HILO_DB_PATH: join(scratch, "hilo.db"),
  HILO_STORY_DIR: join(import.meta.dirname, "../../content/venezuela-2025"),
});

const hilo = (args: string[]) => runHilo(args, config);

/** A copy of the fixture data, changed by `edit`, in a folder of its own. */
function variant(name: string, edit: (dir: string) => void): string {
  const dir = join(scratch, name);
  cpSync(DATA, dir, { recursive: true });
  edit(dir);
  return dir;
}

describe("hilo eval --all", () => {
  it("prints one report: developments, summaries, actor discovery and the feed corpus", async () => {
    const { code, stdout } = await hilo(["eval", "--all", DATA]);
    expect(code).toBe(0);
    expect(stdout).toContain("| test | 4 | 2 | 2 | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 | 1/1 |");
    expect(stdout).toContain("| train+dev | 4 | 2 | 2 |");
    expect(stdout).toMatch(
      /DUC 2003 task 2: 1 clusters[\s\S]*\| Lead \| [\d.]+ \| [\d.]+ \|[\s\S]*\| Hilo extractive \|/,
    );
    expect(stdout).toContain("| exact span, untyped | 0.750 | 1.000 | 0.857 | 3 | 1 | 0 |");
    expect(stdout).toContain("parsed: 2 files (3 items)");
    expect(stdout).toContain("page.html → not-a-feed:");
    expect(stdout).toContain("crashes (any other exception): 0");
    expect(stdout).toContain("hangs (still running after the per-file bound): 0");
    expect(stdout).toContain("encoding cases, well-formed: 1/1 decode to the text their header expects");
    // The labelled story folder named after the configured pack is replayed with it.
    expect(stdout).toMatch(
      /\| \S*story-venezuela-2025 \| 1\.000 \| 1\.000 \| 1\.000 \| 1\.000 \| 1\.000 \| 1\.000 \| 0\/1 \| 3\/3 \| 2\/2 \| 2\/2 \| 0 \| 0 \|/,
    );
  });

  it("reports a labelled story folder with no story pack of its name instead of scoring it", async () => {
    const dir = variant("unknown-story", (d) =>
      cpSync(join(d, "story-venezuela-2025"), join(d, "story-atlantis-2030"), { recursive: true }),
    );
    const { code, stdout } = await hilo(["eval", "--all", dir]);
    expect(code).toBe(0);
    expect(stdout).toContain(`skipped ${join(dir, "story-atlantis-2030")}: no story pack at`);
    expect(stdout).toContain("story-venezuela-2025 |");
  });

  it("gives the same measurements as JSON for scripts", async () => {
    const { code, stdout } = await hilo(["eval", "--all", DATA, "--json"]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as EvalReport;
    expect(report.developments.splits.map((split) => [split.split, split.topicsApart])).toEqual([
      ["test", { apart: 1, topics: 1 }],
      ["train+dev", { apart: 1, topics: 1 }],
    ]);
    expect(
      report.summaries.map((part) => [part.dataset, part.maxWords, part.systems.map((system) => system.system)]),
    ).toEqual([
      ["DUC 2003 task 2", 100, ["Lead", "Hilo chat summary", "Hilo extractive"]],
      ["MultiLing 2011 en", 250, ["Lead", "Hilo chat summary", "Hilo extractive"]],
    ]);
    // The extractive summary recovers more of the references than the newest report's opening.
    const [lead, , extractive] = report.summaries[0]!.systems;
    expect(extractive!.rouge1).toBeGreaterThan(lead!.rouge1);
    expect(report.actors.untyped.truePositives).toBe(3);
    expect(report.feeds).toMatchObject({ files: 3, parsed: { files: 2, items: 3 }, crashed: [], hung: [] });
  });

  it("names the data file that is missing and exits non-zero", async () => {
    const dir = variant("no-conll", (d) => rmSync(join(d, "conll2002-es-dev.jsonl")));
    const { code, stdout, stderr } = await hilo(["eval", "--all", dir]);
    expect(code).toBe(2);
    expect(stderr).toContain(`missing: ${join(dir, "conll2002-es-dev.jsonl")}`);
    expect(stdout).toBe("");
  });

  it("names a feed file the manifest lists but the folder lacks", async () => {
    const dir = variant("no-page", (d) => rmSync(join(d, "feeds", "page.html")));
    const { code, stderr } = await hilo(["eval", "--all", dir]);
    expect(code).toBe(2);
    expect(stderr).toContain(`missing: ${join(dir, "feeds", "page.html")}`);
  });

  it("names the file and line of data it cannot read", async () => {
    const dir = variant("bad-duc", (d) =>
      writeFileSync(join(d, "duc2003-task2.jsonl"), '{"cluster":"d1","docs":[],"references":["x"]}\n'),
    );
    const { code, stderr } = await hilo(["eval", "--all", dir]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/duc2003-task2\.jsonl: line 1: docs: /);
  });

  it("takes a folder only with --all", async () => {
    const { code, stderr } = await hilo(["eval", DATA]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/only hilo eval --all takes a folder/);
  });
});
