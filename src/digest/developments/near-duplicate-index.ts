import { hammingDistance } from "../feeds/simhash.js";

/**
 * Recent articles' SimHashes, split into bands: two hashes that differ in fewer bits than there are bands
 * share at least one band exactly (pigeonhole), so a lookup compares a handful of hashes, not the archive.
 */
export class NearDuplicateIndex {
  private readonly buckets = new Map<string, { id: string; simhash: string; at: number }[]>();
  // 8 bands of 8 bits are exact up to 7 differing bits; past that a few near copies may be missed.
  private readonly bands: number;

  constructor(
    private readonly maxBits: number,
    private readonly windowMs: number,
  ) {
    this.bands = maxBits < 4 ? 4 : 8;
  }

  /** The earliest indexed article within `maxBits` of this hash and inside the window, if any. */
  find(simhash: string, at: number): string | undefined {
    let best: { id: string; at: number } | undefined;
    for (const key of bandKeys(simhash, this.bands)) {
      for (const entry of this.buckets.get(key) ?? []) {
        if (Math.abs(at - entry.at) > this.windowMs) continue;
        if (hammingDistance(entry.simhash, simhash) > this.maxBits) continue;
        if (!best || entry.at < best.at || (entry.at === best.at && entry.id < best.id)) best = entry;
      }
    }
    return best?.id;
  }

  add(id: string, simhash: string, at: number): void {
    for (const key of bandKeys(simhash, this.bands)) {
      let bucket = this.buckets.get(key);
      if (!bucket) {
        bucket = [];
        this.buckets.set(key, bucket);
      }
      // Drop entries that fell out of the window while we are here, so buckets stay short.
      if (bucket.length > 8) bucket.splice(0, bucket.length, ...bucket.filter((e) => at - e.at <= this.windowMs));
      bucket.push({ id, simhash, at });
    }
  }
}

function bandKeys(simhash: string, bands: number): string[] {
  const width = simhash.length / bands;
  return Array.from({ length: bands }, (_, band) => `${band}:${simhash.slice(band * width, (band + 1) * width)}`);
}
