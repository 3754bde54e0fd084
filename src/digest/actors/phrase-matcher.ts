interface TrieNode<T> {
  next: Map<string, TrieNode<T>> | undefined;
  values: T[] | undefined;
}

/** A run of tokens [start, end) that spells a stored phrase, with the values stored under it. */
export interface PhraseMatch<T> {
  start: number;
  end: number;
  values: readonly T[];
}

/**
 * Finds stored phrases (token sequences) in a token sequence: a trie walked from each position, so a
 * text costs its length times the longest phrase, however many phrases are stored.
 */
export class PhraseMatcher<T> {
  private readonly root: TrieNode<T> = { next: undefined, values: undefined };

  /** Stores a value under a phrase; an empty phrase is ignored, and the same value twice is kept once. */
  add(tokens: readonly string[], value: T): void {
    if (tokens.length === 0) return;
    let node = this.root;
    for (const token of tokens) {
      node.next ??= new Map();
      let child = node.next.get(token);
      if (!child) {
        child = { next: undefined, values: undefined };
        node.next.set(token, child);
      }
      node = child;
    }
    node.values ??= [];
    if (!node.values.includes(value)) node.values.push(value);
  }

  /**
   * Leftmost-longest, non-overlapping matches. With `accept` (told where the phrase would match), values it
   * rejects are invisible: a phrase whose values are all rejected does not match, so a shorter phrase at the
   * same place can.
   */
  matchAll(tokens: readonly string[], accept?: (value: T, start: number, end: number) => boolean): PhraseMatch<T>[] {
    const matches: PhraseMatch<T>[] = [];
    let i = 0;
    while (i < tokens.length) {
      let node: TrieNode<T> | undefined = this.root;
      let bestEnd = -1;
      let bestValues: T[] | undefined;
      for (let j = i; j < tokens.length; j++) {
        node = node.next?.get(tokens[j]!);
        if (!node) break;
        if (node.values && (!accept || node.values.some((value) => accept(value, i, j + 1)))) {
          bestEnd = j + 1;
          bestValues = node.values;
        }
      }
      if (bestValues) {
        const end = bestEnd;
        const values = !accept ? bestValues : bestValues.filter((value) => accept(value, i, end));
        matches.push({ start: i, end: bestEnd, values });
        i = bestEnd;
      } else {
        i++;
      }
    }
    return matches;
  }

  /**
   * Like `matchAll`, but a phrase may have up to `maxGap` other tokens between two of its words ("break ties" in
   * "breaks diplomatic ties"); the first word must start the match. Matches do not overlap; the leftmost wins.
   */
  matchAllWithGaps(tokens: readonly string[], maxGap: number): PhraseMatch<T>[] {
    const matches: PhraseMatch<T>[] = [];
    let i = 0;
    while (i < tokens.length) {
      const first = this.root.next?.get(tokens[i]!);
      const found = first ? this.longestFrom(first, tokens, i + 1, maxGap) : undefined;
      if (found) {
        matches.push({ start: i, end: found.end, values: found.values });
        i = found.end;
      } else {
        i += 1;
      }
    }
    return matches;
  }

  /** The longest completion of a phrase from `node`, reading tokens from `at` with up to `maxGap` skipped per step. */
  private longestFrom(
    node: TrieNode<T>,
    tokens: readonly string[],
    at: number,
    maxGap: number,
  ): { end: number; values: readonly T[] } | undefined {
    let best: { end: number; values: readonly T[] } | undefined = node.values
      ? { end: at, values: node.values }
      : undefined;
    if (!node.next) return best;
    for (let j = at; j < tokens.length && j <= at + maxGap; j += 1) {
      const child = node.next.get(tokens[j]!);
      if (!child) continue;
      const deeper = this.longestFrom(child, tokens, j + 1, maxGap);
      if (deeper && (!best || deeper.end > best.end)) best = deeper;
    }
    return best;
  }
}
