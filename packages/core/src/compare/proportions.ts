import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import { normalCdf, normalIsf, normalSf } from '../special/index.js';
import type { Alternative, ConfidenceInterval } from './types.js';
import { checkAlternative, checkLevel, isCount } from './validate.js';

/** ProportionSample is a count of successes out of a number of trials. */
export interface ProportionSample {
  readonly successes: number;
  readonly trials: number;
}

/** TwoProportionZTestOptions configures {@link twoProportionZTest}. */
export interface TwoProportionZTestOptions {
  /** Alternative hypothesis about pA − pB; default 'two-sided'. */
  readonly alternative?: Alternative;
  /** Confidence level of the interval for pA − pB; default 0.95. */
  readonly level?: number;
}

/** TwoProportionZTestResult is the outcome of {@link twoProportionZTest}. */
export interface TwoProportionZTestResult {
  /** Pooled z = (pA − pB) / √(p̄(1 − p̄)(1/nA + 1/nB)). */
  readonly statistic: number;
  readonly pValue: number;
  readonly alternative: Alternative;
  readonly proportionA: number;
  readonly proportionB: number;
  /** pA − pB. */
  readonly difference: number;
  /** p̄ = (xA + xB) / (nA + nB). */
  readonly pooledProportion: number;
  /** Unpooled (Wald) standard error √(pA(1 − pA)/nA + pB(1 − pB)/nB) used by the interval. */
  readonly standardError: number;
  /** Wald interval for pA − pB with the unpooled standard error, matching `alternative`. */
  readonly confidenceInterval: ConfidenceInterval;
  /** Relative lift (pA − pB)/pB; null when pB = 0 (undefined). */
  readonly relativeLift: number | null;
}

/**
 * twoProportionZTest compares two binomial proportions with the pooled z-test, as statsmodels'
 * proportions_ztest([xA, xB], [nA, nB]) (value 0, prop_var False).
 *
 * z = (pA − pB) / √(p̄(1 − p̄)(1/nA + 1/nB)), p̄ = (xA + xB)/(nA + nB). p-values: two-sided
 * 2·Φ(−|z|), 'greater' Φ(−z), 'less' Φ(z). The interval is the unpooled Wald interval
 * (statsmodels confint_proportions_2indep(method='wald', compare='diff')): pA − pB ± z_{1−(1−level)/2}
 * · √(pA(1 − pA)/nA + pB(1 − pB)/nB); one-sided alternatives give a half-line with z_level.
 * Edge cases: counts must be non-negative integers with 0 ≤ x ≤ n and n ≥ 1 (else INVALID_ARGUMENT);
 * p̄ ∈ {0, 1} (no successes or no failures anywhere) → CONSTANT, since z is 0/0; relativeLift is
 * null when pB = 0. The Wald interval collapses to a point when both proportions are 0 or 1.
 * Example: A 120/1000, B 100/1000 → z = 1.4293, two-sided p = 0.1529, lift = 0.2.
 */
export function twoProportionZTest(
  a: ProportionSample,
  b: ProportionSample,
  options: TwoProportionZTestOptions = {},
): Result<TwoProportionZTestResult> {
  const alt = checkAlternative(options.alternative ?? 'two-sided');
  if (!alt.ok) return alt;
  const level = checkLevel(options.level ?? 0.95);
  if (!level.ok) return level;
  const checkA = checkSample(a, 'a');
  if (!checkA.ok) return checkA;
  const checkB = checkSample(b, 'b');
  if (!checkB.ok) return checkB;

  const pA = a.successes / a.trials;
  const pB = b.successes / b.trials;
  const pooled = (a.successes + b.successes) / (a.trials + b.trials);
  const pooledVar = pooled * (1 - pooled) * (1 / a.trials + 1 / b.trials);
  if (!(pooledVar > 0)) {
    return err('CONSTANT', 'pooled proportion is 0 or 1: the z statistic is undefined');
  }
  const difference = pA - pB;
  const statistic = difference / Math.sqrt(pooledVar);
  const alternative = alt.value;
  let pValue: number;
  if (alternative === 'two-sided') pValue = Math.min(1, 2 * normalSf(Math.abs(statistic)));
  else if (alternative === 'greater') pValue = normalSf(statistic);
  else pValue = normalCdf(statistic);

  const standardError = Math.sqrt((pA * (1 - pA)) / a.trials + (pB * (1 - pB)) / b.trials);
  const confidenceInterval = zInterval(difference, standardError, level.value, alternative);

  return ok({
    statistic,
    pValue,
    alternative,
    proportionA: pA,
    proportionB: pB,
    difference,
    pooledProportion: pooled,
    standardError,
    confidenceInterval,
    relativeLift: pB > 0 ? difference / pB : null,
  });
}

function checkSample(s: ProportionSample, name: string): Result<ProportionSample> {
  if (!isCount(s.successes) || !isCount(s.trials) || s.trials < 1 || s.successes > s.trials) {
    return err(
      'INVALID_ARGUMENT',
      `${name}: need integer counts 0 ≤ successes ≤ trials, trials ≥ 1 (got ${s.successes}/${s.trials})`,
    );
  }
  return ok(s);
}

/** zInterval is estimate ± normal quantile · se, two-sided or one-sided as `alternative` says. */
function zInterval(
  estimate: number,
  se: number,
  level: number,
  alternative: Alternative,
): ConfidenceInterval {
  if (alternative === 'two-sided') {
    const half = normalIsf((1 - level) / 2) * se;
    return { lower: estimate - half, upper: estimate + half, level };
  }
  const half = normalIsf(1 - level) * se;
  if (alternative === 'greater') {
    return { lower: estimate - half, upper: Number.POSITIVE_INFINITY, level };
  }
  return { lower: Number.NEGATIVE_INFINITY, upper: estimate + half, level };
}
