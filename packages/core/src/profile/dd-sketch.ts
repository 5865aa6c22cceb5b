// DDSketch quantile sketch (Masson, Rim & Lee, "DDSketch: a fast and fully-mergeable quantile
// sketch with relative-error guarantees", VLDB 2019) over d = x − center, with dense stores in a
// canonical form so that equal multisets give bit-identical sketches whatever the merge order.

import type { BucketStore, QuantileSketch } from './types.js';

/** SKETCH_MIN_ACCURACY is the smallest α: below 1e-4 bucket indices could leave int32. */
export const SKETCH_MIN_ACCURACY = 1e-4;
/** SKETCH_MAX_ACCURACY is the largest α (buckets 50 % wide are already too coarse for drift). */
export const SKETCH_MAX_ACCURACY = 0.2;

const EMPTY_COUNTS = new Float64Array(0);

/** emptyStore returns a store with no buckets (shared empty array: stores are never mutated). */
export function emptyStore(): BucketStore {
  return { offset: 0, counts: EMPTY_COUNTS };
}

/** createSketch makes an empty sketch; parameters are validated by the caller. */
export function createSketch(alpha: number, center: number, maxBuckets: number): QuantileSketch {
  return { alpha, center, maxBuckets, zero: 0, positive: emptyStore(), negative: emptyStore() };
}

/** lnGamma is ln γ with γ = (1+α)/(1−α), computed as log1p for accuracy at small α. */
export function lnGamma(alpha: number): number {
  return Math.log1p((2 * alpha) / (1 - alpha));
}

/**
 * bucketValue is the representative of bucket k: 2γ^k/(1+γ), within a factor 1 ± α of every
 * |d| in (γ^(k−1), γ^k].
 */
export function bucketValue(alpha: number, k: number): number {
  const lg = lnGamma(alpha);
  return (2 * Math.exp(k * lg)) / (1 + Math.exp(lg));
}

/** storeTotal sums a store's counts. */
export function storeTotal(s: BucketStore): number {
  let t = 0;
  for (let j = 0; j < s.counts.length; j++) t += s.counts[j];
  return t;
}

/**
 * mergeStores returns the canonical store of both stores' buckets: indices below
 * max(top) − maxBuckets + 1 collapse into that floor, so the result depends only on the multiset
 * of bucket indices (merging is exactly associative and commutative). Inputs are not modified.
 */
export function mergeStores(a: BucketStore, b: BucketStore, maxBuckets: number): BucketStore {
  if (b.counts.length === 0) return a;
  if (a.counts.length === 0) return b;
  const lo = Math.min(a.offset, b.offset);
  const hi = Math.max(a.offset + a.counts.length, b.offset + b.counts.length) - 1;
  const floor = Math.max(lo, hi - maxBuckets + 1);
  const out = new Float64Array(hi - floor + 1);
  addInto(out, floor, a);
  addInto(out, floor, b);
  return { offset: floor, counts: out };
}

function addInto(out: Float64Array, floor: number, s: BucketStore): void {
  const c = s.counts;
  for (let j = 0; j < c.length; j++) {
    const k = s.offset + j;
    out[(k < floor ? floor : k) - floor] += c[j];
  }
}

/**
 * refloorStore returns the store with every bucket below `floor` added into bucket `floor`.
 * Used to compare two sketches on their common (coarsest) cells.
 */
export function refloorStore(s: BucketStore, floor: number): BucketStore {
  if (s.counts.length === 0 || s.offset >= floor) return s;
  const top = s.offset + s.counts.length - 1;
  if (top <= floor) return { offset: floor, counts: Float64Array.of(storeTotal(s)) };
  const out = new Float64Array(top - floor + 1);
  addInto(out, floor, s);
  return { offset: floor, counts: out };
}

/**
 * storeMayBeCollapsed tells whether the lowest bucket may hold collapsed lower buckets: a
 * collapse always leaves the span at exactly maxBuckets, and spans never shrink.
 */
export function storeMayBeCollapsed(s: BucketStore, maxBuckets: number): boolean {
  return s.counts.length >= maxBuckets;
}

/**
 * sketchAddValues adds the finite values of `values` to the sketch (NaN and ±Infinity skipped).
 * Two passes: bucket indices into a scratch Int32Array, then dense counting, then one merge.
 */
export function sketchAddValues(s: QuantileSketch, values: Float64Array): void {
  const n = values.length;
  if (n === 0) return;
  const center = s.center;
  const inv = 1 / lnGamma(s.alpha);
  const idx = new Int32Array(n);
  let pLo = 2147483647;
  let pHi = -2147483648;
  let nLo = 2147483647;
  let nHi = -2147483648;
  let zero = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (x - x !== 0) continue;
    let d = x - center;
    if (d > 0) {
      // x − center can overflow to Infinity for |x|, |center| near MAX_VALUE.
      if (d > Number.MAX_VALUE) d = Number.MAX_VALUE;
      const k = Math.ceil(Math.log(d) * inv);
      idx[i] = k;
      if (k < pLo) pLo = k;
      if (k > pHi) pHi = k;
    } else if (d < 0) {
      if (d < -Number.MAX_VALUE) d = -Number.MAX_VALUE;
      const k = Math.ceil(Math.log(-d) * inv);
      idx[i] = k;
      if (k < nLo) nLo = k;
      if (k > nHi) nHi = k;
    } else {
      zero++;
    }
  }
  const cap = s.maxBuckets;
  const pFloor = Math.max(pLo, pHi - cap + 1);
  const nFloor = Math.max(nLo, nHi - cap + 1);
  const pos = pHi >= pLo ? new Float64Array(pHi - pFloor + 1) : EMPTY_COUNTS;
  const neg = nHi >= nLo ? new Float64Array(nHi - nFloor + 1) : EMPTY_COUNTS;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (x - x !== 0) continue;
    const k = idx[i];
    if (x > center) pos[(k < pFloor ? pFloor : k) - pFloor]++;
    else if (x < center) neg[(k < nFloor ? nFloor : k) - nFloor]++;
  }
  s.zero += zero;
  if (pos.length > 0) s.positive = mergeStores(s.positive, { offset: pFloor, counts: pos }, cap);
  if (neg.length > 0) s.negative = mergeStores(s.negative, { offset: nFloor, counts: neg }, cap);
}

/** sketchMergeInto adds `source`'s buckets into `target` (same α, center and maxBuckets). */
export function sketchMergeInto(target: QuantileSketch, source: QuantileSketch): void {
  target.zero += source.zero;
  target.positive = mergeStores(target.positive, source.positive, target.maxBuckets);
  target.negative = mergeStores(target.negative, source.negative, target.maxBuckets);
}

/**
 * sketchValueAtRank returns the sketch's estimate of the order statistic of 0-based rank r
 * (0 <= r < total): the representative of the bucket holding it, center ± 2γ^k/(1+γ).
 */
export function sketchValueAtRank(s: QuantileSketch, r: number): number {
  let cum = 0;
  const neg = s.negative;
  for (let j = neg.counts.length - 1; j >= 0; j--) {
    cum += neg.counts[j];
    if (cum > r) return s.center - bucketValue(s.alpha, neg.offset + j);
  }
  cum += s.zero;
  if (cum > r) return s.center;
  const pos = s.positive;
  for (let j = 0; j < pos.counts.length; j++) {
    cum += pos.counts[j];
    if (cum > r) return s.center + bucketValue(s.alpha, pos.offset + j);
  }
  // Only reachable when r >= total, which the callers exclude.
  throw new Error(`sketchValueAtRank: rank ${r} beyond sketch total ${cum}`);
}
