import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import { ContentError } from "../errors.js";
import {
  type Actor,
  ActorList,
  DemoLabels,
  Glossary,
  type GlossaryConcept,
  type Place,
  PlaceList,
  StorySettings,
  type WorldActor,
  WorldActorList,
} from "./story-pack.js";

/** Everything a story folder holds, validated. */
export interface StoryPack {
  dir: string;
  settings: StorySettings;
  actors: Actor[];
  glossary: GlossaryConcept[];
  places: Place[];
  /** The bundled demo feed files with their publishers. */
  demoFeeds: { path: string; publisher: string; lang: "es" | "en" }[];
  /** The demo corpus's truth, when the folder ships one. */
  labels: DemoLabels | undefined;
  /** Countries and international bodies from content/world/ beside the story folder (none when it is missing). */
  world: WorldActor[];
  /** Cities, regions and demonyms from content/world/: names that are never people or organisations. */
  worldPlaces: Place[];
  /** What happens in news events (expel, raid, meet, rule), in both languages, from content/world/actions.json. */
  worldActions: GlossaryConcept[];
}

/**
 * Reads and validates a story folder; a bad file throws a ContentError naming the file, the field and the problem.
 * `setBy` names the variable the folder came from, for the error when it is missing.
 */
export function loadStoryPack(dir: string, options: { setBy?: string } = {}): StoryPack {
  if (!existsSync(join(dir, "story.json"))) {
    const where = options.setBy ? ` (set by ${options.setBy})` : "";
    const why = existsSync(dir) ? "has no story.json" : "does not exist";
    throw new ContentError(
      dir,
      `the story folder${where} ${why}; give a folder under content/ such as content/venezuela-2025`,
    );
  }
  const actors = readJson(dir, "actors.json", ActorList);
  checkUniqueIds(dir, "actors.json", actors);
  const glossary = readJson(dir, "glossary.json", Glossary);
  checkUniqueIds(dir, "glossary.json", glossary);
  const demoDir = join(dir, "demo");
  const settings = readJson(dir, "story.json", StorySettings);
  const demoFeeds = settings.demoFeeds.map((feed, index) => {
    const path = join(demoDir, feed.file);
    if (!existsSync(path))
      throw new ContentError(join(dir, "story.json"), `demoFeeds[${index}].file: ${path} does not exist`);
    return { path, publisher: feed.publisher, lang: feed.lang };
  });
  return {
    dir,
    settings,
    actors,
    glossary,
    places: readJson(dir, "places.json", PlaceList),
    demoFeeds,
    labels: existsSync(join(demoDir, "labels.json")) ? readJson(demoDir, "labels.json", DemoLabels) : undefined,
    world: readWorld(dir),
    worldPlaces: readWorldPlaces(dir),
    worldActions: readWorldActions(dir),
  };
}

/** The events any story has (expel, raid, meet, rule), from `content/world/actions.json` beside a story folder. */
function readWorldActions(storyDir: string): GlossaryConcept[] {
  const worldDir = join(storyDir, "..", "world");
  if (!existsSync(join(worldDir, "actions.json"))) return [];
  const actions = readJson(worldDir, "actions.json", Glossary);
  checkUniqueIds(worldDir, "actions.json", actions);
  return actions;
}

/** Cities, regions and demonyms every story may name, from `content/world/places.json` beside a story folder. */
function readWorldPlaces(storyDir: string): Place[] {
  const worldDir = join(storyDir, "..", "world");
  return existsSync(join(worldDir, "places.json")) ? readJson(worldDir, "places.json", PlaceList) : [];
}

/** The shared gazetteer of countries and international bodies, read from `content/world/` beside a story folder. */
function readWorld(storyDir: string): WorldActor[] {
  const worldDir = join(storyDir, "..", "world");
  if (!existsSync(join(worldDir, "actors.json"))) return [];
  const world = readJson(worldDir, "actors.json", WorldActorList);
  checkUniqueIds(worldDir, "actors.json", world);
  return world;
}

function readJson<T>(dir: string, name: string, schema: z.ZodType<T>): T {
  return readContentJson(join(dir, name), schema);
}

/** Reads and validates one JSON content file; a problem throws a ContentError naming the file, the field and what is wrong. */
export function readContentJson<T>(path: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    // Editors on Windows save JSON with a byte order mark; it says nothing about the content.
    raw = JSON.parse(readFileSync(path, "utf8").replace(/^\ufeff/, ""));
  } catch (error) {
    throw new ContentError(path, existsSync(path) ? `cannot read it as JSON: ${(error as Error).message}` : "missing");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
    throw new ContentError(path, problems.slice(0, 5).join("; "));
  }
  return parsed.data;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(top level)";
  return path
    .map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`))
    .join("")
    .replace(/^\./, "");
}

function checkUniqueIds(dir: string, name: string, entries: readonly { id: string }[]): void {
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    if (seen.has(entry.id)) throw new ContentError(join(dir, name), `[${index}].id: "${entry.id}" is used twice`);
    seen.add(entry.id);
  });
}
