/**
 * A memo of bounded size that keeps what is asked for often: two generations of at most `limit` entries each. When
 * the newer is full it becomes the older and the older is dropped; a hit in the older moves the entry to the newer.
 * A word read every day stays; a one-off name falls out within two generations; no bookkeeping per read.
 */
export class RecentCache<K, V> {
  private newer = new Map<K, V>();
  private older = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    const hit = this.newer.get(key);
    if (hit !== undefined) return hit;
    const old = this.older.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: K, value: V): void {
    if (this.newer.size >= this.limit) {
      this.older = this.newer;
      this.newer = new Map();
    }
    this.newer.set(key, value);
  }

  /** Entries held: at most twice the limit. */
  get size(): number {
    return this.newer.size + this.older.size;
  }
}
