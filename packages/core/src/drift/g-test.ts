import { err } from '../result.js';
import { chi2Sf } from '../special/index.js';
import { categoricalPair, cramersV, testOutput } from './output.js';
import type { DriftMethodImpl } from './types.js';

/**
 * gTest is the G-test (log-likelihood ratio) of the current counts against the reference shares
 * (Evidently "g_test", scipy `power_divergence(lambda_='log-likelihood')`).
 *
 * expected_k = reference_k · (current rows / reference rows), G = 2 Σ current_k · ln(current_k /
 * expected_k) (a zero count contributes 0), p = P(χ²_{K−1} > G). A value absent from the reference
 * gives G = +Infinity, p = 0. Drift when p < threshold (default 0.1). Fewer than two categories:
 * SINGLE_CATEGORY. Effect size: Cramér's V. Example: reference [50, 50], current [60, 40] →
 * G = 4.027, p = 0.0448.
 */
export const gTest: DriftMethodImpl = {
  name: 'g_test',
  displayName: 'g_test',
  kinds: ['categorical'],
  scoreKind: 'p_value',
  defaultThreshold: 0.1,
  rule: 'lt',
  effectSizeName: 'cramers_v',
  compute(pair) {
    const counts = categoricalPair(pair, 'g_test');
    if (!counts.ok) return counts;
    const c = counts.value;
    const k = c.keys.length;
    if (k < 2) return err('SINGLE_CATEGORY', 'g_test needs at least two categories');
    const norm = c.currentTotal / c.referenceTotal;
    let stat = 0;
    for (let i = 0; i < k; i++) {
      const observed = c.current[i];
      if (observed === 0) continue;
      stat += 2 * observed * Math.log(observed / (c.reference[i] * norm));
    }
    // Rounding can leave a tiny negative G for identical shares; G >= 0 by Gibbs' inequality.
    if (stat < 0) stat = 0;
    const p = stat === Number.POSITIVE_INFINITY ? 0 : chi2Sf(stat, k - 1);
    return testOutput('g_test', stat, p, 'cramers_v', cramersV(c));
  },
};
