import { createRng } from '../random/index.js';
import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import { normalCdf, normalPpf } from '../special/index.js';
import type { Plan, StatisticFn } from './bootstrap-plans.js';
import {
  customOneSamplePlan,
  customTwoSamplePlan,
  differenceOfMeansPlan,
  meanPlan,
  medianPlan,
} from './bootstrap-plans.js';
import type { ConfidenceInterval } from './types.js';
import { checkLevel, toFiniteSample } from './validate.js';

/** BootstrapStatisticName names the built-in statistics (with fast resampling and jackknife). */
export type BootstrapStatisticName =
  | 'mean'
  | 'median'
  | 'difference of means'
  | 'pass rate difference';

/** BootstrapMethod is the interval construction: percentile, BCa (Efron 1987) or basic. */
export type BootstrapMethod = 'percentile' | 'bca' | 'basic';

/**
 * TwoSampleData holds two samples: `paired` resamples indices jointly (same cases evaluated twice,
 * lengths must match), otherwise each sample is resampled on its own (independent groups).
 */
export interface TwoSampleData {
  readonly a: ArrayLike<number>;
  readonly b: ArrayLike<number>;
  readonly paired: boolean;
}

/** BootstrapOptions configures {@link bootstrapCI}. */
export interface BootstrapOptions {
  /** Number of bootstrap replicates, an integer ≥ 2; default 10,000. */
  readonly resamples?: number;
  /** Confidence level in (0, 1); default 0.95. */
  readonly level?: number;
  /** Seed of {@link createRng}; default 0, so results are reproducible unless asked otherwise. */
  readonly seed?: number;
  /** Default 'bca', as scipy.stats.bootstrap. */
  readonly method?: BootstrapMethod;
}

/** BootstrapResult is the outcome of {@link bootstrapCI}. */
export interface BootstrapResult {
  /** The statistic on the original data. */
  readonly estimate: number;
  readonly confidenceInterval: ConfidenceInterval;
  /** Standard deviation (n − 1) of the bootstrap replicates. */
  readonly standardError: number;
  readonly method: BootstrapMethod;
  readonly resamples: number;
  /** BCa bias correction ẑ₀; null for other methods. */
  readonly biasCorrection: number | null;
  /** BCa acceleration â; null for other methods. */
  readonly acceleration: number | null;
}

/**
 * bootstrapCI computes a two-sided bootstrap confidence interval of a statistic of one sample or of
 * two samples (paired or independent), deterministically for a seed (scipy.stats.bootstrap's
 * conventions, with our own random stream).
 *
 * Replicates θ*₁..θ*_B come from resampling with replacement. With α = (1 − level)/2 and
 * Q(q) the linear-interpolated quantile of the replicates (numpy.percentile):
 * percentile [Q(α), Q(1 − α)]; basic [2θ̂ − Q(1 − α), 2θ̂ − Q(α)]; BCa [Q(α₁), Q(α₂)] with
 * αᵢ = Φ(ẑ₀ + (ẑ₀ + zᵢ)/(1 − â(ẑ₀ + zᵢ))), z₁ = Φ⁻¹(α), z₂ = −z₁, ẑ₀ = Φ⁻¹((#{θ* < θ̂} + #{θ* ≤ θ̂})/2B),
 * â = Σⱼ Σᵢ U³ⱼᵢ/nⱼ³ / (6 (Σⱼ Σᵢ U²ⱼᵢ/nⱼ²)^{3/2}), Uⱼᵢ = (nⱼ − 1)(θ̄₍ⱼ₎ − θ₍ⱼᵢ₎) from the jackknife of each
 * independently resampled sample j (Efron & Tibshirani 1993, eq. 14.15; scipy's multi-sample form).
 * Named statistics: 'mean', 'median' (one sample); 'difference of means' and 'pass rate difference'
 * (mean(a) − mean(b); the latter requires 0/1 values). A function gets one Float64Array per sample;
 * the arrays are reused between calls, so it must not keep them (it may reorder them). Cost:
 * O(B·n) plus, for BCa with a custom function, n jackknife calls.
 * Edge-case policy (all as Result errors): a sample with fewer than 2 values → TOO_FEW_VALUES;
 * non-finite values, level ∉ (0, 1), bad resamples or seed, a 'pass rate difference' value other
 * than 0/1, a named statistic used with the wrong number of samples → INVALID_ARGUMENT; paired
 * lengths differ → LENGTH_MISMATCH; the statistic not finite on some replicate → NOT_COMPUTABLE;
 * BCa on a degenerate jackknife (constant data) → CONSTANT, and with ẑ₀ infinite → NOT_COMPUTABLE.
 * Example: bootstrapCI([1, 2, 3, 4, 10], 'mean', { method: 'percentile', seed: 1 }) gives the
 * estimate 4 with the interval [1.8, 7.0], the same on every run.
 */
