import { err } from '../result.js';
import { chi2Sf } from '../special/index.js';
import { cramersV, testOutput } from './output.js';
import { pairCounts } from './samples.js';
import type { DriftMethodImpl } from './types.js';

/**
 * chisquare is Pearson's chi-square goodness-of-fit test of the current counts against the
 * reference shares (Evidently "chisquare", scipy `chisquare(f_obs, f_exp)`).
 *
 * For each value k of the union: expected_k = reference_k · (current rows / reference rows),
 * χ² = Σ (current_k − expected_k)² / expected_k, p = P(χ²_{K−1} > χ²). A value absent from the
 * reference has expected 0, so χ² = +Infinity and p = 0 (as scipy). Drift when p < threshold
 * (default 0.05). Fewer than two distinct values: SINGLE_CATEGORY (the test has 0 degrees of
 * freedom). Numerical columns are counted per distinct value (the default for 3-5 values).
 * Effect size: Cramér's V of the 2 × K table. Example: reference [50, 50], current [60, 40] →
 * χ² = 4, p = 0.0455.
 */
export const chisquare: DriftMethodImpl = {
  name: 'chisquare',
  displayName: 'chi-square p_value',
  kinds: ['categorical', 'numerical'],
  scoreKind: 'p_value',
  defaultThreshold: 0.05,
  rule: 'lt',
  effectSizeName: 'cramers_v',
  compute(pair) {
    const c = pairCounts(pair);
    const k = c.keys.length;
    if (k < 2) return err('SINGLE_CATEGORY', 'chisquare needs at least two distinct values');
    const norm = c.currentTotal / c.referenceTotal;
    let stat = 0;
    for (let i = 0; i < k; i++) {
      const expected = c.reference[i] * norm;
      const diff = c.current[i] - expected;
      stat += (diff * diff) / expected;
    }
    const p = stat === Number.POSITIVE_INFINITY ? 0 : chi2Sf(stat, k - 1);
    return testOutput('chisquare', stat, p, 'cramers_v', cramersV(c));
  },
};
