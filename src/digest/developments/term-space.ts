import type { SparseVector } from "./sparse-vector.js";

/** A vector in a TermSpace: term numbers, counts, and its squared norm under the space's weights. */
export interface SpaceVector {
  ids: Int32Array;
  values: Float64Array;
  squaredNorm: number;
}

/**
 * Terms numbered in the order they are first met, each with its weight fixed then: the space a development's drawing
 * compares its vectors in. A sum of vectors is then a plain array, and comparing a vector with it one array read per
 * term, with no string hashed; a drawing compares dozens of vectors with the same sums at each new report.
 */
export class TermSpace {
  private readonly numbers = new Map<string, number>();
  private weights2 = new Float64Array(256);

  constructor(private readonly weight: (key: string) => number) {}

  /** Terms numbered so far: the length a sum in this space needs. */
  get size(): number {
    return this.numbers.size;
  }

  /** The vector in this space (terms not met before are numbered and weighed now). */
  place(vector: SparseVector): SpaceVector {
    const ids = new Int32Array(vector.size);
    const values = new Float64Array(vector.size);
    let squaredNorm = 0;
    let i = 0;
    for (const [key, value] of vector) {
      const id = this.numberOf(key);
      ids[i] = id;
      values[i] = value;
      squaredNorm += value * value * this.weights2[id]!;
      i += 1;
    }
    return { ids, values, squaredNorm };
  }

  weight2Of(id: number): number {
    return this.weights2[id]!;
  }

  private numberOf(key: string): number {
    let id = this.numbers.get(key);
    if (id === undefined) {
      id = this.numbers.size;
      this.numbers.set(key, id);
      if (id >= this.weights2.length) this.weights2 = grown(this.weights2, id + 1);
      this.weights2[id] = this.weight(key) ** 2;
    }
    return id;
  }
}

/** A sum of vectors of one TermSpace, with its squared norm under the space's weights kept as vectors come and go. */
export class SpaceSum {
  private values = new Float64Array(256);
  squaredNorm = 0;

  constructor(private readonly space: TermSpace) {}

  /** Adds `times ×` the vector. */
  add(vector: SpaceVector, times = 1): void {
    if (this.values.length < this.space.size) this.values = grown(this.values, this.space.size);
    let norm = this.squaredNorm;
    for (let i = 0; i < vector.ids.length; i += 1) {
      const id = vector.ids[i]!;
      const before = this.values[id]!;
      let after = before + vector.values[i]! * times;
      // What is taken out again leaves exactly nothing, not a rounding error.
      if (Math.abs(after) < 1e-12) after = 0;
      norm += (after * after - before * before) * this.space.weight2Of(id);
      this.values[id] = after;
    }
    this.squaredNorm = Math.max(0, norm);
  }

  /** The weighted cosine of a vector with this sum: the cost is the vector's size, however large the sum. */
  cosine(a: SpaceVector): number {
    let dot = 0;
    for (let i = 0; i < a.ids.length; i += 1) {
      const id = a.ids[i]!;
      const other = this.values[id];
      if (other) dot += a.values[i]! * other * this.space.weight2Of(id);
    }
    if (dot === 0) return 0;
    return dot / Math.sqrt(a.squaredNorm * this.squaredNorm);
  }

  /**
   * The weighted cosine of a member of this sum with the sum of the others, without building that sum: how close
   * one report is to what the rest say.
   */
  cosineToRest(part: SpaceVector): number {
    let dot = 0;
    let cross = 0;
    let own = 0;
    for (let i = 0; i < part.ids.length; i += 1) {
      const id = part.ids[i]!;
      const value = part.values[i]!;
      const w = this.space.weight2Of(id);
      const total = this.values[id] ?? 0;
      dot += value * (total - value) * w;
      cross += value * total * w;
      own += value * value * w;
    }
    if (dot === 0) return 0;
    const rest = this.squaredNorm - 2 * cross + own;
    return rest <= 0 ? 0 : dot / Math.sqrt(own * rest);
  }
}

function grown(array: Float64Array<ArrayBuffer>, least: number): Float64Array<ArrayBuffer> {
  const out = new Float64Array(Math.max(least, array.length * 2));
  out.set(array);
  return out;
}
