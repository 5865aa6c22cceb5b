// 64-bit hashing for the distinct-count sketch, as two 32-bit murmur3 lanes (JavaScript has no fast
// 64-bit integer multiply, and Math.imul keeps every step in int32 registers).

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
/** Lane seeds: arbitrary odd constants; changing them changes every stored HLL (a format break). */
const SEED_A = 0x9747b28c;
const SEED_B = 0x5bd1e995;

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function mixBlock(k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, C2);
}

function mixState(h: number, k: number): number {
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/**
 * Hash64 is the pair of 32-bit hash lanes of one value: `a` picks the HLL register, `b` gives
 * the rank, so the sketch sees 64 hashed bits (no birthday collisions below ~10^9 distinct values).
 */
export interface Hash64 {
  a: number;
  b: number;
}

/**
 * hashWords64 hashes a 64-bit word pair (the bit pattern of a double: low, high) into two
 * murmur3_x86_32 lanes with different seeds; the result is written into `out` to avoid allocation.
 */
export function hashWords64(lo: number, hi: number, out: Hash64): void {
  const k1 = mixBlock(lo);
  const k2 = mixBlock(hi);
  out.a = fmix32(mixState(mixState(SEED_A, k1), k2) ^ 8);
  out.b = fmix32(mixState(mixState(SEED_B, k1), k2) ^ 8);
}

/**
 * hashString64 hashes a string's UTF-16 code units (two per 32-bit block) into two murmur3 lanes.
 * Code units, not UTF-8 bytes: equal strings hash equally, which is all a distinct count needs.
 */
export function hashString64(s: string, out: Hash64): void {
  let ha = SEED_A;
  let hb = SEED_B;
  const n = s.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const k = mixBlock(s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
    ha = mixState(ha, k);
    hb = mixState(hb, k);
  }
  if (i < n) {
    const k = mixBlock(s.charCodeAt(i));
    ha ^= k;
    hb ^= k;
  }
  out.a = fmix32(ha ^ (n * 2));
  out.b = fmix32(hb ^ (n * 2));
}
