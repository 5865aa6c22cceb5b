import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import type { ProportionSample } from './proportions.js';
import type { ConfidenceInterval } from './types.js';
import { isCount } from './validate.js';

/**
 * TwoSampleSummary holds the running summary statistics of two arms: sizes, means and
 * per-observation variances (sample variances, or known population variances).
 */
export interface TwoSampleSummary {
  readonly nA: number;
  readonly meanA: number;
  readonly varianceA: number;
  readonly nB: number;
  readonly meanB: number;
  readonly varianceB: number;
}

/** MixtureSprtOptions configures {@link mixtureSprt} and {@link mixtureSprtUpdate}. */
export interface MixtureSprtOptions {
  /** τ², variance of the normal mixing distribution over the true difference (required, > 0). */
  readonly mixingVariance: number;
  /** θ₀, the difference meanA − meanB under the null hypothesis; default 0. */
  readonly nullDifference?: number;
  /** Significance level of the always-valid test and confidence sequence; default 0.05. */
  readonly alpha?: number;
}

/** MixtureSprtLook is the evidence of one look, before combining it with earlier looks. */
export interface MixtureSprtLook {
  /** meanA − meanB. */
  readonly estimate: number;
  /** √V with V = varianceA/nA + varianceB/nB. */
  readonly standardError: number;
  /** log Λₙ (finite even where Λₙ overflows). */
  readonly logLikelihoodRatio: number;
  /** Λₙ (may be +Infinity for overwhelming evidence, never NaN). */
  readonly likelihoodRatio: number;
  /** min(1, 1/Λₙ): this look's p-value before taking the running minimum. */
  readonly pValue: number;
  /** {θ : Λₙ(θ) < 1/α}, this look's always-valid interval before intersecting earlier looks. */
  readonly confidenceInterval: ConfidenceInterval;
}

/** MixtureSprtState is the running state of an always-valid test; persist it between looks. */
export interface MixtureSprtState {
  readonly looks: number;
  /** Always-valid p-value: running minimum of min(1, 1/Λₖ) over looks k ≤ n. */
  readonly pValue: number;
  /** True once pValue ≤ alpha (Λ has crossed 1/α); stays true. */
  readonly rejected: boolean;
  /** Confidence sequence: intersection of all looks' intervals; null if it became empty. */
  readonly confidenceSequence: ConfidenceInterval | null;
  readonly last: MixtureSprtLook;
  /** The options in force; later looks must use the same ones. */
  readonly mixingVariance: number;
  readonly nullDifference: number;
  readonly alpha: number;
}

/**
 * mixtureSprt evaluates the mixture sequential probability ratio test (mSPRT) of Johari, Koomen,
 * Pekelis & Walsh (2017, "Always valid inference") at one look, for the difference of two means
 * under a normal approximation with a N(θ₀, τ²) mixture over the true difference.
 *
 * With d = meanA − meanB and V = s²A/nA + s²B/nB:
 * Λ = √(V/(V + τ²)) · exp(τ²(d − θ₀)² / (2V(V + τ²))), which for equal arms (n each, variance σ²)
 * is the paper's √(2σ²/(2σ² + nτ²)) · exp(n²τ²(d − θ₀)² / (4σ²(2σ² + nτ²))).
 * The interval solves Λ(θ) < 1/α: d ± √(2V(V + τ²)/τ² · (ln(1/α) + ½ ln((V + τ²)/V))).
 * Proportions use the same formula through {@link proportionsSummary} (variance p(1 − p)).
 * Edge-case policy: n ≥ 1, finite means, variances ≥ 0 (INVALID_ARGUMENT); V = 0 → CONSTANT (a
 * caller streaming looks skips such a look); τ² ≤ 0 or α ∉ (0, 1) → INVALID_ARGUMENT.
 * Example: nA = nB = 1000, means 0.1 and 0, variances 1, τ² = 0.01 → Λ = 3.2787, p = 0.3050.
 */
