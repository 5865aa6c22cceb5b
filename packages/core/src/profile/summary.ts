// Read-outs of a profile: quantiles from the sketch and a plain summary object.

import { err, ok, type Result } from '../result.js';
import { sketchValueAtRank } from './dd-sketch.js';
import { frequentItemsErrorBound, frequentItemsTracked, sortedEntries } from './frequent-items.js';
import { hllEstimate, hllStandardError } from './hll.js';
import type { ColumnProfile, NumericProfile } from './types.js';

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/**
 * profileQuantile estimates the q-quantile of a numerical profile with numpy's default ('linear')
 * definition: h = q·(n−1), Q = x_⌊h⌋ + (h − ⌊h⌋)·(x_⌈h⌉ − x_⌊h⌋).
 *
 * Each order statistic comes from the sketch, clamped to [min, max], so the estimate is within
 * α·max(|x_⌊h⌋ − c|, |x_⌈h⌉ − c|) of numpy's answer (α = sketchAccuracy, c = sketchCenter);
 * q = 0 and q = 1 return the exact min and max. Errors: WRONG_KIND for a categorical profile,
 * INVALID_ARGUMENT for q outside [0, 1], EMPTY_SAMPLE when the profile has no values.
 * Example: values 1..100, α = 0.01 → profileQuantile(p, 0.5) ≈ 50.5 (within 0.51).
 */
export function profileQuantile(p: ColumnProfile, q: number): Result<number> {
  if (p.kind !== 'numeric') return err('WRONG_KIND', 'quantiles need a numerical profile');
  if (!(q >= 0 && q <= 1)) return err('INVALID_ARGUMENT', `quantile must be in [0, 1], got ${q}`);
  if (p.count === 0) return err('EMPTY_SAMPLE', 'profile has no values');
  return ok(quantileOf(p, q));
}

/** quantileOf is profileQuantile without the checks (q in [0, 1], count > 0). */
export function quantileOf(p: NumericProfile, q: number): number {
  if (q === 0) return p.min;
  if (q === 1) return p.max;
  const h = q * (p.count - 1);
  const lo = Math.floor(h);
  const f = h - lo;
  const a = clamp(sketchValueAtRank(p.sketch, lo), p.min, p.max);
  if (f === 0) return a;
  const b = clamp(sketchValueAtRank(p.sketch, lo + 1), p.min, p.max);
  return a + (b - a) * f;
}

/** NumericSummary is profileSummary's read-out of a numerical profile (null when empty). */
export interface NumericSummary {
  readonly kind: 'numeric';
  readonly count: number;
  readonly missing: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly mean: number | null;
  /** Population standard deviation sqrt(M2/n) (numpy std, ddof = 0). */
  readonly std: number | null;
  readonly distinct: number;
  readonly distinctStandardError: number;
  /** Sketch estimates of the 1, 5, 25, 50, 75, 95 and 99 % quantiles. */
  readonly quantiles: ReadonlyArray<{ readonly q: number; readonly value: number }>;
}

/** CategoricalSummary is profileSummary's read-out of a categorical profile. */
export interface CategoricalSummary {
  readonly kind: 'categorical';
  readonly count: number;
  readonly missing: number;
  /** Exact when `itemsExact`, else the HLL estimate. */
  readonly distinct: number;
  readonly distinctStandardError: number;
  /** True while the frequent items hold every category with its exact count. */
  readonly itemsExact: boolean;
  /** Tracked categories, most frequent first (ties by key); counts are lower bounds. */
  readonly topItems: ReadonlyArray<{ readonly value: string; readonly count: number }>;
  /** Largest possible under-count of any category: (N − Σc)/(capacity + 1). */
  readonly itemCountError: number;
}

/** SUMMARY_QUANTILES are the quantile levels profileSummary reports. */
export const SUMMARY_QUANTILES: readonly number[] = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];

/**
 * profileSummary reads a profile into a plain object (JSON-safe, no NaN): moments, distinct
 * estimate and quantiles for numbers; distinct and top items for categories.
 * Example: numbers [1, 2, 3] → { count: 3, mean: 2, std: 0.8165, min: 1, max: 3, … }.
 */
export function profileSummary(p: ColumnProfile): NumericSummary | CategoricalSummary {
  if (p.kind === 'numeric') {
    const empty = p.count === 0;
    return {
      kind: 'numeric',
      count: p.count,
      missing: p.missing,
      min: empty ? null : p.min,
      max: empty ? null : p.max,
      mean: empty ? null : p.sketch.center + p.centeredMean,
      std: empty ? null : Math.sqrt(p.m2 / p.count),
      distinct: hllEstimate(p.hll),
      distinctStandardError: hllStandardError(p.hll.p),
      quantiles: empty ? [] : SUMMARY_QUANTILES.map((q) => ({ q, value: quantileOf(p, q) })),
    };
  }
  const exact = frequentItemsTracked(p.items) === p.count;
  const top = sortedEntries(p.items).sort((a, b) => b[1] - a[1]);
  return {
    kind: 'categorical',
    count: p.count,
    missing: p.missing,
    distinct: exact ? p.items.counts.size : hllEstimate(p.hll),
    distinctStandardError: exact ? 0 : hllStandardError(p.hll.p),
    itemsExact: exact,
    topItems: top.map(([value, count]) => ({ value, count })),
    itemCountError: frequentItemsErrorBound(p.items, p.count),
  };
}
