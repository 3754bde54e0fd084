import { type Logger, openDatabase, Pipeline, type StoryPack } from "../src/digest/index.js";
import { type SplitScores, scoreDevelopmentSplits } from "./development-eval.js";
import type { JsonlArticle } from "./read-jsonl-articles.js";

/** The story names grouping may use; a dataset about other stories passes empty lists. */
export type GroupingPack = Pick<StoryPack, "actors" | "glossary" | "places">;

/** Groups parsed lines through the bot's own pipeline, on a throwaway in-memory database. */
export function groupJsonlArticles(
  lines: readonly JsonlArticle[],
  pack: GroupingPack,
  log: Logger,
): Map<string, number> {
  const db = openDatabase(":memory:");
  try {
    return new Pipeline(db, pack, log).ingestArticles(lines, Date.now());
  } finally {
    db.close();
  }
}

/** Groups each split of labelled lines through the pipeline and scores it against the lines' "cluster" field. */
export function scoreJsonlSplits(lines: readonly JsonlArticle[], pack: GroupingPack, log: Logger): SplitScores[] {
  return scoreDevelopmentSplits(
    lines,
    ({ line, article }) => ({ id: article.id, cluster: line.cluster ?? "", topic: line.topic, split: line.split }),
    (part) => new Map([...groupJsonlArticles(part, pack, log)].map(([id, development]) => [id, String(development)])),
  );
}
