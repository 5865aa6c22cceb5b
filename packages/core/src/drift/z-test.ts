import { normalSf } from '../special/index.js';
import { testOutput } from './output.js';
import { firstKeyIndex, pairCounts } from './samples.js';
import type { DriftMethodImpl } from './types.js';

/**
 * zTest is the two-proportion pooled z-test (Evidently "z"): the share of the first value (labels
 * sorted by code point, numbers in numeric order) against all other values.
 *
 * p1, p2 = shares of "not the first value" in reference and current, P = pooled share,
 * z = (p1 − p2) / sqrt(P (1 − P) (1/n1 + 1/n2)), p = 2 · Φ̄(|z|) (two-sided). When both samples
 * hold the same single value p = 1 (Evidently's rule). Evidently computes 2 · (1 − Φ(|z|)), which
 * underflows to 0 below 1e-16; we use the upper tail directly, so tiny p-values stay accurate.
 * Drift when p < threshold (default 0.05). Effect size: Cohen's h = 2 asin √q1 − 2 asin √q2 on the
 * first value's shares. Example: 30/100 vs 50/100 "yes" → z = −2.89, p = 0.00385.
 */
export const zTest: DriftMethodImpl = {
  name: 'z',
  displayName: 'Z-test p_value',
  kinds: ['categorical', 'numerical'],
  scoreKind: 'p_value',
  defaultThreshold: 0.05,
  rule: 'lt',
  effectSizeName: 'cohens_h',
  compute(pair) {
    const c = pairCounts(pair);
    const n1 = c.referenceTotal;
    const n2 = c.currentTotal;
    if (c.keys.length === 1) return testOutput('z', 0, 1, 'cohens_h', 0);
    const first = firstKeyIndex(c);
    const p1 = (n1 - c.reference[first]) / n1;
    const p2 = (n2 - c.current[first]) / n2;
    const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
    const z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
    const h = 2 * Math.asin(Math.sqrt(1 - p1)) - 2 * Math.asin(Math.sqrt(1 - p2));
    return testOutput('z', z, 2 * normalSf(Math.abs(z)), 'cohens_h', h);
  },
};
