import { NEAR_DUPLICATE_SIMILARITY, SIGNATURE_SIZE, signatureSimilarity } from "./minhash.js";

// 16 bands of 4 rows: a pair with Jaccard 0.5 shares a band with probability 1 − (1 − 0.5⁴)¹⁶ ≈ 0.64… per
// signature, 0.7 → 0.98; each candidate is then checked against the full signature.
const ROWS = 4;

/**
 * MinHash signatures of recent articles, bucketed by band (locality-sensitive hashing), so finding the
 * copy of an article compares a handful of signatures, never the archive.
 */
export class NearDuplicateIndex {
  private readonly buckets = new Map<string, { id: string; signature: Uint32Array; at: number }[]>();
  // Articles in the order they were added, so those that fall out of the window leave their buckets. Most band
  // keys are unique to one article, so without this the index would grow by 16 buckets per article for ever.
  private readonly added: { id: string; keys: string[]; at: number }[] = [];
  private head = 0;
  private newest = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly windowMs: number,
    private readonly minSimilarity = NEAR_DUPLICATE_SIMILARITY,
  ) {}

  /** The earliest indexed article within the window whose text this one nearly copies, if any. */
  find(signature: Uint32Array, at: number): string | undefined {
    let best: { id: string; at: number } | undefined;
    for (const key of bandKeys(signature)) {
      for (const entry of this.buckets.get(key) ?? []) {
        if (Math.abs(at - entry.at) > this.windowMs) continue;
        if (signatureSimilarity(entry.signature, signature) < this.minSimilarity) continue;
        if (!best || entry.at < best.at || (entry.at === best.at && entry.id < best.id)) best = entry;
      }
    }
    return best?.id;
  }

  add(id: string, signature: Uint32Array, at: number): void {
    const keys = bandKeys(signature);
    for (const key of keys) {
      let bucket = this.buckets.get(key);
      if (!bucket) {
        bucket = [];
        this.buckets.set(key, bucket);
      }
      bucket.push({ id, signature, at });
    }
    this.added.push({ id, keys, at });
    this.newest = Math.max(this.newest, at);
    this.forgetOld();
  }

  /** Articles the index holds; stays near the number published within one window, whatever the archive's size. */
  get size(): number {
    return this.added.length - this.head;
  }

  /** Removes, oldest added first, the articles published more than a window before the newest one. */
  private forgetOld(): void {
    while (this.head < this.added.length && this.newest - this.added[this.head]!.at > this.windowMs) {
      const old = this.added[this.head]!;
      this.head += 1;
      for (const key of old.keys) {
        const bucket = this.buckets.get(key);
        if (!bucket) continue;
        const kept = bucket.filter((entry) => entry.id !== old.id);
        if (kept.length === 0) this.buckets.delete(key);
        else this.buckets.set(key, kept);
      }
    }
    // Compact now and then, so the queue's spent head does not pile up either.
    if (this.head > 1024 && this.head * 2 > this.added.length) {
      this.added.splice(0, this.head);
      this.head = 0;
    }
  }
}

function bandKeys(signature: Uint32Array): string[] {
  const keys: string[] = [];
  for (let band = 0; band < SIGNATURE_SIZE / ROWS; band += 1) {
    keys.push(`${band}:${signature.subarray(band * ROWS, (band + 1) * ROWS).join(",")}`);
  }
  return keys;
}
