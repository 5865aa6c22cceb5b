import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import { chi2Sf } from '../special/index.js';
import { isCount } from './validate.js';

/** SampleRatioMismatchOptions configures {@link sampleRatioMismatch}. */
export interface SampleRatioMismatchOptions {
  /** Significance level below which the split is flagged; default 0.001 (SRM checks run often). */
  readonly alpha?: number;
}

/** SampleRatioMismatchResult is the outcome of {@link sampleRatioMismatch}. */
export interface SampleRatioMismatchResult {
  /** Pearson's χ² = Σ (observed − expected)² / expected; +Infinity if a zero-weight variant got traffic. */
  readonly statistic: number;
  /** Degrees of freedom: variants with positive weight − 1. */
  readonly df: number;
  readonly pValue: number;
  /** True when pValue < alpha. */
  readonly mismatch: boolean;
  /** Expected count per variant, total · weight / Σ weights. */
  readonly expected: Float64Array;
}

/**
 * sampleRatioMismatch checks whether observed assignment counts per variant fit the intended
 * traffic weights (a sample-ratio mismatch signals broken randomisation or logging), with
 * Pearson's chi-squared goodness-of-fit test as scipy.stats.chisquare(counts, expected).
 *
 * expectedᵢ = N·wᵢ/Σw, χ² = Σ (oᵢ − eᵢ)²/eᵢ over variants with wᵢ > 0, df = (variants with wᵢ > 0) − 1,
 * p = P(χ²_df ≥ χ²), mismatch = p < alpha. Weights need not sum to 1 (they are normalised).
 * Edge-case policy: counts must be non-negative integers and weights finite, ≥ 0, summing to > 0
 * (INVALID_ARGUMENT); lengths must match (LENGTH_MISMATCH); no observation at all → EMPTY_SAMPLE;
 * fewer than two positive-weight variants → INVALID_ARGUMENT. A variant with weight 0 but a positive
 * count is a certain mismatch (statistic +Infinity, p = 0); with count 0 it is ignored.
 * Example: counts [5050, 4950], weights [1, 1] → χ² = 1, p = 0.3173, mismatch false.
 */
export function sampleRatioMismatch(
  counts: ArrayLike<number>,
  weights: ArrayLike<number>,
  options: SampleRatioMismatchOptions = {},
): Result<SampleRatioMismatchResult> {
  const alpha = options.alpha ?? 0.001;
  if (!(alpha > 0 && alpha < 1))
    return err('INVALID_ARGUMENT', `alpha must be in (0, 1), got ${alpha}`);
  const k = counts.length;
  if (weights.length !== k) {
    return err('LENGTH_MISMATCH', `${k} counts but ${weights.length} weights`);
  }
  let total = 0;
  let weightSum = 0;
  let positive = 0;
  for (let i = 0; i < k; i++) {
    const o = counts[i];
    const w = weights[i];
    if (!isCount(o))
      return err('INVALID_ARGUMENT', `counts[${i}] is not a non-negative integer (${o})`);
    if (!(Number.isFinite(w) && w >= 0)) {
      return err('INVALID_ARGUMENT', `weights[${i}] is not a finite non-negative number (${w})`);
    }
    total += o;
    weightSum += w;
    if (w > 0) positive++;
  }
  if (!(weightSum > 0)) return err('INVALID_ARGUMENT', 'weights must sum to a positive number');
  if (positive < 2)
    return err('INVALID_ARGUMENT', 'need at least two variants with positive weight');
  if (total === 0) return err('EMPTY_SAMPLE', 'no observations in any variant');

  const expected = new Float64Array(k);
  let statistic = 0;
  for (let i = 0; i < k; i++) {
    const e = (total * weights[i]) / weightSum;
    expected[i] = e;
    if (e > 0) {
      const d = counts[i] - e;
      statistic += (d * d) / e;
    } else if (counts[i] > 0) {
      // Traffic reached a variant that should get none: no sampling noise explains that.
      statistic = Number.POSITIVE_INFINITY;
    }
  }
  const df = positive - 1;
  const pValue = statistic === Number.POSITIVE_INFINITY ? 0 : chi2Sf(statistic, df);
  return ok({ statistic, df, pValue, mismatch: pValue < alpha, expected });
}
