import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { StoryEvaluation } from "../../eval/evaluate-story.js";
import { loadConfig } from "../../src/config.js";
import { runHilo } from "../helpers/run-hilo.js";

// A tiny labelled story in the public folders' layout: two events told by two outlets, and a baseball score.
const STORY = fileURLToPath(new URL("../fixtures/eval/data/story-venezuela-2025", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "hilo-story-eval-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const config = loadConfig({
  HILO_DB_PATH: join(scratch, "hilo.db"),
  HILO_STORY_DIR: join(import.meta.dirname, "../../content/venezuela-2025"),
});

const hilo = (args: string[]) => runHilo(args, config);

/** A copy of the story folder, its labels changed by `edit`. */
function variant(name: string, edit: (labels: any, dir: string) => void): string {
  const dir = join(scratch, name);
  cpSync(STORY, dir, { recursive: true });
  const path = join(dir, "labels.json");
  const labels = JSON.parse(readFileSync(path, "utf8"));
  edit(labels, dir);
  writeFileSync(path, JSON.stringify(labels));
  return dir;
}

async function evaluation(dir: string): Promise<StoryEvaluation> {
  const { code, stdout } = await hilo(["eval", "--story", dir, "--json"]);
  expect(code).toBe(0);
  return JSON.parse(stdout) as StoryEvaluation;
}

describe("hilo eval --story", () => {
  it("replays the story's feeds through the bot and scores developments, actors, relevance, commands and alerts", async () => {
    const { code, stdout } = await hilo(["eval", "--story", STORY]);
    expect(code).toBe(0);
    expect(stdout).toContain("articles: 5 of 5 labelled items found");
    expect(stdout).toContain("| all | 5 | 3 | 3 | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 |");
    expect(stdout).toContain("actors: precision 1.000 recall 1.000 F1 1.000 (tp 8, fp 0, fn 0)");
    expect(stdout).toContain("traps lexical: 0 of 1 hit");
    expect(stdout).toContain("story relevance: 2 of 2 on-story developments on the story, 1 of 1 distractors off it");
    expect(stdout).toContain("commands: 2 of 2 right");
    expect(stdout).toContain(
      "alerts: 2 of 2 eligible on-story developments alerted exactly once; missed 0; duplicates 0; off-story 0",
    );
  });

  it("reads every command's reply as a subscriber would: no page furniture, no cut sentence, no untagged language", async () => {
    // The fixture's feeds carry a kicker, a caption with a photo credit, "Lea también", a copyright line, a wire
    // dateline and credit, "Read more" and a follow prompt.
    const { output } = await evaluation(STORY);
    expect(output.replies).toBeGreaterThanOrEqual(8);
    expect(output.boilerplate).toEqual([]);
    expect(output.cutSentences).toEqual([]);
    expect(output.untaggedLanguage).toEqual([]);
  });

  it("shows a labelled difference as a lower score: two events labelled as one", async () => {
    const dir = variant("one-event", (labels) => {
      for (const article of labels.articles)
        if (article.development === "tanker-seized") article.development = "belarus-welcome";
    });
    const result = await evaluation(dir);
    expect(result.developments.all.bcubed.recall).toBeLessThan(1);
    expect(result.developments.all.bcubed.precision).toBe(1);
  });

  it("lists a trap the bot fell into, with the words and the report", async () => {
    const dir = variant("trap", (labels) => {
      labels.traps.push({
        surface: "Trump",
        guid: "hw-3",
        must_not_link_to: "trump",
        why: "made up to be hit",
        kind: "lexical",
      });
    });
    const result = await evaluation(dir);
    expect(result.actors.trapHits).toEqual([{ kind: "lexical", surface: "Trump", actor: "trump", guid: "hw-3" }]);
  });

  it("names the file and field of a malformed label, and exits 2", async () => {
    const dir = variant("bad-lang", (labels) => {
      labels.articles[1].lang = "fr";
    });
    const { code, stdout, stderr } = await hilo(["eval", "--story", dir]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/labels\.json.*articles\[1\]\.lang/);
  });

  it("names a report labelled with a development the labels do not list", async () => {
    const dir = variant("unknown-development", (labels) => {
      labels.articles[0].development = "nowhere";
    });
    const { code, stderr } = await hilo(["eval", "--story", dir]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/articles\[0\]\.development: "nowhere" is not among developments\[\]/);
  });

  it("names a missing labels file or feeds folder", async () => {
    const noLabels = variant("no-labels", () => {});
    rmSync(join(noLabels, "labels.json"));
    const missingLabels = await hilo(["eval", "--story", noLabels]);
    expect(missingLabels.code).toBe(2);
    expect(missingLabels.stderr).toContain(`${join(noLabels, "labels.json")}: missing`);
    const noFeeds = variant("no-feeds", (_labels, dir) => rmSync(join(dir, "feeds"), { recursive: true }));
    const missingFeeds = await hilo(["eval", "--story", noFeeds]);
    expect(missingFeeds.code).toBe(2);
    expect(missingFeeds.stderr).toContain(join(noFeeds, "feeds"));
  });
});
