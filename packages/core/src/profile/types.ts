// Public shapes of column profiles. Profiles are plain mutable objects owned by the profile
// functions: read them freely, change them only through createX/updateX/mergeProfiles.

import type { Hll } from './hll.js';

/**
 * FixedHistogram counts values into bins whose edges were fixed when the profile was created.
 * Bin i holds edges[i] <= x < edges[i+1]; the last bin is closed (x == edges[last] falls in it),
 * as numpy.histogram does. `underflow` counts x < edges[0], `overflow` counts x > edges[last].
 */
export interface FixedHistogram {
  readonly edges: Float64Array;
  readonly counts: Float64Array;
  underflow: number;
  overflow: number;
}

/**
 * BucketStore is one side of the quantile sketch in canonical dense form: counts[j] is the number
 * of values in bucket `offset + j`; counts is trimmed (first and last entries > 0) or empty.
 */
export interface BucketStore {
  offset: number;
  counts: Float64Array;
}

/**
 * QuantileSketch is a DDSketch (Masson, Rim, Lee 2019) on d = x − center: bucket k of a side holds
 * γ^(k−1) < |d| <= γ^k with γ = (1+α)/(1−α), so any quantile is returned within α·|x − center|
 * of the exact order statistic. Each side keeps at most `maxBuckets` buckets: when the span grows
 * past it, the buckets closest to the center collapse into one (DDSketch "collapsing lowest").
 */
export interface QuantileSketch {
  readonly alpha: number;
  readonly center: number;
  readonly maxBuckets: number;
  zero: number;
  positive: BucketStore;
  negative: BucketStore;
}

/**
 * NumericProfile summarises one numerical column. `count` excludes missing values (NaN, ±Infinity,
 * null), which `missing` counts; min/max are ±Infinity while count is 0. Moments are kept about
 * the fixed `sketch.center` c: `centeredMean` is the mean of x − c (the data mean is
 * c + centeredMean, as profileSummary reports) and `m2` is Σ (x − mean)². Shifting by a fixed c
 * keeps Chan's merge exact to ~1e-15 relative for data far from 0 (e.g. 1e6 ± 1e-3) once c is
 * near the data; the relative error of m2 grows like 1e-16·|mean − c|/std.
 */
export interface NumericProfile {
  readonly kind: 'numeric';
  count: number;
  missing: number;
  min: number;
  max: number;
  centeredMean: number;
  m2: number;
  histogram: FixedHistogram | null;
  sketch: QuantileSketch;
  hll: Hll;
}

/**
 * FrequentItems is a Misra-Gries summary: at most `capacity` counters. A tracked count c satisfies
 * c <= true count <= c + (N − Σc)/(capacity + 1) (N = non-missing rows); an untracked value occurs
 * at most (N − Σc)/(capacity + 1) times. Exact (Σc = N) while distinct values stay <= capacity.
 */
export interface FrequentItems {
  readonly capacity: number;
  counts: Map<string, number>;
}

/** CategoricalProfile summarises one categorical column (missing = null, undefined or ''). */
export interface CategoricalProfile {
  readonly kind: 'categorical';
  count: number;
  missing: number;
  items: FrequentItems;
  hll: Hll;
}

/** ColumnProfile is either kind of profile; `kind` discriminates. */
export type ColumnProfile = NumericProfile | CategoricalProfile;

/** NumericProfileOptions fixes a numeric profile's parameters; profiles merge only when equal. */
export interface NumericProfileOptions {
  /** Strictly increasing finite histogram edges (>= 2); omitted: no histogram. */
  readonly edges?: Float64Array | readonly number[];
  /** Sketch relative accuracy α in [1e-4, 0.2]; default 0.01. */
  readonly sketchAccuracy?: number;
  /** Point the sketch's relative accuracy is measured from; default 0. */
  readonly sketchCenter?: number;
  /** Buckets kept per sketch side, 16..2^20; default: 18 decades of |x − center| (2073 at α = 0.01). */
  readonly sketchMaxBuckets?: number;
  /** HyperLogLog precision p in [4, 16] (2^p registers); default 12 (1.6 % standard error). */
  readonly hllPrecision?: number;
}

/** CategoricalProfileOptions fixes a categorical profile's parameters. */
export interface CategoricalProfileOptions {
  /** Frequent-item counters, 1..1,000,000; default 1024. */
  readonly capacity?: number;
  /** HyperLogLog precision p in [4, 16]; default 12. */
  readonly hllPrecision?: number;
}
