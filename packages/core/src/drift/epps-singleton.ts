import { err } from '../result.js';
import { chi2Sf } from '../special/index.js';
import { ksStatistic } from './ecdf.js';
import { numericalPair, testOutput } from './output.js';
import { sortedValues } from './samples.js';
import { pseudoInverseSymmetric } from './symmetric-eigen.js';
import type { DriftMethodImpl } from './types.js';

// Epps & Singleton's t = (0.4, 0.8); the second point is twice the first.
const T1 = 0.4;

/**
 * percentileLinear is numpy's default (linear) percentile of an ascending sample, including its
 * interpolation rule (a + (b − a)·g, or b − (b − a)·(1 − g) when g >= 0.5).
 */
export function percentileLinear(sorted: Float64Array, q: number): number {
  const index = (sorted.length - 1) * (q / 100);
  const below = Math.floor(index);
  const g = index - below;
  const a = sorted[below];
  const b = sorted[Math.min(below + 1, sorted.length - 1)];
  const diff = b - a;
  return g >= 0.5 ? b - diff * (1 - g) : a + diff * g;
}

/** mergeSorted merges two ascending arrays into one ascending array. */
function mergeSorted(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/**
 * characteristicMoments returns the mean vector (4) and biased covariance (4 × 4, row-major) of
 * g(x) = (cos t1 x, cos t2 x, sin t1 x, sin t2 x) over a sample, for t2 = 2 t1 (the default
 * t = (0.4, 0.8) scaled by one σ keeps that ratio exactly): cos and sin are evaluated once per
 * value and the t2 terms come from the double-angle formulas (agreeing with direct evaluation to
 * a few ulps), then the covariance is centred in a second pass over the stored terms.
 */
function characteristicMoments(
  x: Float64Array,
  t1: number,
): { mean: Float64Array; cov: Float64Array } {
  const n = x.length;
  const cos1 = new Float64Array(n);
  const sin1 = new Float64Array(n);
  const mean = new Float64Array(4);
  for (let i = 0; i < n; i++) {
    const c = Math.cos(t1 * x[i]);
    const s = Math.sin(t1 * x[i]);
    cos1[i] = c;
    sin1[i] = s;
    mean[0] += c;
    mean[1] += 2 * c * c - 1;
    mean[2] += s;
    mean[3] += 2 * s * c;
  }
  for (let r = 0; r < 4; r++) mean[r] /= n;
  const cov = new Float64Array(16);
  const g = new Float64Array(4);
  for (let i = 0; i < n; i++) {
    const c = cos1[i];
    const s = sin1[i];
    g[0] = c - mean[0];
    g[1] = 2 * c * c - 1 - mean[1];
    g[2] = s - mean[2];
    g[3] = 2 * s * c - mean[3];
    for (let r = 0; r < 4; r++) for (let k = r; k < 4; k++) cov[r * 4 + k] += g[r] * g[k];
  }
  for (let r = 0; r < 4; r++) {
    for (let k = r; k < 4; k++) {
      cov[r * 4 + k] /= n;
      cov[k * 4 + r] = cov[r * 4 + k];
    }
  }
  return { mean, cov };
}

/**
 * eppsSingleton is the Epps-Singleton test on the empirical characteristic function (Evidently
 * "es", scipy `epps_singleton_2samp(t=(0.4, 0.8))`).
 *
 * t is scaled by the semi-interquartile range σ = IQR(pooled) / 2; g(x) = (cos t x, sin t x);
 * W = N · Δᵀ Σ⁺ Δ with Δ the difference of the sample means of g and Σ = (N/n1) Cov1 + (N/n2) Cov2
 * (biased covariances, pseudo-inverse); W is multiplied by 1 / (1 + N^−0.45 + 10.1 (n1^−1.7 +
 * n2^−1.7)) when max(n1, n2) < 25, and p = P(χ²_r > W) with r the rank of Σ⁺. Each sample needs 5
 * values (TOO_FEW_VALUES); IQR = 0 gives CONSTANT (Evidently raises). Drift when p < threshold
 * (default 0.05). Statistic: W. Effect size: KS D.
 */
export const eppsSingleton: DriftMethodImpl = {
  name: 'es',
  displayName: 'Epps-Singleton',
  kinds: ['numerical', 'text'],
  scoreKind: 'p_value',
  defaultThreshold: 0.05,
  rule: 'lt',
  effectSizeName: 'ks_d',
  compute(pair) {
    const samples = numericalPair(pair, 'es');
    if (!samples.ok) return samples;
    const x = sortedValues(samples.value.reference);
    const y = sortedValues(samples.value.current);
    const nx = x.length;
    const ny = y.length;
    if (nx < 5 || ny < 5) {
      return err('TOO_FEW_VALUES', `es needs at least 5 values per sample, got ${nx} and ${ny}`);
    }
    const pooled = mergeSorted(x, y);
    const iqr = percentileLinear(pooled, 75) - percentileLinear(pooled, 25);
    if (iqr === 0)
      return err('CONSTANT', 'es is undefined: the interquartile range of the pooled data is 0');
    const sigma = iqr / 2;
    const t1 = T1 / sigma;
    const n = nx + ny;
    const mx = characteristicMoments(x, t1);
    const my = characteristicMoments(y, t1);
    const cov = new Float64Array(16);
    for (let i = 0; i < 16; i++) cov[i] = (n / nx) * mx.cov[i] + (n / ny) * my.cov[i];
    const { inverse, rank } = pseudoInverseSymmetric(cov, 4);
    if (rank === 0)
      return err('NOT_COMPUTABLE', 'es: the covariance of the characteristic function is 0');
    const diff = mx.mean.map((v, i) => v - my.mean[i]);
    let w = 0;
    for (let r = 0; r < 4; r++)
      for (let c = 0; c < 4; c++) w += diff[r] * inverse[r * 4 + c] * diff[c];
    w *= n;
    if (Math.max(nx, ny) < 25) w *= 1 / (1 + n ** -0.45 + 10.1 * (nx ** -1.7 + ny ** -1.7));
    if (w < 0) w = 0;
    return testOutput('es', w, chi2Sf(w, rank), 'ks_d', ksStatistic(x, y));
  },
};
