import { foldWord } from "../text/fold-text.js";

/** Estimated Jaccard similarity of word 3-shingles at which two articles are copies of one text. */
// A wire story with a dateline, a changed word and a credit line added scores ~0.7 against its original;
// two outlets' own reports of one event score under 0.15 (minhash.test.ts has both cases).
export const NEAR_DUPLICATE_SIMILARITY = 0.5;

/** Number of hash functions in a signature; a multiple of the LSH band size. */
export const SIGNATURE_SIZE = 64;
const SHINGLE_WORDS = 3;
const FNV_PRIME = 0x01000193;
const FNV_OFFSET = 0x811c9dc5;
const SPACE = 0x20;

// One odd multiplier and one xor mask per hash function, derived once from a fixed seed.
const SALTS = Array.from({ length: SIGNATURE_SIZE }, (_, i) => mix32(0x9e3779b9 ^ Math.imul(i + 1, 0x85ebca6b)));

/** MinHash signature of the text's word 3-shingles (case and accents ignored). */
export function minhashSignature(text: string): Uint32Array {
  const signature = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  const words = (text.match(/[\p{L}\p{N}]+/gu) ?? []).map(foldWord);
  const count = Math.max(1, words.length - SHINGLE_WORDS + 1);
  if (words.length === 0) return signature;
  for (let start = 0; start < count; start += 1) {
    const base = hashShingle(words, start);
    for (let i = 0; i < SIGNATURE_SIZE; i += 1) {
      const value = mix32(base ^ SALTS[i]!);
      if (value < signature[i]!) signature[i] = value;
    }
  }
  return signature;
}

/** The share of positions where two signatures agree: an estimate of the shingles' Jaccard similarity. */
export function signatureSimilarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i += 1) if (a[i] === b[i]) same += 1;
  return same / SIGNATURE_SIZE;
}

/**
 * FNV-1a of the shingle's words joined by spaces (up to SHINGLE_WORDS from `start`), read word by word so no joined
 * string is made for each of an article's few hundred shingles.
 */
function hashShingle(words: readonly string[], start: number): number {
  let hash = FNV_OFFSET;
  const end = Math.min(words.length, start + SHINGLE_WORDS);
  for (let w = start; w < end; w += 1) {
    if (w > start) hash = Math.imul(hash ^ SPACE, FNV_PRIME);
    const word = words[w]!;
    for (let i = 0; i < word.length; i += 1) hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME);
  }
  return hash >>> 0;
}

/** A 32-bit finaliser so every output bit depends on every input bit. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}
