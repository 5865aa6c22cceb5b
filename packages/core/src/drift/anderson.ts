import { err } from '../result.js';
import { ksStatistic } from './ecdf.js';
import { numericalPair, testOutput } from './output.js';
import { sortedValues } from './samples.js';
import type { DriftMethodImpl } from './types.js';

// Scholz & Stephens (1987) Table 2 interpolation coefficients, as scipy `anderson_ksamp`.
const B0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
const B1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
const B2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];
const SIG = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];

/**
 * quadraticFit returns [c2, c1, c0] minimising Σ (c2 x² + c1 x + c0 − y)² (numpy `polyfit(x, y, 2)`),
 * by Householder QR of the column-scaled Vandermonde matrix (numpy scales columns too).
 */
export function quadraticFit(x: readonly number[], y: readonly number[]): [number, number, number] {
  const rows = x.length;
  const cols = 3;
  const a: number[][] = x.map((v) => [v * v, v, 1]);
  const scale = [0, 1, 2].map((c) => Math.sqrt(a.reduce((s, r) => s + r[c] * r[c], 0)));
  for (const r of a) for (let c = 0; c < cols; c++) r[c] /= scale[c];
  const rhs = y.slice();
  for (let c = 0; c < cols; c++) {
    let norm = 0;
    for (let r = c; r < rows; r++) norm += a[r][c] * a[r][c];
    norm = Math.sqrt(norm);
    const alpha = a[c][c] > 0 ? -norm : norm;
    const v = new Array<number>(rows).fill(0);
    for (let r = c; r < rows; r++) v[r] = a[r][c];
    v[c] -= alpha;
    let vv = 0;
    for (let r = c; r < rows; r++) vv += v[r] * v[r];
    if (vv === 0) continue;
    for (let k = c; k < cols; k++) {
      let dot = 0;
      for (let r = c; r < rows; r++) dot += v[r] * a[r][k];
      const f = (2 * dot) / vv;
      for (let r = c; r < rows; r++) a[r][k] -= f * v[r];
    }
    let dot = 0;
    for (let r = c; r < rows; r++) dot += v[r] * rhs[r];
    const f = (2 * dot) / vv;
    for (let r = c; r < rows; r++) rhs[r] -= f * v[r];
  }
  const coef = [0, 0, 0];
  for (let c = cols - 1; c >= 0; c--) {
    let s = rhs[c];
    for (let k = c + 1; k < cols; k++) s -= a[c][k] * coef[k];
    coef[c] = s / a[c][c];
  }
  return [coef[0] / scale[0], coef[1] / scale[1], coef[2] / scale[2]];
}

const CRITICAL = B0.map((b0, i) => b0 + B1[i] / Math.sqrt(1) + B2[i] / 1);
const FIT = quadraticFit(CRITICAL, SIG.map(Math.log));
const CRITICAL_MIN = Math.min(...CRITICAL);
const CRITICAL_MAX = Math.max(...CRITICAL);

/**
 * andersonPValue maps the standardised two-sample Anderson-Darling statistic to scipy's p-value:
 * a quadratic in the statistic fitted to log significance levels of Scholz & Stephens' table,
 * capped to [0.001, 0.25] (the table's range) as scipy does.
 */
export function andersonPValue(a2: number): number {
  if (a2 < CRITICAL_MIN) return 0.25;
  if (a2 > CRITICAL_MAX) return 0.001;
  return Math.exp((FIT[0] * a2 + FIT[1]) * a2 + FIT[2]);
}

/**
 * anderson is the k-sample Anderson-Darling test for two samples, midrank version (Evidently
 * "anderson", scipy `anderson_ksamp([ref, cur])`).
 *
 * A²_akN (Scholz & Stephens eq. 7) from one merge walk over the distinct values z_j with l_j ties:
 * (N−1)/N Σ_i 1/n_i Σ_j l_j/N · (N M_ij − n_i B_j)² / (B_j (N − B_j) − N l_j / 4), B_j = #(< z_j)
 * + l_j/2, M_ij = #(sample i <= z_j) − f_ij/2; standardised A2 = (A²_akN − 1) / σ_N.
 * p-value: `andersonPValue`, hence always in [0.001, 0.25]. At least 4 values and 2 distinct values
 * (TOO_FEW_VALUES, CONSTANT). Drift when p < threshold (default 0.1). Statistic: A2.
 * Effect size: KS D. Example: 1..10 vs 11..20 → A2 = 9.857, p = 0.001 (floored).
 */
export const anderson: DriftMethodImpl = {
  name: 'anderson',
  displayName: 'Anderson-Darling',
  kinds: ['numerical', 'text'],
  scoreKind: 'p_value',
  defaultThreshold: 0.1,
  rule: 'lt',
  effectSizeName: 'ks_d',
  compute(pair) {
    const samples = numericalPair(pair, 'anderson');
    if (!samples.ok) return samples;
    const a = sortedValues(samples.value.reference);
    const b = sortedValues(samples.value.current);
    const n1 = a.length;
    const n2 = b.length;
    const bigN = n1 + n2;
    if (bigN < 4) return err('TOO_FEW_VALUES', `anderson needs at least 4 values, got ${bigN}`);
    let i = 0;
    let j = 0;
    let below = 0;
    let s1 = 0;
    let s2 = 0;
    let distinct = 0;
    while (i < n1 || j < n2) {
      const v = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
      const i0 = i;
      const j0 = j;
      while (i < n1 && a[i] === v) i++;
      while (j < n2 && b[j] === v) j++;
      const f1 = i - i0;
      const f2 = j - j0;
      const l = f1 + f2;
      const bj = below + l / 2;
      const denom = bj * (bigN - bj) - (bigN * l) / 4;
      const m1 = i - f1 / 2;
      const m2 = j - f2 / 2;
      const d1 = bigN * m1 - bj * n1;
      const d2 = bigN * m2 - bj * n2;
      s1 += ((l / bigN) * (d1 * d1)) / denom;
      s2 += ((l / bigN) * (d2 * d2)) / denom;
      below += l;
      distinct++;
    }
    if (distinct < 2) return err('CONSTANT', 'anderson needs at least two distinct values');
    const a2kn = ((s1 / n1 + s2 / n2) * (bigN - 1)) / bigN;
    // Harmonic sums h and g of Scholz & Stephens (as scipy: cumulative sums of 1/(N−1) .. 1/2).
    let cum = 0;
    let g = 0;
    for (let t = bigN - 1, idx = 0; t >= 2; t--, idx++) {
      cum += 1 / t;
      g += cum / (idx + 2);
    }
    const h = cum + 1;
    const k = 2;
    const hh = 1 / n1 + 1 / n2;
    const ca = (4 * g - 6) * (k - 1) + (10 - 6 * g) * hh;
    const cb = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * hh - 8 * h + 4 * g - 6;
    const cc = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * hh + 4 * h;
    const cd = (2 * h + 6) * k * k - 4 * h * k;
    const sigmasq =
      (ca * bigN ** 3 + cb * bigN ** 2 + cc * bigN + cd) / ((bigN - 1) * (bigN - 2) * (bigN - 3));
    const a2 = (a2kn - 1) / Math.sqrt(sigmasq);
    return testOutput('anderson', a2, andersonPValue(a2), 'ks_d', ksStatistic(a, b));
  },
};
