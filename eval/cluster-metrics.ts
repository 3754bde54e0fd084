/** Precision, recall and F1 of one way of scoring a clustering. */
export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

export interface ClusterScores {
  bcubed: Prf;
  pairwise: Prf;
  items: number;
  predictedClusters: number;
  goldClusters: number;
}

/** B-cubed and pairwise scores of predicted clusters against gold clusters (both keyed by item id). */
export function scoreClusters(
  gold: ReadonlyMap<string, string>,
  predicted: ReadonlyMap<string, string>,
): ClusterScores {
  const ids = [...gold.keys()].filter((id) => predicted.has(id));
  const goldGroups = groupBy(ids, (id) => gold.get(id)!);
  const predictedGroups = groupBy(ids, (id) => predicted.get(id)!);
  const overlap = new Map<string, number>();
  for (const id of ids) {
    const key = `${gold.get(id)}\u0000${predicted.get(id)}`;
    overlap.set(key, (overlap.get(key) ?? 0) + 1);
  }

  let bPrecision = 0;
  let bRecall = 0;
  for (const id of ids) {
    const shared = overlap.get(`${gold.get(id)}\u0000${predicted.get(id)}`)!;
    bPrecision += shared / predictedGroups.get(predicted.get(id)!)!;
    bRecall += shared / goldGroups.get(gold.get(id)!)!;
  }
  const pairs = (n: number) => (n * (n - 1)) / 2;
  let truePairs = 0;
  for (const count of overlap.values()) truePairs += pairs(count);
  let predictedPairs = 0;
  for (const count of predictedGroups.values()) predictedPairs += pairs(count);
  let goldPairs = 0;
  for (const count of goldGroups.values()) goldPairs += pairs(count);

  return {
    bcubed: prf(ids.length === 0 ? 0 : bPrecision / ids.length, ids.length === 0 ? 0 : bRecall / ids.length),
    pairwise: prf(predictedPairs === 0 ? 1 : truePairs / predictedPairs, goldPairs === 0 ? 1 : truePairs / goldPairs),
    items: ids.length,
    predictedClusters: predictedGroups.size,
    goldClusters: goldGroups.size,
  };
}

/** Precision and recall of predicted labels per item (sets) against gold sets, micro-averaged. */
export function scoreLabelSets(
  gold: ReadonlyMap<string, ReadonlySet<string>>,
  predicted: ReadonlyMap<string, ReadonlySet<string>>,
): Prf & { truePositives: number; falsePositives: number; falseNegatives: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [id, goldSet] of gold) {
    const predictedSet = predicted.get(id) ?? new Set<string>();
    for (const label of predictedSet) {
      if (goldSet.has(label)) tp += 1;
      else fp += 1;
    }
    for (const label of goldSet) if (!predictedSet.has(label)) fn += 1;
  }
  return {
    ...prf(tp + fp === 0 ? 1 : tp / (tp + fp), tp + fn === 0 ? 1 : tp / (tp + fn)),
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
  };
}

function prf(precision: number, recall: number): Prf {
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

function groupBy(ids: readonly string[], key: (id: string) => string): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const id of ids) sizes.set(key(id), (sizes.get(key(id)) ?? 0) + 1);
  return sizes;
}
