import { createRng, type Rng, shuffleInPlace } from '../random/index.js';
import { err } from '../result.js';
import { numericalPair, testOutput } from './output.js';
import type { DriftMethodImpl } from './types.js';

/** MMD_PERMUTATIONS is the number of permutations behind the MMD p-value (Evidently: 100). */
export const MMD_PERMUTATIONS = 100;

/**
 * MMD_MAX_SAMPLE caps each sample of empirical_mmd: the test holds the (n + m)² kernel matrix, so
 * larger samples are replaced by a seeded random subsample of this size (Evidently has no cap and
 * runs out of memory on large columns).
 */
export const MMD_MAX_SAMPLE = 1000;

function subsample(x: Float64Array, rng: Rng): Float64Array {
  if (x.length <= MMD_MAX_SAMPLE) return x;
  const idx = new Int32Array(x.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  // Partial Fisher-Yates: the first MMD_MAX_SAMPLE slots become a uniform sample.
  for (let i = 0; i < MMD_MAX_SAMPLE; i++) {
    const j = i + rng.int(idx.length - i);
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  const out = new Float64Array(MMD_MAX_SAMPLE);
  for (let i = 0; i < MMD_MAX_SAMPLE; i++) out[i] = x[idx[i]];
  return out;
}

/**
 * nearestMedian is numpy's `percentile(a, 50, method='nearest')`: the element of rank
 * round-half-even((n − 1) / 2) (selected with a sort of a copy).
 */
function nearestMedian(a: Float64Array): number {
  const sorted = a.slice().sort();
  const h = (sorted.length - 1) / 2;
  let k = Math.round(h);
  if (h - Math.floor(h) === 0.5 && k % 2 === 1) k -= 1;
  return sorted[k];
}

/**
 * mmdKernel builds the (n + m)² Gaussian kernel matrix with Evidently's bandwidth: squared
 * distances computed as y² − 2xy + x² (the same rounding as Evidently's numpy code), σ = sqrt(½ ·
 * median of the reference-reference squared distances) (1/√2 when that median is 0),
 * K = exp(−d / (2σ²)), diagonal set to 0.
 */
function mmdKernel(x: Float64Array, y: Float64Array): Float64Array {
  const n = x.length;
  const total = n + y.length;
  const z = new Float64Array(total);
  z.set(x);
  z.set(y, n);
  const refDist = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) refDist[i * n + j] = x[j] * x[j] - 2 * (x[i] * x[j]) + x[i] * x[i];
  }
  // Math.sqrt is correctly rounded, as glibc's pow(x, 0.5) behind numpy's `** 0.5`.
  let sigma = Math.sqrt(0.5 * nearestMedian(refDist));
  if (sigma === 0) sigma = Math.sqrt(0.5);
  const gamma = 1 / (2 * (sigma * sigma));
  const k = new Float64Array(total * total);
  for (let i = 0; i < total; i++) {
    const zi = z[i];
    // Rows of the current sample copy their reference columns from the transposed block, as
    // Evidently concatenates rbf(x, y).T there (same rounding).
    const jStart = i < n ? 0 : n;
    for (let j = jStart; j < total; j++) {
      if (i === j) continue;
      const zj = z[j];
      const v = Math.exp(-gamma * (zj * zj - 2 * (zi * zj) + zi * zi));
      k[i * total + j] = v;
      if (i < n && j >= n) k[j * total + i] = v;
    }
  }
  return k;
}

/**
 * permutedMmd returns the MMD estimate when the rows listed in `isY` (1) form the current sample:
 * with S = Σ K, S_yy = Σ_{Y×Y} K and S_y· = Σ_{i∈Y} row sums, S_xy = S_y· − S_yy and
 * S_xx = S − 2 S_xy − S_yy, so a permutation costs O(m²) instead of O((n + m)²).
 */