export function bootstrapCI(
  data: ArrayLike<number> | TwoSampleData,
  statistic: BootstrapStatisticName | StatisticFn,
  options: BootstrapOptions = {},
): Result<BootstrapResult> {
  const { resamples = 10_000, seed = 0, method = 'bca' } = options;
  const level = checkLevel(options.level ?? 0.95);
  if (!level.ok) return level;
  if (!(Number.isSafeInteger(resamples) && resamples >= 2)) {
    return err('INVALID_ARGUMENT', `resamples must be an integer ≥ 2, got ${resamples}`);
  }
  if (!Number.isSafeInteger(seed)) return err('INVALID_ARGUMENT', `seed must be a safe integer`);
  if (method !== 'percentile' && method !== 'bca' && method !== 'basic') {
    return err('INVALID_ARGUMENT', `method must be 'percentile', 'bca' or 'basic'`);
  }
  const plan = makePlan(data, statistic);
  if (!plan.ok) return plan;
  const { estimate } = plan.value;
  if (!Number.isFinite(estimate))
    return err('NOT_COMPUTABLE', 'the statistic is not finite on the data');

  const theta = new Float64Array(resamples);
  if (!plan.value.fill(createRng(seed), theta)) {
    return err('NOT_COMPUTABLE', 'the statistic is not finite on some bootstrap resample');
  }
  const standardError = sampleSd(theta);
  theta.sort();

  const alpha = (1 - level.value) / 2;
  let lower: number;
  let upper: number;
  let biasCorrection: number | null = null;
  let acceleration: number | null = null;
  if (method === 'bca') {
    const bca = bcaLevels(plan.value, theta, alpha);
    if (!bca.ok) return bca;
    ({ biasCorrection, acceleration } = bca.value);
    lower = quantileSorted(theta, bca.value.low);
    upper = quantileSorted(theta, bca.value.high);
  } else {
    lower = quantileSorted(theta, alpha);
    upper = quantileSorted(theta, 1 - alpha);
    if (method === 'basic') [lower, upper] = [2 * estimate - upper, 2 * estimate - lower];
  }
  return ok({
    estimate,
    confidenceInterval: { lower, upper, level: level.value },
    standardError,
    method,
    resamples,
    biasCorrection,
    acceleration,
  });
}

interface BcaLevels {
  readonly low: number;
  readonly high: number;
  readonly biasCorrection: number;
  readonly acceleration: number;
}