export function mixtureSprt(
  summary: TwoSampleSummary,
  options: MixtureSprtOptions,
): Result<MixtureSprtLook> {
  const { mixingVariance: tau2, nullDifference = 0, alpha = 0.05 } = options;
  if (!(Number.isFinite(tau2) && tau2 > 0)) {
    return err('INVALID_ARGUMENT', `mixingVariance must be a positive number, got ${tau2}`);
  }
  if (!Number.isFinite(nullDifference))
    return err('INVALID_ARGUMENT', 'nullDifference must be finite');
  if (!(alpha > 0 && alpha < 1))
    return err('INVALID_ARGUMENT', `alpha must be in (0, 1), got ${alpha}`);
  const { nA, meanA, varianceA, nB, meanB, varianceB } = summary;
  if (!(nA >= 1 && nB >= 1 && Number.isFinite(nA) && Number.isFinite(nB))) {
    return err('INVALID_ARGUMENT', `arm sizes must be ≥ 1 (got ${nA}, ${nB})`);
  }
  if (!(Number.isFinite(meanA) && Number.isFinite(meanB))) {
    return err('INVALID_ARGUMENT', 'means must be finite');
  }
  if (!(varianceA >= 0 && varianceB >= 0 && Number.isFinite(varianceA + varianceB))) {
    return err('INVALID_ARGUMENT', 'variances must be finite and ≥ 0');
  }
  const v = varianceA / nA + varianceB / nB;
  if (!(v > 0)) return err('CONSTANT', 'both arms have zero variance: the evidence is undefined');

  const estimate = meanA - meanB;
  const shift = estimate - nullDifference;
  const vt = v + tau2;
  const logLikelihoodRatio = 0.5 * Math.log(v / vt) + (tau2 * shift * shift) / (2 * v * vt);
  const radius = Math.sqrt(((2 * v * vt) / tau2) * (-Math.log(alpha) + 0.5 * Math.log(vt / v)));
  return ok({
    estimate,
    standardError: Math.sqrt(v),
    logLikelihoodRatio,
    likelihoodRatio: Math.exp(logLikelihoodRatio),
    pValue: Math.min(1, Math.exp(-logLikelihoodRatio)),
    confidenceInterval: { lower: estimate - radius, upper: estimate + radius, level: 1 - alpha },
  });
}

/**
 * mixtureSprtUpdate folds one look into the running always-valid state, a pure reducer: store the
 * returned state (e.g. daily) and pass it back with the next cumulative summary.
 *
 * p-value pₙ = min(pₙ₋₁, 1/Λₙ) with p₀ = 1 (capped at 1); the confidence sequence is the
 * intersection of every look's interval, so it only shrinks. Under H₀, P(∃n: pₙ ≤ α) ≤ α by
 * Ville's inequality, whatever the number or timing of looks (exact for known variances, and
 * asymptotically with plug-in sample variances).
 * Edge-case policy: `previous` null starts a new test; options differing from the state's →
 * INVALID_ARGUMENT; other errors as {@link mixtureSprt}. An empty intersection (probability ≤ α
 * under the model) is reported as a null confidenceSequence: the model does not fit the data.
 * Example: feeding the example of mixtureSprt as the first look gives looks 1, p = 0.3050.
 */
export function mixtureSprtUpdate(
  previous: MixtureSprtState | null,
  summary: TwoSampleSummary,
  options: MixtureSprtOptions,
): Result<MixtureSprtState> {
  const nullDifference = options.nullDifference ?? 0;
  const alpha = options.alpha ?? 0.05;
  if (
    previous !== null &&
    (previous.mixingVariance !== options.mixingVariance ||
      previous.nullDifference !== nullDifference ||
      previous.alpha !== alpha)
  ) {
    return err('INVALID_ARGUMENT', 'options differ from the ones the running state was built with');
  }
  const look = mixtureSprt(summary, options);
  if (!look.ok) return look;
  const current = look.value;
  let pValue = current.pValue;
  let confidenceSequence: ConfidenceInterval | null = current.confidenceInterval;
  if (previous !== null) {
    pValue = Math.min(previous.pValue, pValue);
    const before = previous.confidenceSequence;
    if (before === null) confidenceSequence = null;
    else {
      const lower = Math.max(before.lower, current.confidenceInterval.lower);
      const upper = Math.min(before.upper, current.confidenceInterval.upper);
      confidenceSequence = lower <= upper ? { lower, upper, level: 1 - alpha } : null;
    }
  }
  return ok({
    looks: (previous?.looks ?? 0) + 1,
    pValue,
    rejected: pValue <= alpha,
    confidenceSequence,
    last: current,
    mixingVariance: options.mixingVariance,
    nullDifference,
    alpha,
  });
}

/**
 * proportionsSummary turns two success counts into a {@link TwoSampleSummary} for the mSPRT:
 * means pA, pB and Bernoulli variances p(1 − p), the normal approximation of Johari et al. (2017).
 * Edge-case policy: counts must be integers with 0 ≤ successes ≤ trials and trials ≥ 1
 * (INVALID_ARGUMENT). Example: 30/200 and 20/200 → means 0.15, 0.1; variances 0.1275, 0.09.
 */
export function proportionsSummary(
  a: ProportionSample,
  b: ProportionSample,
): Result<TwoSampleSummary> {
  for (const [name, s] of [['a', a] as const, ['b', b] as const]) {
    if (!isCount(s.successes) || !isCount(s.trials) || s.trials < 1 || s.successes > s.trials) {
      return err(
        'INVALID_ARGUMENT',
        `${name}: need integer counts 0 ≤ successes ≤ trials, trials ≥ 1`,
      );
    }
  }
  const pA = a.successes / a.trials;
  const pB = b.successes / b.trials;
  return ok({
    nA: a.trials,
    meanA: pA,
    varianceA: pA * (1 - pA),
    nB: b.trials,
    meanB: pB,
    varianceB: pB * (1 - pB),
  });
}
