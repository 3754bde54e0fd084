import { type ClusterScores, scoreClusters } from "./cluster-metrics.js";

/** What a labelled dataset says about one document. */
export interface DevelopmentLabel {
  id: string;
  /** The gold event. */
  cluster: string;
  /** Events of one topic are different events of the same kind (ECB+: two earthquakes). */
  topic?: string | undefined;
  split?: string | undefined;
}

/** Scores of one part of a dataset, grouped on its own. */
export interface SplitScores {
  split: string;
  scores: ClusterScores;
  /** Topics whose events all ended in disjoint developments, of the topics with two or more events; absent without topics. */
  topicsApart?: { apart: number; topics: number };
}

/**
 * Groups each part of a labelled dataset on its own and scores it against the gold events. Parts are
 * "test" and "train+dev" when lines carry a split (tuning data and held-out data reported apart), else "all".
 * `group` maps each document id to the development it joined.
 */
export function scoreDevelopmentSplits<T>(
  entries: readonly T[],
  labelOf: (entry: T) => DevelopmentLabel,
  group: (entries: readonly T[]) => ReadonlyMap<string, string>,
): SplitScores[] {
  const splits = new Map<string, T[]>();
  for (const entry of entries) {
    const part = evaluationPart(labelOf(entry).split);
    splits.set(part, [...(splits.get(part) ?? []), entry]);
  }
  return [...splits]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([split, part]) => {
      const labels = part.map(labelOf);
      const predicted = group(part);
      const scores = scoreClusters(new Map(labels.map((label) => [label.id, label.cluster])), predicted);
      const apart = topicsApart(labels, predicted);
      return apart ? { split, scores, topicsApart: apart } : { split, scores };
    });
}

/** The part of a dataset a line is grouped and scored with: its test split apart from everything it was tuned on. */
export function evaluationPart(split: string | undefined): "test" | "train+dev" | "all" {
  return split === "test" ? "test" : split ? "train+dev" : "all";
}

/** Topics whose gold events ended up in disjoint predicted developments, of those with two or more events. */
export function topicsApart(
  labels: readonly DevelopmentLabel[],
  predicted: ReadonlyMap<string, string>,
): { apart: number; topics: number } | undefined {
  const topics = new Map<string, Map<string, Set<string>>>();
  for (const { id, cluster, topic } of labels) {
    const development = predicted.get(id);
    if (topic === undefined || development === undefined) continue;
    const events = topics.get(topic) ?? new Map<string, Set<string>>();
    topics.set(topic, events);
    const developments = events.get(cluster) ?? new Set<string>();
    events.set(cluster, developments);
    developments.add(development);
  }
  const eligible = [...topics.values()].filter((events) => events.size >= 2);
  if (eligible.length === 0) return undefined;
  const apart = eligible.filter((events) => {
    const seen = new Set<string>();
    for (const developments of events.values()) {
      for (const development of developments) if (seen.has(development)) return false;
      for (const development of developments) seen.add(development);
    }
    return true;
  }).length;
  return { apart, topics: eligible.length };
}
