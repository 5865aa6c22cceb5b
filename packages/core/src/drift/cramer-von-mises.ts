import { err } from '../result.js';
import { besselK, logGamma } from '../special/index.js';
import { cvmExactPValue } from './cramer-von-mises-exact.js';
import { ksStatistic } from './ecdf.js';
import { numericalPair, testOutput } from './output.js';
import { sortedValues } from './samples.js';
import type { DriftMethodImpl } from './types.js';

const PI_1_5 = Math.PI ** 1.5;

/**
 * cvmLimitCdf is the CDF of the one-sample Cramér-von Mises statistic for n → ∞ (Csörgő & Faraway
 * 1996, eq. 1.2): Σ_k Γ(k + ½) / (Γ(k + 1) π^{3/2} √x) · √(4k + 1) · e^{−q} K_{1/4}(q),
 * q = (4k + 1)² / (16 x), adding terms until one is below 1e-7 in absolute value (scipy's rule, kept
 * so that p-values match). Example: cvmLimitCdf(0.461) ≈ 0.95.
 */
export function cvmLimitCdf(x: number): number {
  let total = 0;
  for (let k = 0; ; k++) {
    const y = 4 * k + 1;
    const q = (y * y) / (16 * x);
    const u = Math.exp(logGamma(k + 0.5) - logGamma(k + 1)) / (PI_1_5 * Math.sqrt(x));
    const term = u * Math.sqrt(y) * Math.exp(-q) * besselK(0.25, q);
    total += term;
    if (!(Math.abs(term) >= 1e-7)) return total;
  }
}

/**
 * cramerVonMises is the two-sample Cramér-von Mises test (Evidently "cramer_von_mises", a copy of
 * scipy `cramervonmises_2samp`).
 *
 * With midranks r_i (reference) and s_j (current) in the pooled sample:
 * U = n1 Σ (r_i − i)² + n2 Σ (s_j − j)², T = U / (n1 n2 N) − (4 n1 n2 − 1) / (6N).
 * p-value: exact (`cvmExactPValue`) when max(n1, n2) <= 20, else Anderson's normalisation
 * tn = 1/6 + (T − E T) / sqrt(45 Var T) and p = 1 − cvmLimitCdf(tn) (p = 1 when tn < 0.003).
 * Each sample needs 2 values (TOO_FEW_VALUES). Drift when p <= threshold (default 0.1).
 * Statistic: T. Effect size: KS D. Example: [1, 2, 3] vs [4, 5, 6] → T = 0.5278, p = 0.1 (exact).
 */
export const cramerVonMises: DriftMethodImpl = {
  name: 'cramer_von_mises',
  displayName: 'Cramer-von Mises',
  kinds: ['numerical', 'text'],
  scoreKind: 'p_value',
  defaultThreshold: 0.1,
  rule: 'lte',
  effectSizeName: 'ks_d',
  compute(pair) {
    const samples = numericalPair(pair, 'cramer_von_mises');
    if (!samples.ok) return samples;
    const a = sortedValues(samples.value.reference);
    const b = sortedValues(samples.value.current);
    const nx = a.length;
    const ny = b.length;
    if (nx < 2 || ny < 2) {
      return err(
        'TOO_FEW_VALUES',
        `cramer_von_mises needs at least 2 values per sample, got ${nx} and ${ny}`,
      );
    }
    let i = 0;
    let j = 0;
    let below = 0;
    let sx = 0;
    let sy = 0;
    while (i < nx || j < ny) {
      const v = j >= ny || (i < nx && a[i] <= b[j]) ? a[i] : b[j];
      const i0 = i;
      const j0 = j;
      while (i < nx && a[i] === v) i++;
      while (j < ny && b[j] === v) j++;
      const rank = below + (i - i0 + (j - j0) + 1) / 2;
      for (let k = i0 + 1; k <= i; k++) sx += (rank - k) * (rank - k);
      for (let k = j0 + 1; k <= j; k++) sy += (rank - k) * (rank - k);
      below += i - i0 + (j - j0);
    }
    const u = nx * sx + ny * sy;
    const k = nx * ny;
    const n = nx + ny;
    const t = u / (k * n) - (4 * k - 1) / (6 * n);
    let p: number;
    if (Math.max(nx, ny) <= 20) {
      p = cvmExactPValue(u, nx, ny);
    } else {
      const et = (1 + 1 / n) / 6;
      const vt = ((n + 1) * (4 * k * n - 3 * (nx * nx + ny * ny) - 2 * k)) / (45 * n * n * 4 * k);
      const tn = 1 / 6 + (t - et) / Math.sqrt(45 * vt);
      p = tn < 0.003 ? 1 : Math.max(0, 1 - cvmLimitCdf(tn));
    }
    return testOutput('cramer_von_mises', t, p, 'ks_d', ksStatistic(a, b));
  },
};
