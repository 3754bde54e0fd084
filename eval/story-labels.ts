import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { readContentJson } from "../src/digest/content/load-story-pack.js";
import { ContentError } from "../src/digest/errors.js";

/**
 * A labelled story folder: `feeds/` (the outlets' feed files), `labels.json` (the development, the on-story flag and
 * the actors of every item, plus traps) and `queries.json` (command checks). Read with zod, so a missing or malformed
 * file is named with the field and the problem.
 */
export const StoryDevelopmentLabel = z.object({
  id: z.string().min(1),
  title_es: z.string(),
  title_en: z.string(),
  date: z.string(),
  on_story: z.boolean(),
  description: z.string().default(""),
});

export const StoryArticleLabel = z.object({
  guid: z.string().min(1),
  feed: z.string().min(1),
  feed_file: z.string().min(1),
  link: z.string().min(1),
  lang: z.enum(["es", "en"]),
  published: z.iso.datetime({ offset: true }),
  title: z.string(),
  development: z.string().min(1),
  on_story: z.boolean(),
  secondary: z.array(z.string()).or(z.string()).optional(),
  syndicated_from: z.string().optional(),
  actors: z.array(z.object({ id: z.string().min(1), surfaces: z.array(z.string()) })),
});
export type StoryArticleLabel = z.infer<typeof StoryArticleLabel>;

export const StoryActorLabel = z.object({
  id: z.string().min(1),
  kind: z.string(),
  name_es: z.string(),
  name_en: z.string(),
  aliases_seen: z.array(z.string()).default([]),
  other_known_aliases: z.array(z.string()).default([]),
  ambiguous_aliases: z.array(z.string()).default([]),
});
export type StoryActorLabel = z.infer<typeof StoryActorLabel>;

export const StoryTrap = z.object({
  surface: z.string(),
  guid: z.string(),
  must_not_link_to: z.string(),
  why: z.string().default(""),
  kind: z.string(),
});
export type StoryTrap = z.infer<typeof StoryTrap>;

export const StoryLabels = z.object({
  developments: z.array(StoryDevelopmentLabel).min(1),
  articles: z.array(StoryArticleLabel).min(1),
  actors: z.array(StoryActorLabel).default([]),
  traps: z.array(StoryTrap).default([]),
});
export type StoryLabels = z.infer<typeof StoryLabels>;

export const CommandCheck = z.object({
  command: z.string().min(1),
  resolves_to: z.string().nullable().optional(),
  must_include_developments: z.array(z.string()).default([]),
  must_not_include_developments: z.array(z.string()).default([]),
  expected_order: z.array(z.string()).optional(),
  accept_clarification: z.boolean().default(false),
  ambiguous_with: z.array(z.string()).default([]),
  note: z.string().default(""),
});
export type CommandCheck = z.infer<typeof CommandCheck>;

export const CommandChecks = z.object({ queries: z.array(CommandCheck) });

/** A labelled story folder, read and validated. */
export interface LabelledStory {
  dir: string;
  /** The feed files, in the folder's order. */
  feedFiles: string[];
  labels: StoryLabels;
  checks: CommandCheck[];
}

/** Reads a labelled story folder; a missing folder, file or field throws a ContentError that names it. */
export function readLabelledStory(dir: string): LabelledStory {
  const feedsDir = join(dir, "feeds");
  if (!existsSync(feedsDir))
    throw new ContentError(feedsDir, "missing: a labelled story folder has its feed files in feeds/");
  const feedFiles = readdirSync(feedsDir)
    .filter((name) => /\.(xml|rss|atom|rdf)$/i.test(name))
    .sort()
    .map((name) => join(feedsDir, name));
  if (feedFiles.length === 0) throw new ContentError(feedsDir, "holds no .xml, .rss, .atom or .rdf feed file");
  const labels = readContentJson(join(dir, "labels.json"), StoryLabels);
  const checksPath = join(dir, "queries.json");
  const checks = existsSync(checksPath) ? readContentJson(checksPath, CommandChecks).queries : [];
  const developments = new Set(labels.developments.map((development) => development.id));
  labels.articles.forEach((article, index) => {
    if (!developments.has(article.development)) {
      throw new ContentError(
        join(dir, "labels.json"),
        `articles[${index}].development: "${article.development}" is not among developments[]`,
      );
    }
  });
  return { dir, feedFiles, labels, checks };
}
