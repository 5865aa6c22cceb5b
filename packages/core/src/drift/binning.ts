import { countDistinctUpTo, numericCounts } from './samples.js';
import type { NumericSample, PreparedPair } from './types.js';

/**
 * MAX_DISTINCT_FOR_VALUE_BINS: a numerical reference with at most this many distinct values gets one
 * bin per distinct value instead of equal-width bins (Evidently's `get_binned_data`).
 */
export const MAX_DISTINCT_FOR_VALUE_BINS = 20;

/**
 * BinnedPair is a pair reduced to counts per bin: `edges` (k + 1 numbers) for equal-width bins or
 * `keys` (k labels) for one bin per value; `reference` and `current` hold k counts.
 */
export interface BinnedPair {
  readonly edges?: Float64Array;
  readonly keys?: readonly string[];
  readonly reference: Float64Array;
  readonly current: Float64Array;
  readonly referenceTotal: number;
  readonly currentTotal: number;
}

/**
 * sturgesBinCount is numpy's `histogram_bin_edges(..., bins='sturges')` bin count for `size`
 * values spanning [lo, hi]: width = (hi − lo) / (log2(size) + 1), count = ceil((hi − lo) / width),
 * computed in that order so that rounding matches numpy (1 bin when the data is constant).
 * Example: 330 values over [0, 10] → ceil(log2 330 + 1) = 10 bins.
 */
export function sturgesBinCount(size: number, lo: number, hi: number): number {
  const width = (hi - lo) / (Math.log2(size) + 1);
  if (!(width > 0)) return 1;
  return Math.ceil((hi - lo) / width);
}

/**
 * equalWidthEdges returns `bins + 1` edges from lo to hi as numpy's `linspace` computes them
 * (edge i = i · step + lo, last edge exactly hi). Constant data (lo = hi) is widened to
 * [lo − 0.5, hi + 0.5] as numpy does.
 */
export function equalWidthEdges(lo: number, hi: number, bins: number): Float64Array {
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const edges = new Float64Array(bins + 1);
  const step = (hi - lo) / bins;
  for (let i = 0; i < bins; i++) edges[i] = i * step + lo;
  edges[bins] = hi;
  return edges;
}

/**
 * histogram counts `values` into the bins of `edges` with numpy's convention: bin i holds
 * edges[i] <= v < edges[i + 1], the last bin also holds v = edges[k]; values outside are ignored.
 * The bin index is computed directly from the equal width, then corrected by at most one bin
 * against the actual edges, so the counts equal numpy's `searchsorted` counts exactly.
 */
export function histogram(values: Float64Array, edges: Float64Array): Float64Array {
  const k = edges.length - 1;
  const counts = new Float64Array(k);
  const lo = edges[0];
  const hi = edges[k];
  const scale = k / (hi - lo);
  const last = k - 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= lo && v <= hi)) continue;
    let b = Math.floor((v - lo) * scale);
    if (b > last) b = last;
    else if (b < 0) b = 0;
    if (v < edges[b]) b--;
    else if (b < last && v >= edges[b + 1]) b++;
    counts[b]++;
  }
  return counts;
}

function minMax2(a: Float64Array, b: Float64Array): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  for (let i = 0; i < b.length; i++) {
    const v = b[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/**
 * equalWidthPair bins two numerical samples into equal-width bins over their combined range:
 * `bins` bins when given, else Sturges' count for the combined size.
 */
export function equalWidthPair(
  reference: NumericSample,
  current: NumericSample,
  bins: number | undefined,
): BinnedPair {
  const a = reference.values;
  const b = current.values;
  const [lo, hi] = minMax2(a, b);
  const k = bins ?? sturgesBinCount(a.length + b.length, lo, hi);
  const edges = equalWidthEdges(lo, hi, k);
  return {
    edges,
    reference: histogram(a, edges),
    current: histogram(b, edges),
    referenceTotal: a.length,
    currentTotal: b.length,
  };
}

/**
 * binPair applies the binning of psi, kl_div and jensenshannon (Evidently's `get_binned_data`):
 * a numerical column whose reference has more than 20 distinct values gets Sturges equal-width
 * bins over reference + current combined; otherwise (and for categorical columns) one bin per
 * distinct value of the union. A user `bins` count always gives that many equal-width bins to a
 * numerical column (Evidently ignores its n_bins; we honour it).
 */
export function binPair(pair: PreparedPair, bins: number | undefined): BinnedPair {
  if (pair.kind === 'categorical') {
    return pair.counts;
  }
  const distinct = countDistinctUpTo(pair.reference.values, MAX_DISTINCT_FOR_VALUE_BINS);
  if (bins !== undefined || distinct > MAX_DISTINCT_FOR_VALUE_BINS) {
    return equalWidthPair(pair.reference, pair.current, bins);
  }
  return numericCounts(pair.reference, pair.current);
}

/** shares divides counts by the sample size (count / rows). */
export function shares(counts: Float64Array, total: number): Float64Array {
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) out[i] = counts[i] / total;
  return out;
}

/**
 * fillZeroShares replaces the zero shares of `p` in place by eps so that logarithms stay finite:
 * eps = m / 1e6 when the smallest non-zero share m is <= 1e-4, else eps = 1e-4 (Evidently's
 * policy, applied to each vector separately). Example: [0.5, 0.5, 0] → [0.5, 0.5, 1e-4].
 */
export function fillZeroShares(p: Float64Array): Float64Array {
  let m = Number.POSITIVE_INFINITY;
  for (let i = 0; i < p.length; i++) if (p[i] !== 0 && p[i] < m) m = p[i];
  const eps = m <= 1e-4 ? m / 1e6 : 1e-4;
  for (let i = 0; i < p.length; i++) if (p[i] === 0) p[i] = eps;
  return p;
}
