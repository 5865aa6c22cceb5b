// Fixing a profile's parameters from a reference sample, and making profiles compatible with it.

import { err, ok, type Result } from '../result.js';
import { createCategoricalProfile } from './categorical.js';
import { createNumericProfile, updateNumeric } from './numeric.js';
import type { ColumnProfile, NumericProfile } from './types.js';

/** ReferenceEdgesOptions tunes edgesFromReference. */
export interface ReferenceEdgesOptions {
  /** Equal-width bin count over the reference range; default Sturges ceil(log2 n) + 1. */
  readonly bins?: number;
  /** A reference with at most this many distinct values gets one bin per value; default 20. */
  readonly maxDiscreteValues?: number;
}

/**
 * edgesFromReference chooses fixed histogram edges from the reference's finite values.
 *
 * More than `maxDiscreteValues` (20) distinct values, or `bins` given: `bins` (default Sturges,
 * ceil(log2 n) + 1 with n the reference rows) equal-width bins over [min, max], edge i = min +
 * i·step and the last edge exactly max, as numpy.linspace. Otherwise one bin per distinct value
 * v_0 < … < v_{k−1}: edges [v_0, midpoints, v_{k−1}] (a single value v gets [v − 0.5, v + 0.5]).
 * Later data outside the edges goes to the profile's underflow/overflow bins. Unlike Evidently,
 * whose bins span reference + current combined, the bins are fixed before any current data exists.
 * Errors: ALL_MISSING (no finite value), INVALID_ARGUMENT (bins not an integer in 1..65536).
 * Example: 1,000 values in [0, 10] → 11 bins of width 10/11.
 */
export function edgesFromReference(
  values: Float64Array | ReadonlyArray<number | null>,
  options: ReferenceEdgesOptions = {},
): Result<Float64Array> {
  const bins = options.bins;
  if (bins !== undefined && (!Number.isInteger(bins) || bins < 1 || bins > 65_536)) {
    return err('INVALID_ARGUMENT', `bins must be an integer in [1, 65536], got ${bins}`);
  }
  const maxDiscrete = options.maxDiscreteValues ?? 20;
  let n = 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const distinct = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (typeof x !== 'number' || x - x !== 0) continue;
    n++;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
    if (distinct.size <= maxDiscrete) distinct.add(x);
  }
  if (n === 0) return err('ALL_MISSING', 'reference has no finite values');
  if (lo === hi) {
    const d = Math.max(0.5, Math.abs(lo) * 2 ** -40);
    return ok(Float64Array.of(lo - d, hi + d));
  }
  if (bins !== undefined || distinct.size > maxDiscrete) {
    const k = bins ?? Math.ceil(Math.log2(n)) + 1;
    const edges = new Float64Array(k + 1);
    const step = (hi - lo) / k;
    for (let i = 0; i < k; i++) edges[i] = i * step + lo;
    edges[k] = hi;
    return ok(edges);
  }
  const v = Float64Array.from(distinct).sort();
  const edges = new Float64Array(v.length + 1);
  edges[0] = v[0];
  for (let i = 1; i < v.length; i++) edges[i] = v[i - 1] + (v[i] - v[i - 1]) / 2;
  edges[v.length] = v[v.length - 1];
  return ok(edges);
}

/** ReferenceProfileOptions tunes numericProfileFromReference. */
export interface ReferenceProfileOptions extends ReferenceEdgesOptions {
  readonly sketchAccuracy?: number;
  readonly sketchMaxBuckets?: number;
  readonly hllPrecision?: number;
}

/**
 * numericProfileFromReference builds a baseline profile from a reference sample: edges from
 * edgesFromReference and the sketch centered on the reference mean (so the sketch's relative
 * accuracy is relative to the distance from the bulk of the data, not from 0). Profiles of
 * current windows are then made with createProfileLike(baseline). Errors: as edgesFromReference.
 * Example: numericProfileFromReference(train.age) → profile with Sturges bins over train's range.
 */
export function numericProfileFromReference(
  values: Float64Array | ReadonlyArray<number | null>,
  options: ReferenceProfileOptions = {},
): Result<NumericProfile> {
  const edges = edgesFromReference(values, options);
  if (!edges.ok) return edges;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (typeof x !== 'number' || x - x !== 0) continue;
    sum += x;
    n++;
  }
  let center = sum / n;
  // A sum that overflowed leaves the center at 0, where the sketch is still correct.
  if (!Number.isFinite(center)) center = 0;
  const p = createNumericProfile({
    edges: edges.value,
    sketchCenter: center,
    sketchAccuracy: options.sketchAccuracy,
    sketchMaxBuckets: options.sketchMaxBuckets,
    hllPrecision: options.hllPrecision,
  });
  if (!p.ok) return p;
  updateNumeric(p.value, values);
  return p;
}

/**
 * createProfileLike makes an empty profile with the same parameters as `p` (edges, sketch
 * accuracy and center, HLL precision, item capacity), so the two merge and compare.
 */
export function createProfileLike<P extends ColumnProfile>(p: P): P {
  if (p.kind === 'categorical') {
    const made = createCategoricalProfile({ capacity: p.items.capacity, hllPrecision: p.hll.p });
    if (!made.ok) throw new Error(`createProfileLike: ${made.error.message}`);
    return made.value as P;
  }
  const made = createNumericProfile({
    sketchAccuracy: p.sketch.alpha,
    sketchCenter: p.sketch.center,
    sketchMaxBuckets: p.sketch.maxBuckets,
    hllPrecision: p.hll.p,
  });
  // Parameters of an existing profile were validated when it was made: failure here is a bug.
  if (!made.ok) throw new Error(`createProfileLike: ${made.error.message}`);
  const out = made.value;
  // Edges are never mutated, so the new histogram can share them (bit-identical, as merging needs).
  if (p.histogram !== null) {
    out.histogram = {
      edges: p.histogram.edges,
      counts: new Float64Array(p.histogram.counts.length),
      underflow: 0,
      overflow: 0,
    };
  }
  return out as P;
}
