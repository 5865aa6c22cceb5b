// Numerical column profile: exact moments (Welford/Chan), fixed-edge histogram, DDSketch, HLL.

import { err, ok, type Result } from '../result.js';
import {
  createSketch,
  lnGamma,
  SKETCH_MAX_ACCURACY,
  SKETCH_MIN_ACCURACY,
  sketchAddValues,
} from './dd-sketch.js';
import { type Hash64, hashWords64 } from './hash.js';
import { createHistogram, histogramAddValues, validateEdges } from './histogram.js';
import { createHll, HLL_MAX_PRECISION, HLL_MIN_PRECISION, type Hll, hllAdd } from './hll.js';
import type { NumericProfile, NumericProfileOptions } from './types.js';

/** DEFAULT_SKETCH_ACCURACY is the default relative accuracy α of the quantile sketch (1 %). */
export const DEFAULT_SKETCH_ACCURACY = 0.01;
/** DEFAULT_HLL_PRECISION is the default HLL precision p = 12 (4096 registers, 1.6 % error). */
export const DEFAULT_HLL_PRECISION = 12;
/** MAX_SKETCH_BUCKETS bounds sketchMaxBuckets (a side then spans at most 8 MB while filled). */
export const MAX_SKETCH_BUCKETS = 1 << 20;

/**
 * defaultSketchMaxBuckets is the bucket cap per side that covers 18 decades of |x − center| at
 * accuracy α: ceil(ln(1e18) / ln γ), e.g. 2073 at α = 0.01 and 20,723 at α = 0.001.
 */
export function defaultSketchMaxBuckets(alpha: number): number {
  return Math.min(MAX_SKETCH_BUCKETS, Math.ceil(Math.log(1e18) / lnGamma(alpha)));
}

/** validatePrecision checks an HLL precision option. */
export function validatePrecision(p: number): Result<number> {
  if (!Number.isInteger(p) || p < HLL_MIN_PRECISION || p > HLL_MAX_PRECISION) {
    return err('INVALID_ARGUMENT', `hllPrecision must be an integer in [4, 16], got ${p}`);
  }
  return ok(p);
}

/**
 * createNumericProfile makes an empty numerical profile whose parameters are fixed for life.
 *
 * Errors (INVALID_ARGUMENT): edges not finite/strictly increasing/at least 2, sketchAccuracy
 * outside [1e-4, 0.2], non-finite sketchCenter, sketchMaxBuckets outside 16..2^20, hllPrecision
 * outside 4..16. Example: `createNumericProfile({ edges: [0, 1, 2] })` → 2 bins plus under/overflow.
 */
export function createNumericProfile(options: NumericProfileOptions = {}): Result<NumericProfile> {
  const alpha = options.sketchAccuracy ?? DEFAULT_SKETCH_ACCURACY;
  if (!(alpha >= SKETCH_MIN_ACCURACY && alpha <= SKETCH_MAX_ACCURACY)) {
    return err('INVALID_ARGUMENT', `sketchAccuracy must be in [1e-4, 0.2], got ${alpha}`);
  }
  const center = options.sketchCenter ?? 0;
  if (!Number.isFinite(center)) return err('INVALID_ARGUMENT', 'sketchCenter must be finite');
  const maxBuckets = options.sketchMaxBuckets ?? defaultSketchMaxBuckets(alpha);
  if (!Number.isInteger(maxBuckets) || maxBuckets < 16 || maxBuckets > MAX_SKETCH_BUCKETS) {
    return err(
      'INVALID_ARGUMENT',
      `sketchMaxBuckets must be an integer in [16, ${MAX_SKETCH_BUCKETS}]`,
    );
  }
  const p = validatePrecision(options.hllPrecision ?? DEFAULT_HLL_PRECISION);
  if (!p.ok) return p;
  let histogram = null;
  if (options.edges !== undefined) {
    const edges = validateEdges(options.edges);
    if (!edges.ok) return edges;
    histogram = createHistogram(edges.value);
  }
  return ok({
    kind: 'numeric',
    count: 0,
    missing: 0,
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
    centeredMean: 0,
    m2: 0,
    histogram,
    // +0 so that a center given as -0 serialises and compares like 0.
    sketch: createSketch(alpha, center + 0, maxBuckets),
    hll: createHll(p.value),
  });
}

