import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadStoryPack } from "../../../src/digest/content/load-story-pack.js";
import { ContentError } from "../../../src/digest/errors.js";
import { STORY_DIR } from "../../helpers/demo-hilo.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function copyOfStory(): string {
  const dir = mkdtempSync(join(tmpdir(), "hilo-pack-"));
  dirs.push(dir);
  cpSync(STORY_DIR, dir, { recursive: true });
  return dir;
}

function editJson(path: string, edit: (json: any) => void): void {
  const json = JSON.parse(readFileSync(path, "utf8"));
  edit(json);
  writeFileSync(path, JSON.stringify(json));
}

describe("the story pack", () => {
  it("ships a valid default story with enough actors, concepts, demo feeds and labels", () => {
    const pack = loadStoryPack(STORY_DIR);
    expect(pack.actors.length).toBeGreaterThanOrEqual(15);
    expect(pack.glossary.length).toBeGreaterThanOrEqual(20);
    expect(pack.demoFeeds.length).toBeGreaterThanOrEqual(8);
    expect(Object.keys(pack.labels!.items).length).toBeGreaterThanOrEqual(120);
    expect(Object.keys(pack.labels!.developments).length).toBeGreaterThanOrEqual(15);
    expect(new Set(pack.demoFeeds.map((feed) => feed.lang))).toEqual(new Set(["es", "en"]));
  });

  it("reads the shared news actions beside the story folder, and names the file and field when one is malformed", () => {
    expect(loadStoryPack(STORY_DIR).worldActions.map((action) => action.id)).toContain("act-expel");
    const root = mkdtempSync(join(tmpdir(), "hilo-content-"));
    dirs.push(root);
    cpSync(STORY_DIR, join(root, "story"), { recursive: true });
    cpSync(join(STORY_DIR, "..", "world"), join(root, "world"), { recursive: true });
    editJson(join(root, "world", "actions.json"), (actions) => {
      actions[1].en = [];
    });
    expect(() => loadStoryPack(join(root, "story"))).toThrow(/actions\.json.*\[1\]\.en/);
  });

  it("names the file, the field and the problem when an actor is malformed", () => {
    const dir = copyOfStory();
    editJson(join(dir, "actors.json"), (actors) => {
      actors[2].kind = "celebrity";
    });
    expect(() => loadStoryPack(dir)).toThrow(ContentError);
    expect(() => loadStoryPack(dir)).toThrow(/actors\.json: \[2\]\.kind: /);
  });

  it("says which file is not JSON", () => {
    const dir = copyOfStory();
    writeFileSync(join(dir, "glossary.json"), "{ not json");
    expect(() => loadStoryPack(dir)).toThrow(/glossary\.json: cannot read it as JSON/);
  });

  it("refuses two actors with one id", () => {
    const dir = copyOfStory();
    editJson(join(dir, "actors.json"), (actors) => {
      actors[1].id = actors[0].id;
    });
    expect(() => loadStoryPack(dir)).toThrow(/\[1\]\.id: "maduro" is used twice/);
  });

  it("names a demo feed file that does not exist", () => {
    const dir = copyOfStory();
    editJson(join(dir, "story.json"), (story) => {
      story.demoFeeds[0].file = "missing.xml";
    });
    expect(() => loadStoryPack(dir)).toThrow(/story\.json: demoFeeds\[0\]\.file: .*missing\.xml does not exist/);
  });

  it("refuses a time zone that does not exist when the story loads, not when a command runs", () => {
    const dir = copyOfStory();
    editJson(join(dir, "story.json"), (story) => {
      story.timeZone = "Mars/Olympus";
    });
    expect(() => loadStoryPack(dir)).toThrow(
      /story\.json: timeZone: "Mars\/Olympus" is not an IANA time zone; use a name such as America\/Caracas/,
    );
  });

  it("refuses a role that ends before it starts, and a feed listed twice", () => {
    const dir = copyOfStory();
    editJson(join(dir, "actors.json"), (actors) => {
      actors[0].roles[0].to = "1900-01-01";
    });
    expect(() => loadStoryPack(dir)).toThrow(/actors\.json: \[0\]\.roles\[0\]\.to: `to` is before `from`/);
    const other = copyOfStory();
    editJson(join(other, "story.json"), (story) => {
      story.feeds.push(story.feeds[0]);
    });
    expect(() => loadStoryPack(other)).toThrow(/story\.json: feeds\[\d+\]\.url: ".*" is listed twice/);
  });

  it("accepts every content file saved with a UTF-8 byte order mark", () => {
    const dir = copyOfStory();
    for (const name of ["actors.json", "glossary.json", "places.json", "story.json", "demo/labels.json"]) {
      writeFileSync(join(dir, name), `\ufeff${readFileSync(join(dir, name), "utf8")}`);
    }
    const pack = loadStoryPack(dir);
    expect(pack.actors).toEqual(loadStoryPack(STORY_DIR).actors);
    expect(pack.labels).toBeDefined();
  });

  it("names the folder and the variable that set it when the story folder is missing", () => {
    const missing = join(copyOfStory(), "no-such-story");
    expect(() => loadStoryPack(missing, { setBy: "HILO_STORY_DIR" })).toThrow(
      `${missing}: the story folder (set by HILO_STORY_DIR) does not exist; give a folder under content/ such as content/venezuela-2025`,
    );
  });
});