/** bcaLevels returns the adjusted quantile levels α₁, α₂ of the BCa interval (sorted theta). */
function bcaLevels(plan: Plan, sorted: Float64Array, alpha: number): Result<BcaLevels> {
  const b = sorted.length;
  const est = plan.estimate;
  let below = 0;
  let atOrBelow = 0;
  for (let i = 0; i < b; i++) {
    if (sorted[i] < est) below++;
    if (sorted[i] <= est) atOrBelow++;
  }
  const z0 = normalPpf((below + atOrBelow) / (2 * b));
  if (!Number.isFinite(z0)) {
    return err('NOT_COMPUTABLE', 'BCa: every replicate lies on one side of the estimate');
  }
  let num = 0;
  let den = 0;
  for (const jack of plan.jackknife()) {
    const n = jack.length;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += jack[i];
    mean /= n;
    let s2 = 0;
    let s3 = 0;
    for (let i = 0; i < n; i++) {
      const u = (n - 1) * (mean - jack[i]);
      s2 += u * u;
      s3 += u * u * u;
    }
    num += s3 / (n * n * n);
    den += s2 / (n * n);
  }
  if (!Number.isFinite(num + den)) {
    return err('NOT_COMPUTABLE', 'BCa: the statistic is not finite on some jackknife sample');
  }
  if (!(den > 0)) return err('CONSTANT', 'BCa: the jackknife replicates are all equal');
  const a = num / (6 * den ** 1.5);
  const zLow = normalPpf(alpha);
  const adjust = (z: number): number => normalCdf(z0 + (z0 + z) / (1 - a * (z0 + z)));
  const low = adjust(zLow);
  const high = adjust(-zLow);
  if (!(low >= 0 && low <= 1 && high >= 0 && high <= 1)) {
    return err('NOT_COMPUTABLE', 'BCa: adjusted levels are undefined (extreme acceleration)');
  }
  return ok({ low, high, biasCorrection: z0, acceleration: a });
}

/** quantileSorted is numpy.percentile's default (linear) quantile of sorted data, q ∈ [0, 1]. */
function quantileSorted(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const i = Math.floor(h);
  if (i >= sorted.length - 1) return sorted[sorted.length - 1];
  return sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]);
}

function sampleSd(x: Float64Array): number {
  let mean = 0;
  for (let i = 0; i < x.length; i++) mean += x[i];
  mean /= x.length;
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += (x[i] - mean) ** 2;
  return Math.sqrt(ss / (x.length - 1));
}

const STATISTIC_NAMES: readonly string[] = [
  'mean',
  'median',
  'difference of means',
  'pass rate difference',
];

function makePlan(
  data: ArrayLike<number> | TwoSampleData,
  statistic: BootstrapStatisticName | StatisticFn,
): Result<Plan> {
  if (typeof statistic !== 'function' && !STATISTIC_NAMES.includes(statistic)) {
    return err('UNKNOWN_METHOD', `unknown statistic '${statistic}'`);
  }
  if (isTwoSample(data)) {
    const a = toFiniteSample(data.a, 'a');
    if (!a.ok) return a;
    const b = toFiniteSample(data.b, 'b');
    if (!b.ok) return b;
    const xa = a.value;
    const xb = b.value;
    if (xa.length < 2 || xb.length < 2)
      return err('TOO_FEW_VALUES', 'each sample needs ≥ 2 values');
    if (data.paired && xa.length !== xb.length) {
      return err(
        'LENGTH_MISMATCH',
        `paired samples differ in length (${xa.length} vs ${xb.length})`,
      );
    }
    if (typeof statistic === 'function')
      return ok(customTwoSamplePlan(xa, xb, data.paired, statistic));
    if (statistic === 'pass rate difference' && !(isBinary(xa) && isBinary(xb))) {
      return err('INVALID_ARGUMENT', `'pass rate difference' needs 0/1 outcomes`);
    }
    if (statistic === 'difference of means' || statistic === 'pass rate difference') {
      return ok(differenceOfMeansPlan(xa, xb, data.paired));
    }
    return err('INVALID_ARGUMENT', `statistic '${statistic}' takes one sample, got two`);
  }
  const x = toFiniteSample(data, 'sample');
  if (!x.ok) return x;
  if (x.value.length < 2) return err('TOO_FEW_VALUES', 'the sample needs ≥ 2 values');
  if (typeof statistic === 'function') return ok(customOneSamplePlan(x.value, statistic));
  if (statistic === 'mean') return ok(meanPlan(x.value));
  if (statistic === 'median') return ok(medianPlan(x.value));
  return err('INVALID_ARGUMENT', `statistic '${statistic}' takes two samples ({ a, b, paired })`);
}

function isTwoSample(data: ArrayLike<number> | TwoSampleData): data is TwoSampleData {
  return typeof (data as ArrayLike<number>).length !== 'number';
}

function isBinary(x: Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== 0 && x[i] !== 1) return false;
  return true;
}
