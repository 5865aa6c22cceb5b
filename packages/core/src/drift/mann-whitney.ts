import { normalSf } from '../special/index.js';
import { numericalPair, testOutput } from './output.js';
import { sortedValues } from './samples.js';
import type { DriftMethodImpl } from './types.js';

/**
 * mannWhitneyExactCdf returns P(U <= k) for the Mann-Whitney U statistic of samples of sizes n1
 * and n2 without ties under the null hypothesis. The counts of U are the coefficients of the
 * Gaussian binomial [n1 + n2 choose s]_q (s = min(n1, n2)), built as Π_{i=1..s} (1 − q^{big+i}) /
 * (1 − q^i) truncated at degree k: O(s · k). Symmetry U ↔ n1·n2 − U keeps k <= n1·n2 / 2.
 * Example: n1 = n2 = 3, k = 0 → 1/20.
 */
export function mannWhitneyExactCdf(k: number, n1: number, n2: number): number {
  const mn = n1 * n2;
  if (k < 0) return 0;
  if (k >= mn) return 1;
  if (k > mn / 2) return 1 - mannWhitneyExactCdf(mn - k - 1, n1, n2);
  const s = Math.min(n1, n2);
  const big = Math.max(n1, n2);
  const coef = new Float64Array(k + 1);
  coef[0] = 1;
  let total = 1;
  for (let i = 1; i <= s; i++) {
    const drop = big + i;
    for (let j = k; j >= drop; j--) coef[j] -= coef[j - drop];
    for (let j = i; j <= k; j++) coef[j] += coef[j - i];
    total = (total * (big + i)) / i;
  }
  let sum = 0;
  for (let j = 0; j <= k; j++) sum += coef[j];
  return sum / total;
}

/**
 * mannWhitney is the Mann-Whitney U rank test with alternative 'less' (Evidently "mannw", scipy
 * `mannwhitneyu(reference, current, alternative='less')`, continuity correction on).
 *
 * Midranks over the pooled sample (one merge walk), U1 = R_ref − n1(n1+1)/2, U2 = n1 n2 − U1.
 * Exact null distribution when either sample has <= 8 values and there are no ties: p = P(U <= U1);
 * otherwise the tie-corrected normal approximation z = (U2 − n1 n2/2 − 0.5) / σ,
 * σ² = n1 n2 / 12 · ((n + 1) − Σ(t³ − t) / (n (n − 1))), p = Φ̄(z). Note Evidently's one-sided
 * alternative: it flags a reference that is stochastically smaller than the current sample
 * (current shifted up), not a downward shift. All values tied: p = 1. Drift when p < threshold
 * (default 0.05). Statistic: U1. Effect size: rank-biserial r = 2 U1 / (n1 n2) − 1 (positive when
 * reference values tend to be larger). Example: [1, 2, 3] vs [4, 5, 6] → U1 = 0, p = 0.05.
 */
export const mannWhitney: DriftMethodImpl = {
  name: 'mannw',
  displayName: 'Mann-Whitney U-rank test',
  kinds: ['numerical', 'text'],
  scoreKind: 'p_value',
  defaultThreshold: 0.05,
  rule: 'lt',
  effectSizeName: 'rank_biserial',
  compute(pair) {
    const samples = numericalPair(pair, 'mannw');
    if (!samples.ok) return samples;
    const a = sortedValues(samples.value.reference);
    const b = sortedValues(samples.value.current);
    const n1 = a.length;
    const n2 = b.length;
    const n = n1 + n2;
    let i = 0;
    let j = 0;
    let below = 0;
    let rankSum = 0;
    let tieTerm = 0;
    let ties = false;
    while (i < n1 || j < n2) {
      const v = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
      const i0 = i;
      const j0 = j;
      while (i < n1 && a[i] === v) i++;
      while (j < n2 && b[j] === v) j++;
      const t = i - i0 + (j - j0);
      // Midrank of the group: ranks below+1 .. below+t; halves are exact in a double.
      rankSum += (i - i0) * (below + (t + 1) / 2);
      if (t > 1) {
        ties = true;
        tieTerm += t * t * t - t;
      }
      below += t;
    }
    const u1 = rankSum - (n1 * (n1 + 1)) / 2;
    const u2 = n1 * n2 - u1;
    const effect = (2 * u1) / (n1 * n2) - 1;
    let p: number;
    if ((n1 <= 8 || n2 <= 8) && !ties) {
      p = mannWhitneyExactCdf(u1, n1, n2);
    } else {
      const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
      const numerator = u2 - (n1 * n2) / 2 - 0.5;
      p = variance > 0 ? normalSf(numerator / Math.sqrt(variance)) : numerator < 0 ? 1 : 0;
    }
    return testOutput('mannw', u1, p, 'rank_biserial', effect);
  },
};