function permutedMmd(
  k: Float64Array,
  rowSums: Float64Array,
  total: number,
  members: Int32Array,
  n: number,
  m: number,
  sumAll: number,
): number {
  let syy = 0;
  let sy = 0;
  for (let a = 0; a < m; a++) {
    const i = members[a];
    sy += rowSums[i];
    const row = i * total;
    for (let b = 0; b < m; b++) syy += k[row + members[b]];
  }
  const sxy = sy - syy;
  const sxx = sumAll - 2 * sxy - syy;
  return sxx / (n * (n - 1)) + syy / (m * (m - 1)) - (2 * sxy) / (n * m);
}

/**
 * empiricalMmd is the maximum mean discrepancy with a Gaussian kernel and a permutation p-value
 * (Evidently "empirical_mmd").
 *
 * MMD² = 1/(n(n−1)) Σ_{i≠j} K(x_i, x_j) + 1/(m(m−1)) Σ_{i≠j} K(y_i, y_j) − 2/(nm) Σ K(x_i, y_j),
 * bandwidth from the reference's median squared distance (`mmdKernel`). p = share of
 * `MMD_PERMUTATIONS` random relabellings of the pooled sample whose MMD² is >= the observed one.
 * The permutations use a seeded xoshiro128** (`seed` option), so the p-value is reproducible but
 * cannot equal Evidently's (numpy's global RNG) bit for bit; the statistic matches it exactly.
 * Samples above `MMD_MAX_SAMPLE` are subsampled (seeded). Each sample needs 2 values
 * (TOO_FEW_VALUES). Drift when p < threshold (default 0.1). Effect size: MMD² itself (`mmd`).
 */
export const empiricalMmd: DriftMethodImpl = {
  name: 'empirical_mmd',
  displayName: 'empirical_mmd',
  kinds: ['numerical', 'text'],
  scoreKind: 'p_value',
  defaultThreshold: 0.1,
  rule: 'lt',
  effectSizeName: 'mmd',
  compute(pair, options) {
    const samples = numericalPair(pair, 'empirical_mmd');
    if (!samples.ok) return samples;
    const rng = createRng(options.seed);
    const x = subsample(samples.value.reference.values, rng);
    const y = subsample(samples.value.current.values, rng);
    const n = x.length;
    const m = y.length;
    if (n < 2 || m < 2) {
      return err(
        'TOO_FEW_VALUES',
        `empirical_mmd needs at least 2 values per sample, got ${n} and ${m}`,
      );
    }
    const total = n + m;
    const k = mmdKernel(x, y);
    // Observed statistic summed block by block, as Evidently does.
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    for (let i = 0; i < total; i++) {
      for (let j = 0; j < total; j++) {
        const v = k[i * total + j];
        if (i < n && j < n) sxx += v;
        else if (i >= n && j >= n) syy += v;
        else if (i >= n) sxy += v;
      }
    }
    const mmd = (1 / (n * (n - 1))) * sxx + (1 / (m * (m - 1))) * syy - 2 * (sxy / (n * m));
    const rowSums = new Float64Array(total);
    let sumAll = 0;
    for (let i = 0; i < total; i++) {
      let s = 0;
      for (let j = 0; j < total; j++) s += k[i * total + j];
      rowSums[i] = s;
      sumAll += s;
    }
    // Compare like with like: the observed value through the same O(m²) formula as the permutations.
    const order = new Int32Array(total);
    for (let i = 0; i < total; i++) order[i] = i;
    const observed = permutedMmd(k, rowSums, total, order.subarray(n), n, m, sumAll);
    let atLeast = 0;
    for (let it = 0; it < MMD_PERMUTATIONS; it++) {
      shuffleInPlace(rng, order);
      if (observed <= permutedMmd(k, rowSums, total, order.subarray(n), n, m, sumAll)) atLeast++;
    }
    return testOutput('empirical_mmd', mmd, atLeast / MMD_PERMUTATIONS, 'mmd', mmd);
  },
};
