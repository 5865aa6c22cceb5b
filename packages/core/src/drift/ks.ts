import { ks2sampPValue } from '../special/index.js';
import { ksStatistic } from './ecdf.js';
import { numericalPair, testOutput } from './output.js';
import { sortedValues } from './samples.js';
import type { DriftMethodImpl } from './types.js';

/**
 * ks is the two-sample Kolmogorov-Smirnov test (Evidently "ks", scipy `ks_2samp`, two-sided).
 *
 * D = max_x |F_ref(x) − F_cur(x)| over the empirical CDFs (ties handled as scipy's searchsorted
 * side='right'); the p-value is exact when max(n, m) <= 10000, else Smirnov's asymptotic
 * distribution (kstwo with n·m/(n+m) rounded), as `ks_2samp(method='auto')`.
 * Drift when p <= threshold (default 0.05). Effect size: D itself (`ks_d`, in [0, 1]).
 * Example: [1, 2, 3, 4, 5] vs [6, 7, 8, 9, 10] → D = 1, p = 2 / C(10, 5) = 0.00794.
 */
export const ks: DriftMethodImpl = {
  name: 'ks',
  displayName: 'K-S p_value',
  kinds: ['numerical', 'text'],
  scoreKind: 'p_value',
  defaultThreshold: 0.05,
  rule: 'lte',
  effectSizeName: 'ks_d',
  compute(pair) {
    const samples = numericalPair(pair, 'ks');
    if (!samples.ok) return samples;
    const a = sortedValues(samples.value.reference);
    const b = sortedValues(samples.value.current);
    const d = ksStatistic(a, b);
    const { pValue } = ks2sampPValue({ d, n1: a.length, n2: b.length, method: 'auto' });
    return testOutput('ks', d, pValue, 'ks_d', d);
  },
};
