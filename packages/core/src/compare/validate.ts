import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import type { Alternative } from './types.js';

/** toFiniteSample copies values into a Float64Array, rejecting NaN and ±Infinity. */
export function toFiniteSample(values: ArrayLike<number>, name: string): Result<Float64Array> {
  const n = values.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    // Comparison tests must not silently drop rows: a missing value changes the pairing or n.
    if (!Number.isFinite(v)) {
      return err('INVALID_ARGUMENT', `${name}[${i}] is not a finite number (${v})`);
    }
    out[i] = v;
  }
  return ok(out);
}

/** checkLevel accepts a confidence level strictly inside (0, 1). */
export function checkLevel(level: number): Result<number> {
  if (!(level > 0 && level < 1)) {
    return err('INVALID_ARGUMENT', `confidence level must be in (0, 1), got ${level}`);
  }
  return ok(level);
}

/** checkAlternative guards the alternative at run time (JavaScript callers bypass the type). */
export function checkAlternative(alternative: string): Result<Alternative> {
  if (alternative === 'two-sided' || alternative === 'greater' || alternative === 'less') {
    return ok(alternative);
  }
  return err('INVALID_ARGUMENT', `alternative must be 'two-sided', 'greater' or 'less'`);
}

/** isCount is true for a non-negative safe integer. */
export function isCount(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0;
}

/** MeanVariance holds a sample mean and its unbiased (n − 1) variance. */
export interface MeanVariance {
  readonly mean: number;
  readonly variance: number;
}

/**
 * meanVariance returns the mean and the n − 1 variance of x (n ≥ 2) by the corrected two-pass
 * algorithm (Chan, Golub & LeVeque 1983), as accurate as numpy's var(ddof=1).
 */
export function meanVariance(x: Float64Array): MeanVariance {
  const n = x.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i];
  const mean = sum / n;
  let ss = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    ss += d * d;
    comp += d;
  }
  // comp² / n removes the rounding left in `mean`; clamp at 0 against cancellation.
  const variance = Math.max(0, (ss - (comp * comp) / n) / (n - 1));
  return { mean, variance };
}
