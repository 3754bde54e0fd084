/** Document frequencies of terms and anchors, for IDF weights; the grouping and /search share them. */
export class TermStats {
  private readonly df = new Map<string, number>();
  private readonly changed = new Set<string>();
  docCount = 0;

  /** Counts one document containing these keys (each key once). */
  observe(keys: Iterable<string>): void {
    this.docCount += 1;
    for (const key of keys) {
      this.df.set(key, (this.df.get(key) ?? 0) + 1);
      this.changed.add(key);
    }
  }

  /** Smoothed inverse document frequency: rare keys weigh more, unseen keys weigh most. */
  idf(key: string): number {
    return Math.log(1 + (this.docCount + 1) / ((this.df.get(key) ?? 0) + 1));
  }

  /** Forgets every count. */
  clear(): void {
    this.df.clear();
    this.changed.clear();
    this.docCount = 0;
  }

  /** Restores counts read back from the store. */
  load(rows: Iterable<[string, number]>, docCount: number): void {
    for (const [key, df] of rows) this.df.set(key, df);
    this.docCount = docCount;
  }

  /** The counts changed since the last call, for the store to persist. */
  takeChanges(): [string, number][] {
    const out: [string, number][] = [];
    for (const key of this.changed) out.push([key, this.df.get(key) ?? 0]);
    this.changed.clear();
    return out;
  }
}
