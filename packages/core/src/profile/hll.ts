// HyperLogLog distinct count (Flajolet et al. 2007) with Ertl's improved estimator (Ertl 2017,
// "New cardinality estimation algorithms for HyperLogLog sketches", algorithm 6): no empirical
// bias tables and no small/large-range switch, unbiased from 0 to far beyond 10^9 distinct values.

/** HLL_Q is the number of hash bits that feed the rank (lane b of Hash64): registers hold 0..Q+1. */
export const HLL_Q = 32;
/** HLL_MIN_PRECISION is the smallest register-index bit count p (m = 2^p registers). */
export const HLL_MIN_PRECISION = 4;
/** HLL_MAX_PRECISION is the largest p (65,536 registers, 0.4 % standard error). */
export const HLL_MAX_PRECISION = 16;

/**
 * Hll is a HyperLogLog sketch: 2^p registers, each the largest rank seen (rank = leading zeros of
 * the hash lane b, plus one). Merge is the register-wise maximum, so it is exact, associative and
 * commutative. Relative standard error of the estimate is 1.04 / sqrt(2^p) (p = 12: 1.6 %).
 */
export interface Hll {
  readonly p: number;
  readonly registers: Uint8Array;
}

/** createHll makes an empty sketch with 2^p registers. */
export function createHll(p: number): Hll {
  return { p, registers: new Uint8Array(1 << p) };
}

/** hllAdd records one hashed value (lanes a and b from hashWords64/hashString64). */
export function hllAdd(h: Hll, a: number, b: number): void {
  const i = a >>> (32 - h.p);
  const rank = Math.clz32(b) + 1;
  if (rank > h.registers[i]) h.registers[i] = rank;
}

/** hllMergeInto raises every register of `target` to the maximum of both sketches (same p). */
export function hllMergeInto(target: Hll, source: Hll): void {
  const t = target.registers;
  const s = source.registers;
  for (let i = 0; i < t.length; i++) if (s[i] > t[i]) t[i] = s[i];
}

function sigma(x: number): number {
  if (x === 1) return Number.POSITIVE_INFINITY;
  let y = 1;
  let z = x;
  for (;;) {
    x *= x;
    const prev = z;
    z += x * y;
    y += y;
    if (z === prev) return z;
  }
}

function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let y = 1;
  let z = 1 - x;
  for (;;) {
    x = Math.sqrt(x);
    const prev = z;
    y *= 0.5;
    z -= (1 - x) * (1 - x) * y;
    if (z === prev) return z / 3;
  }
}

/**
 * hllEstimate returns the estimated number of distinct values (Ertl's improved raw estimator).
 *
 * E = m² / (2 ln 2 · z), with z built from the register histogram C_0..C_{q+1}:
 * z = m·τ(1 − C_{q+1}/m), then z = (z + C_k)/2 for k = q..1, then z += m·σ(C_0/m).
 * An empty sketch gives 0 (σ(1) = ∞). Example: one value added, p = 12 → ≈ 1.0.
 */
export function hllEstimate(h: Hll): number {
  const m = h.registers.length;
  const hist = new Float64Array(HLL_Q + 2);
  for (let i = 0; i < m; i++) hist[h.registers[i]]++;
  let z = m * tau(1 - hist[HLL_Q + 1] / m);
  for (let k = HLL_Q; k >= 1; k--) z = 0.5 * (z + hist[k]);
  z += m * sigma(hist[0] / m);
  return (m * m) / (2 * Math.LN2 * z);
}

/** hllStandardError is the documented relative standard error 1.04 / sqrt(2^p). */
export function hllStandardError(p: number): number {
  return 1.04 / Math.sqrt(2 ** p);
}
