import type { DemoLabels } from "../src/digest/content/story-pack.js";
import { canonicalUrl } from "../src/digest/feeds/canonical-url.js";
import type { StoredArticle } from "../src/digest/store/article-store.js";
import { type ClusterScores, type Prf, scoreClusters, scoreLabelSets } from "./cluster-metrics.js";

export interface DemoEvaluation {
  developments: ClusterScores;
  /** Predicted developments that mix a distractor's articles with another development's. */
  mergedDistractors: string[];
  actors: Prf & { truePositives: number; falsePositives: number; falseNegatives: number };
  /** Articles linked to Petro that don't mention him (petróleo, petrolera, Petrobras…). */
  petroFalsePositives: number;
  /** Labelled items that were not found among the stored articles. */
  missing: string[];
  /** Links to actors the labels do not cover (the shared gazetteer's countries and bodies): reported, not scored. */
  outsideLinks: number;
}

/**
 * Scores stored articles (with their developments and actors) against the demo corpus's labels. The labels name only
 * the story's own actors (`tracked`); links to any other actor are counted apart.
 */
export function evaluateDemo(
  labels: DemoLabels,
  articles: readonly (StoredArticle & { actorIds: readonly string[] })[],
  tracked: ReadonlySet<string>,
): DemoEvaluation {
  const byUrl = new Map(articles.map((article) => [article.url, article]));
  const gold = new Map<string, string>();
  const predicted = new Map<string, string>();
  const goldActors = new Map<string, Set<string>>();
  const predictedActors = new Map<string, Set<string>>();
  const missing: string[] = [];
  let outsideLinks = 0;
  for (const [link, label] of Object.entries(labels.items)) {
    const article = byUrl.get(canonicalUrl(link));
    if (!article) {
      missing.push(link);
      continue;
    }
    gold.set(article.id, label.development);
    predicted.set(article.id, String(article.developmentId));
    goldActors.set(article.id, new Set(label.actors));
    predictedActors.set(article.id, new Set(article.actorIds.filter((id) => tracked.has(id))));
    outsideLinks += article.actorIds.filter((id) => !tracked.has(id)).length;
  }
  const mergedDistractors: string[] = [];
  for (const [id, info] of Object.entries(labels.developments)) {
    if (!info.distractor) continue;
    const predictedIds = new Set([...gold].filter(([, dev]) => dev === id).map(([article]) => predicted.get(article)));
    const intruders = [...gold].filter(([article, dev]) => dev !== id && predictedIds.has(predicted.get(article)));
    if (intruders.length > 0) mergedDistractors.push(id);
  }
  let petroFalsePositives = 0;
  for (const [id, actors] of predictedActors)
    if (actors.has("petro") && !goldActors.get(id)?.has("petro")) petroFalsePositives += 1;
  return {
    developments: scoreClusters(gold, predicted),
    mergedDistractors,
    actors: scoreLabelSets(goldActors, predictedActors),
    petroFalsePositives,
    missing,
    outsideLinks,
  };
}