/**
 * combineMoments folds a batch (n, centered mean, m2) into the profile with Chan et al.'s update:
 * δ = mean_b − mean_a, mean = mean_a + δ·n_b/n, M2 = M2_a + M2_b + δ²·n_a·n_b/n.
 */
export function combineMoments(p: NumericProfile, n: number, mean: number, m2: number): void {
  if (n === 0) return;
  if (p.count === 0) {
    p.count = n;
    p.centeredMean = mean + 0;
    p.m2 = m2 + 0;
    return;
  }
  const total = p.count + n;
  const delta = mean - p.centeredMean;
  p.centeredMean += delta * (n / total) + 0;
  p.m2 += m2 + delta * delta * ((p.count * n) / total);
  p.count = total;
}

const scratchHash: Hash64 = { a: 0, b: 0 };

function hllAddDoubles(h: Hll, values: Float64Array): void {
  // The bit pattern of each double, read in place (Float64Array is always 8-byte aligned).
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (x - x !== 0) continue;
    // -0 and 0 are one value (as in numpy.unique); hash both as +0.
    if (x === 0) hashWords64(0, 0, scratchHash);
    else hashWords64(words[2 * i], words[2 * i + 1], scratchHash);
    hllAdd(h, scratchHash.a, scratchHash.b);
  }
}

function toFloat64(values: Float64Array | ReadonlyArray<number | null | undefined>): Float64Array {
  if (values instanceof Float64Array) return values;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = typeof v === 'number' ? v : Number.NaN;
  }
  return out;
}

/**
 * updateNumeric adds a batch of values to the profile in place.
 *
 * Missing values (NaN, ±Infinity, null, undefined) only raise `missing`. The batch's mean and M2
 * come from a corrected two-pass sum of x − center (Chan, Golub & LeVeque 1983:
 * mean += Σ(d − mean)/n), then merge into the profile with combineMoments, so chunking changes
 * results only by rounding. Example: [1, 2, NaN, 3] → count 3, missing 1, mean 2, m2 2.
 */
export function updateNumeric(
  p: NumericProfile,
  values: Float64Array | ReadonlyArray<number | null | undefined>,
): void {
  const xs = toFloat64(values);
  const n = xs.length;
  const c = p.sketch.center;
  let count = 0;
  let sum = 0;
  let min = p.min;
  let max = p.max;
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    if (x - x !== 0) continue;
    count++;
    sum += x - c;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  p.missing += n - count;
  if (count === 0) return;
  let mean = sum / count;
  // sum can overflow for |x| near MAX_VALUE; fall back to an overflow-free running mean.
  if (!Number.isFinite(mean)) mean = runningMean(xs, c);
  let m2 = 0;
  let corr = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    if (x - x !== 0) continue;
    const d = x - c - mean;
    m2 += d * d;
    corr += d;
  }
  m2 -= (corr * corr) / count;
  mean += corr / count;
  combineMoments(p, count, mean, m2 < 0 ? 0 : m2);
  // + 0 turns -0 into 0: one canonical state (JSON cannot tell them apart either).
  p.min = min + 0;
  p.max = max + 0;
  if (p.histogram !== null) histogramAddValues(p.histogram, xs);
  sketchAddValues(p.sketch, xs);
  hllAddDoubles(p.hll, xs);
}

function runningMean(xs: Float64Array, c: number): number {
  let mean = 0;
  let k = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (x - x !== 0) continue;
    k++;
    mean += (x - c) / k - mean / k;
  }
  return mean;
}
