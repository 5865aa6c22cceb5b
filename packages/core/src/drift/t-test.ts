import { err } from '../result.js';
import { studentTTwoSidedP } from '../special/index.js';
import { meanAndVariance } from './ecdf.js';
import { numericalPair, testOutput } from './output.js';
import type { DriftMethodImpl } from './types.js';

/**
 * tTest is Student's two-sample t-test with pooled variance, two-sided (Evidently "t_test", scipy
 * `ttest_ind(equal_var=True)`).
 *
 * s² = ((n1 − 1) s1² + (n2 − 1) s2²) / (n1 + n2 − 2), t = (mean1 − mean2) / sqrt(s² (1/n1 + 1/n2)),
 * p = 2 P(T_{n1+n2−2} > |t|). Each sample needs 2 values (TOO_FEW_VALUES otherwise: scipy returns
 * NaN). Both samples constant and equal: CONSTANT (t = 0/0); constant but different: t = ±Infinity,
 * p = 0. Drift when p < threshold (default 0.05). Effect size: Cohen's d = (mean1 − mean2) / s.
 * Example: [1, 2, 3, 4] vs [3, 4, 5, 6] → t = −2.191, p = 0.0710.
 */
export const tTest: DriftMethodImpl = {
  name: 't_test',
  displayName: 't_test',
  kinds: ['numerical', 'text'],
  scoreKind: 'p_value',
  defaultThreshold: 0.05,
  rule: 'lt',
  effectSizeName: 'cohens_d',
  compute(pair) {
    const samples = numericalPair(pair, 't_test');
    if (!samples.ok) return samples;
    const a = samples.value.reference.values;
    const b = samples.value.current.values;
    const n1 = a.length;
    const n2 = b.length;
    if (n1 < 2 || n2 < 2) {
      return err(
        'TOO_FEW_VALUES',
        `t_test needs at least 2 values per sample, got ${n1} and ${n2}`,
      );
    }
    const ma = meanAndVariance(a, 1);
    const mb = meanAndVariance(b, 1);
    const df = n1 + n2 - 2;
    const pooled = ((n1 - 1) * ma.variance + (n2 - 1) * mb.variance) / df;
    const diff = ma.mean - mb.mean;
    if (pooled === 0) {
      if (diff === 0)
        return err('CONSTANT', 't_test is undefined: both samples are the same constant');
      return testOutput(
        't_test',
        diff > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY,
        0,
        'cohens_d',
        Number.NaN,
      );
    }
    const t = diff / Math.sqrt(pooled * (1 / n1 + 1 / n2));
    return testOutput('t_test', t, studentTTwoSidedP(t, df), 'cohens_d', diff / Math.sqrt(pooled));
  },
};
