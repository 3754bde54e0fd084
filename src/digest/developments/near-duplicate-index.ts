import { NEAR_DUPLICATE_SIMILARITY, SIGNATURE_SIZE, signatureSimilarity } from "./minhash.js";

// 16 bands of 4 rows: a pair with Jaccard 0.5 shares a band with probability 1 − (1 − 0.5⁴)¹⁶ ≈ 0.64… per
// signature, 0.7 → 0.98; each candidate is then checked against the full signature.
const ROWS = 4;
const BANDS = SIGNATURE_SIZE / ROWS;

/**
 * MinHash signatures of recent articles, bucketed by band (locality-sensitive hashing), so finding the
 * copy of an article compares a handful of signatures, never the archive.
 *
 * It holds every article of the last window, so it is kept compact: articles are numbered in the order they are
 * added, their signatures lie side by side in one array, and a band is keyed by a small integer hashed from its rows
 * (a candidate whose rows only collide in the hash is checked and passed over). About 2 KB per article with the
 * arrays' spare room (a heap snapshot at 300k archived); with band strings and an object per bucket entry it was
 * ~7.6 KB, which a bot reading tens of thousands of reports a week would feel.
 */
export class NearDuplicateIndex {
  /** Band key → the numbers of the articles with those rows: one number (most keys), or several. */
  private readonly buckets = new Map<number, number | number[]>();
  // The articles still indexed and a spent head before them, in the order they were added; entry `i` is article
  // number `first + i`, and its signature is `signatures[i × SIGNATURE_SIZE …]`.
  private ids: string[] = [];
  private ats: number[] = [];
  private signatures = new Uint32Array(SIGNATURE_SIZE * 64);
  private first = 0;
  private head = 0;
  private newest = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly windowMs: number,
    private readonly minSimilarity = NEAR_DUPLICATE_SIMILARITY,
  ) {}

  /** The earliest indexed article within the window whose text this one nearly copies, if any. */
  find(signature: Uint32Array, at: number): string | undefined {
    let best = -1;
    for (let band = 0; band < BANDS; band += 1) {
      const bucket = this.buckets.get(bandKey(signature, band));
      if (bucket === undefined) continue;
      if (typeof bucket === "number") best = this.better(best, bucket, signature, band, at);
      else for (const number of bucket) best = this.better(best, number, signature, band, at);
    }
    return best < 0 ? undefined : this.ids[best - this.first];
  }

  add(id: string, signature: Uint32Array, at: number): void {
    const number = this.first + this.ids.length;
    const row = this.ids.length * SIGNATURE_SIZE;
    if (row + SIGNATURE_SIZE > this.signatures.length) {
      const grown = new Uint32Array(this.signatures.length * 2);
      grown.set(this.signatures);
      this.signatures = grown;
    }
    this.signatures.set(signature.subarray(0, SIGNATURE_SIZE), row);
    this.ids.push(id);
    this.ats.push(at);
    for (let band = 0; band < BANDS; band += 1) {
      const key = bandKey(signature, band);
      const bucket = this.buckets.get(key);
      if (bucket === undefined) this.buckets.set(key, number);
      else if (typeof bucket === "number") this.buckets.set(key, [bucket, number]);
      else bucket.push(number);
    }
    this.newest = Math.max(this.newest, at);
    this.forgetOld();
  }

  /** Articles the index holds; stays near the number published within one window, whatever the archive's size. */
  get size(): number {
    return this.ids.length - this.head;
  }

  /** `candidate` instead of `best` when it shares the band's rows, is near enough in time and text, and is earlier. */
  private better(best: number, candidate: number, signature: Uint32Array, band: number, at: number): number {
    const entry = candidate - this.first;
    if (entry < this.head || candidate === best) return best;
    const candidateAt = this.ats[entry]!;
    if (Math.abs(at - candidateAt) > this.windowMs) return best;
    const stored = this.signatureAt(entry);
    if (!sameBand(stored, signature, band)) return best;
    if (signatureSimilarity(stored, signature) < this.minSimilarity) return best;
    if (best < 0) return candidate;
    const bestAt = this.ats[best - this.first]!;
    const bestId = this.ids[best - this.first]!;
    const earlier = candidateAt < bestAt || (candidateAt === bestAt && this.ids[entry]! < bestId);
    return earlier ? candidate : best;
  }

  private signatureAt(entry: number): Uint32Array {
    return this.signatures.subarray(entry * SIGNATURE_SIZE, (entry + 1) * SIGNATURE_SIZE);
  }

  /** Removes, oldest added first, the articles published more than a window before the newest one. */
  private forgetOld(): void {
    while (this.head < this.ids.length && this.newest - this.ats[this.head]! > this.windowMs) {
      const number = this.first + this.head;
      const signature = this.signatureAt(this.head);
      for (let band = 0; band < BANDS; band += 1) this.unlist(bandKey(signature, band), number);
      this.head += 1;
    }
    // Compact now and then, so the spent head does not pile up either.
    if (this.head > 1024 && this.head * 2 > this.ids.length) {
      this.signatures.copyWithin(0, this.head * SIGNATURE_SIZE, this.ids.length * SIGNATURE_SIZE);
      this.ids = this.ids.slice(this.head);
      this.ats = this.ats.slice(this.head);
      this.first += this.head;
      this.head = 0;
    }
  }

  private unlist(key: number, number: number): void {
    const bucket = this.buckets.get(key);
    if (bucket === undefined) return;
    if (typeof bucket === "number") {
      if (bucket === number) this.buckets.delete(key);
      return;
    }
    const kept = bucket.filter((listed) => listed !== number);
    if (kept.length === 0) this.buckets.delete(key);
    else this.buckets.set(key, kept.length === 1 ? kept[0]! : kept);
  }
}

/** A band's rows hashed to a small integer (31 bits, so the map keeps it unboxed). */
function bandKey(signature: Uint32Array, band: number): number {
  let hash = Math.imul(band + 1, 0x9e3779b1);
  for (let row = band * ROWS; row < (band + 1) * ROWS; row += 1) {
    hash = Math.imul(hash ^ signature[row]!, 0x85ebca6b);
    hash ^= hash >>> 13;
  }
  return hash >>> 1;
}

function sameBand(a: Uint32Array, b: Uint32Array, band: number): boolean {
  for (let row = band * ROWS; row < (band + 1) * ROWS; row += 1) if (a[row] !== b[row]) return false;
  return true;
}
