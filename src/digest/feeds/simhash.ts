/**
 * Fingerprints at most this many bits apart are the same article (a syndicated or lightly edited copy).
 * Measured: a dateline or a changed word moves a full wire story 1–7 bits (simhash.test.ts), a 45-word
 * summary 8 bits at the median; other outlets' reports of the same event sit 27–40 bits apart, and of
 * 9,000 unrelated summary pairs none came closer than 18. Title-only items of a series ("Day Four" vs
 * "Day Five") come within 10–14, so a looser threshold would merge distinct short items.
 */
export const NEAR_DUPLICATE_BITS = 10;

const SHINGLE_WORDS = 3;
const FNV_PRIME = 0x01000193;
// Two FNV-1a offsets give two 32-bit hashes of one shingle: the halves of the 64-bit fingerprint.
const HIGH_OFFSET = 0x811c9dc5;
const LOW_OFFSET = 0x050c5d1f;

/** 64-bit SimHash of the text's word 3-shingles (case and accents ignored), as 16 hex digits. */
export function simhash64(text: string): string {
  const weights = new Int32Array(64);
  for (const shingle of shingles(foldWords(text))) {
    const high = hash32(shingle, HIGH_OFFSET);
    const low = hash32(shingle, LOW_OFFSET);
    for (let bit = 0; bit < 32; bit++) {
      weights[bit]! += (high >>> bit) & 1 ? 1 : -1;
      weights[bit + 32]! += (low >>> bit) & 1 ? 1 : -1;
    }
  }
  let high = 0;
  let low = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (weights[bit]! > 0) high |= 1 << bit;
    if (weights[bit + 32]! > 0) low |= 1 << bit;
  }
  return toHex8(high) + toHex8(low);
}

/** How many of the 64 bits differ between two fingerprints from simhash64. */
export function hammingDistance(a: string, b: string): number {
  if (!/^[0-9a-f]{16}$/i.test(a) || !/^[0-9a-f]{16}$/i.test(b)) {
    throw new RangeError(`expected two 16-digit hex fingerprints, got "${a}" and "${b}"`);
  }
  return popCount32(parseInt(a.slice(0, 8), 16) ^ parseInt(b.slice(0, 8), 16)) + popCount32(parseInt(a.slice(8), 16) ^ parseInt(b.slice(8), 16));
}

function foldWords(text: string): string[] {
  const folded = text.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase();
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

function shingles(words: readonly string[]): string[] {
  // Texts shorter than one shingle still get a fingerprint, from the words they have.
  if (words.length <= SHINGLE_WORDS) return words.length === 0 ? [] : [words.join(" ")];
  const out: string[] = [];
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) out.push(words.slice(i, i + SHINGLE_WORDS).join(" "));
  return out;
}

/** FNV-1a over UTF-16 code units, then a multiply-xorshift finish (Wellons' "lowbias32" constants) so every output bit depends on every input. */
function hash32(text: string, offset: number): number {
  let hash = offset;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x7feb352d);
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x846ca68b);
  return (hash ^ (hash >>> 16)) >>> 0;
}

function popCount32(value: number): number {
  let v = value >>> 0;
  let count = 0;
  for (; v !== 0; count++) v &= v - 1;
  return count;
}

function toHex8(value: number): string {
  return (value >>> 0).toString(16).padStart(8, "0");
}
