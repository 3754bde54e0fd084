/**
 * Counts by key without keeping the keys: each key is reduced to two independent 32-bit hashes, and a count is kept
 * in typed arrays under that pair (open addressing, linear probing, at most half full). A `Map<string, number>` of
 * 101,000 words held 10.5 MB (its table plus the words themselves); this holds 12 bytes a slot, ~3 MB at 120,000.
 *
 * Two keys share a count only if both hashes agree: for n keys held at once the chance of any such pair is about
 * n² / 2⁶⁵, one in ~2.5 billion at 120,000 keys, and it would merge two words' counts, not lose one.
 */
export class HashedCounts {
  private first: Uint32Array;
  private second: Uint32Array;
  private counts: Uint32Array;
  private used = 0;

  constructor(capacity = 1024) {
    const slots = 2 ** Math.ceil(Math.log2(Math.max(16, capacity)));
    this.first = new Uint32Array(slots);
    this.second = new Uint32Array(slots);
    this.counts = new Uint32Array(slots);
  }

  get size(): number {
    return this.used;
  }

  get(key: string): number {
    hashKey(key);
    return this.counts[this.slotOf(hashed[0]!, hashed[1]!)]!;
  }

  /** Adds `by` to the key's count and returns the new count. */
  add(key: string, by = 1): number {
    hashKey(key);
    return this.addHashed(hashed[0]!, hashed[1]!, by);
  }

  /** Every count, in no particular order. */
  *values(): IterableIterator<number> {
    for (const count of this.counts) if (count > 0) yield count;
  }

  /** Drops every key counted `maxCount` times or fewer. */
  dropAtMost(maxCount: number): void {
    this.rebuild(this.counts.length, maxCount);
  }

  clear(): void {
    this.reset(this.counts.length);
  }

  private addHashed(h1: number, h2: number, by: number): number {
    if (by <= 0) return this.counts[this.slotOf(h1, h2)]!;
    if (2 * (this.used + 1) > this.counts.length) this.rebuild(this.counts.length * 2, 0);
    const slot = this.slotOf(h1, h2);
    if (this.counts[slot] === 0) {
      this.first[slot] = h1;
      this.second[slot] = h2;
      this.used += 1;
    }
    this.counts[slot] = this.counts[slot]! + by;
    return this.counts[slot]!;
  }

  /** The key's slot, or the empty slot where it would go. */
  private slotOf(h1: number, h2: number): number {
    const mask = this.counts.length - 1;
    let slot = h1 & mask;
    while (this.counts[slot] !== 0 && (this.first[slot] !== h1 || this.second[slot] !== h2)) slot = (slot + 1) & mask;
    return slot;
  }

  /** Moves the keys counted more than `minCount` times into a table of `slots` slots. */
  private rebuild(slots: number, minCount: number): void {
    const { first, second, counts } = this;
    this.reset(slots);
    for (let slot = 0; slot < counts.length; slot += 1) {
      const count = counts[slot]!;
      if (count > minCount) this.addHashed(first[slot]!, second[slot]!, count);
    }
  }

  private reset(slots: number): void {
    this.first = new Uint32Array(slots);
    this.second = new Uint32Array(slots);
    this.counts = new Uint32Array(slots);
    this.used = 0;
  }
}

// The two hashes of the last key hashed (one shared array: no allocation per lookup).
const hashed = new Uint32Array(2);

/** FNV-1a and a multiply-rotate hash over the key's UTF-16 code units, each finished with an avalanche step. */
function hashKey(key: string): void {
  let h1 = 0x811c9dc5;
  let h2 = key.length;
  for (let i = 0; i < key.length; i += 1) {
    const unit = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ unit, 0x01000193);
    h2 = Math.imul(h2 ^ unit, 0xcc9e2d51);
    h2 = Math.imul((h2 << 15) | (h2 >>> 17), 0x1b873593);
  }
  hashed[0] = finish(h1);
  hashed[1] = finish(h2 ^ key.length);
}

function finish(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}
