import { HashedCounts } from "./hashed-counts.js";

/**
 * Keys counted before the rarest are forgotten, so the counts stay bounded however large the archive grows (they
 * grew by ~4 MB per 100,000 articles, for ever). After a prune three quarters remain, those seen most often. Kept as
 * hashes (see HashedCounts): 12 bytes a slot, ~3 MB at the bound; as a Map of words, 101,000 keys held 10.5 MB.
 */
export const MAX_TERM_KEYS = 120_000;

/** Document frequencies of terms and anchors, for IDF weights; the grouping and /search share them. */
export class TermStats {
  private readonly df = new HashedCounts();
  private readonly changed = new Set<string>();
  docCount = 0;

  constructor(private readonly maxKeys = MAX_TERM_KEYS) {}

  /** Counts one document containing these keys (each key once). */
  observe(keys: Iterable<string>): void {
    this.docCount += 1;
    for (const key of keys) {
      this.df.add(key);
      this.changed.add(key);
    }
  }

  /** Smoothed inverse document frequency: rare keys weigh more, unseen keys weigh most. */
  idf(key: string): number {
    return Math.log(1 + (this.docCount + 1) / (this.df.get(key) + 1));
  }

  /** Keys counted now. */
  get size(): number {
    return this.df.size;
  }

  /**
   * Past `maxKeys`, forgets the rarest keys (seen once, then twice, …) until at most three quarters remain, so the next
   * prune is far off. A forgotten key weighs as an unseen one, a little more than it did: the rarest words (a typo, a
   * one-off name) are the ones a grouping weighs least by their count anyway. Returns the count at or below which
   * keys were forgotten, for the store to forget them too, or undefined when nothing was.
   */
  prune(): number | undefined {
    if (this.df.size <= this.maxKeys) return undefined;
    const keep = Math.floor(this.maxKeys * 0.75);
    const keysByCount = new Map<number, number>();
    for (const count of this.df.values()) keysByCount.set(count, (keysByCount.get(count) ?? 0) + 1);
    let threshold = 0;
    let left = this.df.size;
    for (const count of [...keysByCount.keys()].sort((a, b) => a - b)) {
      if (left <= keep) break;
      left -= keysByCount.get(count)!;
      threshold = count;
    }
    this.df.dropAtMost(threshold);
    for (const key of this.changed) if (this.df.get(key) === 0) this.changed.delete(key);
    return threshold;
  }

  /** Forgets every count. */
  clear(): void {
    this.df.clear();
    this.changed.clear();
    this.docCount = 0;
  }

  /** Restores counts read back from the store. */
  load(rows: Iterable<[string, number]>, docCount: number): void {
    for (const [key, df] of rows) this.df.add(key, df);
    this.docCount = docCount;
  }

  /** The counts changed since the last call, for the store to persist. */
  takeChanges(): [string, number][] {
    const out: [string, number][] = [];
    for (const key of this.changed) out.push([key, this.df.get(key)]);
    this.changed.clear();
    return out;
  }
}
