/** A sparse vector keyed by term. */
export type SparseVector = Map<string, number>;

/** Adds `weight × vector` into `into`. */
export function addInto(into: SparseVector, vector: SparseVector, weight = 1): void {
  for (const [key, value] of vector) into.set(key, (into.get(key) ?? 0) + value * weight);
}

/** Cosine of two vectors after each component is scaled by `scale(key)` (IDF). */
export function weightedCosine(a: SparseVector, b: SparseVector, scale: (key: string) => number): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [key, value] of small) {
    const other = large.get(key);
    if (other !== undefined) {
      const s = scale(key);
      dot += value * other * s * s;
    }
  }
  if (dot === 0) return 0;
  for (const [key, value] of a) {
    const s = scale(key);
    normA += value * value * s * s;
  }
  for (const [key, value] of b) {
    const s = scale(key);
    normB += value * value * s * s;
  }
  return dot / Math.sqrt(normA * normB);
}

/**
 * A scale (IDF) computed once per key: a summary compares dozens of vectors with the same centroid, and
 * TermStats.idf (a map lookup and a log) was a sixth of a development's refresh.
 */
export function cachedScale(scale: (key: string) => number): (key: string) => number {
  const known = new Map<string, number>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined) {
      value = scale(key);
      known.set(key, value);
    }
    return value;
  };
}

/** Keeps only the `keep` largest components, so a long-lived centroid stays small. */
export function pruneTo(vector: SparseVector, keep: number): void {
  if (vector.size <= keep) return;
  const sorted = [...vector.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  vector.clear();
  for (const [key, value] of sorted.slice(0, keep)) vector.set(key, value);
}

/** Counts of each term in a list of (stemmed) terms. */
export function countVector(stems: readonly string[]): SparseVector {
  const vector: SparseVector = new Map();
  for (const term of stems) vector.set(term, (vector.get(term) ?? 0) + 1);
  return vector;
}

/** The vector scaled to length 1 under IDF weights (the zero vector stays zero). */
export function unitVector(vector: SparseVector, idf: (term: string) => number): SparseVector {
  let norm = 0;
  for (const [term, value] of vector) norm += (value * idf(term)) ** 2;
  const scale = norm === 0 ? 0 : 1 / Math.sqrt(norm);
  const out: SparseVector = new Map();
  for (const [term, value] of vector) out.set(term, value * scale);
  return out;
}
