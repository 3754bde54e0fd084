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
    for (const key of bandKeys(signature)) {
      let bucket = this.buckets.get(key);
      if (!bucket) {
        bucket = [];
        this.buckets.set(key, bucket);
      }
      // Drop entries that fell out of the window while we are here, so buckets stay short.
      if (bucket.length > 8) bucket.splice(0, bucket.length, ...bucket.filter((e) => at - e.at <= this.windowMs));
      bucket.push({ id, signature, at });
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
