// KS and Wasserstein from two DDSketches with the same α and center: both sketches then share
// their bucket boundaries, so each one's empirical CDF is known exactly at every boundary.

import { bucketValue, refloorStore, storeMayBeCollapsed } from './dd-sketch.js';
import type { BucketStore, NumericProfile, QuantileSketch } from './types.js';

/**
 * AlignedCells lists the buckets of two sketches in ascending value order on common cells:
 * `position` is the bucket representative (the center for the zero cell), `ref`/`cur` the counts,
 * `displacement` the largest distance from the representative to a value the cell can hold.
 */
export interface AlignedCells {
  readonly position: Float64Array;
  readonly displacement: Float64Array;
  readonly ref: Float64Array;
  readonly cur: Float64Array;
}

function commonFloor(a: BucketStore, b: BucketStore, maxBuckets: number): number {
  // A store that may have collapsed has an unknown split of its lowest bucket; both are cut there.
  let floor = Number.NEGATIVE_INFINITY;
  if (storeMayBeCollapsed(a, maxBuckets)) floor = Math.max(floor, a.offset);
  if (storeMayBeCollapsed(b, maxBuckets)) floor = Math.max(floor, b.offset);
  return floor;
}

function at(s: BucketStore, k: number): number {
  const j = k - s.offset;
  return j >= 0 && j < s.counts.length ? s.counts[j] : 0;
}

function range(a: BucketStore, b: BucketStore): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const s of [a, b]) {
    if (s.counts.length === 0) continue;
    lo = Math.min(lo, s.offset);
    hi = Math.max(hi, s.offset + s.counts.length - 1);
  }
  return [lo, hi];
}

/**
 * alignCells puts two compatible sketches on common cells (buckets below a possibly collapsed
 * floor are merged in both), skipping cells empty in both.
 */
export function alignCells(a: QuantileSketch, b: QuantileSketch): AlignedCells {
  const alpha = a.alpha;
  const cap = a.maxBuckets;
  const nFloor = commonFloor(a.negative, b.negative, cap);
  const pFloor = commonFloor(a.positive, b.positive, cap);
  const an = refloorStore(a.negative, nFloor);
  const bn = refloorStore(b.negative, nFloor);
  const ap = refloorStore(a.positive, pFloor);
  const bp = refloorStore(b.positive, pFloor);
  const [nLo, nHi] = range(an, bn);
  const [pLo, pHi] = range(ap, bp);
  const max = (nHi >= nLo ? nHi - nLo + 1 : 0) + (pHi >= pLo ? pHi - pLo + 1 : 0) + 1;
  const position = new Float64Array(max);
  const displacement = new Float64Array(max);
  const ref = new Float64Array(max);
  const cur = new Float64Array(max);
  // Within an ordinary bucket every |d| is within α/(1−α)·rep of rep; a collapsed floor bucket
  // holds anything in (0, γ^floor], up to rep away.
  const rel = alpha / (1 - alpha);
  let m = 0;
  const push = (pos: number, rep: number, floorCell: boolean, r: number, c: number) => {
    if (r === 0 && c === 0) return;
    position[m] = pos;
    displacement[m] = floorCell ? rep : rel * rep;
    ref[m] = r;
    cur[m] = c;
    m++;
  };
  for (let k = nHi; k >= nLo; k--) {
    const rep = bucketValue(alpha, k);
    push(a.center - rep, rep, k === nFloor, at(an, k), at(bn, k));
  }
  if (a.zero + b.zero > 0) {
    position[m] = a.center;
    displacement[m] = 0;
    ref[m] = a.zero;
    cur[m] = b.zero;
    m++;
  }
  for (let k = pLo; k <= pHi; k++) {
    const rep = bucketValue(alpha, k);
    push(a.center + rep, rep, k === pFloor, at(ap, k), at(bp, k));
  }
  return {
    position: position.subarray(0, m),
    displacement: displacement.subarray(0, m),
    ref: ref.subarray(0, m),
    cur: cur.subarray(0, m),
  };
}

/** SketchKs is the sketch estimate of the two-sample KS statistic and its one-sided error. */
export interface SketchKs {
  /** D at the common bucket boundaries: a lower bound of the exact D. */
  readonly d: number;
  /** Exact D lies in [d, d + bound]: the largest share of either sample in one non-point cell. */
  readonly bound: number;
}

/**
 * sketchKs estimates D = sup_x |F_ref(x) − F_cur(x)| as the maximum over bucket boundaries, where
 * both empirical CDFs are exact. Inside a cell each CDF rises by at most that cell's share, so
 * D_sketch <= D <= D_sketch + max_cell max(p_ref, p_cur) (the zero cell is a point: no error).
 * Example: two sketches of the same data → d = 0.
 */
export function sketchKs(ref: NumericProfile, cur: NumericProfile): SketchKs {
  const cells = alignCells(ref.sketch, cur.sketch);
  const n1 = ref.count;
  const n2 = cur.count;
  let c1 = 0;
  let c2 = 0;
  let d = 0;
  let bound = 0;
  for (let i = 0; i < cells.ref.length; i++) {
    c1 += cells.ref[i];
    c2 += cells.cur[i];
    const diff = Math.abs(c1 / n1 - c2 / n2);
    if (diff > d) d = diff;
    if (cells.displacement[i] > 0) {
      bound = Math.max(bound, cells.ref[i] / n1, cells.cur[i] / n2);
    }
  }
  return { d, bound };
}

/** SketchWasserstein is the sketch estimate of W1 and its error bound (same units as W1). */
export interface SketchWasserstein {
  readonly w1: number;
  readonly bound: number;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/**
 * sketchWasserstein estimates W1 = ∫ |F_ref − F_cur| dx by moving each cell's mass to its
 * representative (clamped to that profile's exact [min, max], which only shortens moves).
 * Moving mass by δ changes W1 by at most δ, so |W1_sketch − W1| <= Σ_cells (p_ref + p_cur)·δ_cell
 * with δ_cell = α/(1−α)·rep: about α·(E|X_ref − c| + E|X_cur − c|).
 * Example: two sketches of the same data → w1 = 0.
 */
export function sketchWasserstein(ref: NumericProfile, cur: NumericProfile): SketchWasserstein {
  const cells = alignCells(ref.sketch, cur.sketch);
  const n1 = ref.count;
  const n2 = cur.count;
  const m = cells.position.length;
  let c1 = 0;
  let c2 = 0;
  let w = 0;
  let bound = 0;
  // Two pointers over the clamped positions; within one profile they stay ascending.
  let i = 0;
  let j = 0;
  let prev = 0;
  let started = false;
  while (i < m || j < m) {
    while (i < m && cells.ref[i] === 0) i++;
    while (j < m && cells.cur[j] === 0) j++;
    if (i >= m && j >= m) break;
    const xi = i < m ? clamp(cells.position[i], ref.min, ref.max) : Number.POSITIVE_INFINITY;
    const xj = j < m ? clamp(cells.position[j], cur.min, cur.max) : Number.POSITIVE_INFINITY;
    const x = xi < xj ? xi : xj;
    if (started) w += Math.abs(c1 / n1 - c2 / n2) * (x - prev);
    started = true;
    prev = x;
    if (xi === x) {
      c1 += cells.ref[i];
      bound += (cells.ref[i] / n1) * cells.displacement[i];
      i++;
    }
    if (xj === x) {
      c2 += cells.cur[j];
      bound += (cells.cur[j] / n2) * cells.displacement[j];
      j++;
    }
  }
  return { w1: w, bound };
}
