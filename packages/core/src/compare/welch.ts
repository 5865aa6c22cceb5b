import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import { logGamma, studentTCdf, studentTSf, studentTTwoSidedP } from '../special/index.js';
import { studentTIsf } from './t-quantile.js';
import type { Alternative, ConfidenceInterval } from './types.js';
import { checkAlternative, checkLevel, meanVariance, toFiniteSample } from './validate.js';

/** WelchTTestOptions configures {@link welchTTest}. */
export interface WelchTTestOptions {
  /** Alternative hypothesis about mean(a) − mean(b); default 'two-sided'. */
  readonly alternative?: Alternative;
  /** Confidence level of the interval for the mean difference; default 0.95. */
  readonly level?: number;
}

/** WelchTTestResult is the outcome of {@link welchTTest}; every field is finite except one-sided CI bounds. */
export interface WelchTTestResult {
  /** t = (mean(a) − mean(b)) / √(s²a/na + s²b/nb). */
  readonly statistic: number;
  /** Welch–Satterthwaite degrees of freedom (not an integer in general). */
  readonly df: number;
  readonly pValue: number;
  readonly alternative: Alternative;
  readonly meanA: number;
  readonly meanB: number;
  /** mean(a) − mean(b). */
  readonly meanDifference: number;
  /** Standard error of the mean difference, √(s²a/na + s²b/nb). */
  readonly standardError: number;
  /** Interval for mean(a) − mean(b) from the t distribution with `df`, matching `alternative`. */
  readonly confidenceInterval: ConfidenceInterval;
  /** Cohen's d: meanDifference over the pooled standard deviation (divisor na + nb − 2). */
  readonly cohensD: number;
  /** Hedges' g: Cohen's d times the exact small-sample correction J(na + nb − 2). */
  readonly hedgesG: number;
}

/**
 * welchTTest compares the means of two independent samples without assuming equal variances
 * (Welch 1947), as scipy.stats.ttest_ind(a, b, equal_var=False, alternative=...).
 *
 * t = (x̄a − x̄b)/SE, SE² = s²a/na + s²b/nb (n − 1 variances), df = SE⁴ / ((s²a/na)²/(na − 1) +
 * (s²b/nb)²/(nb − 1)). p-values: two-sided 2·P(T > |t|), 'greater' P(T > t), 'less' P(T < t).
 * The interval is x̄a − x̄b ± t_df·SE: two-sided with t_{1−(1−level)/2}, one-sided ('greater':
 * [d − t_level·SE, +∞), 'less': (−∞, d + t_level·SE]) as scipy ≥ 1.11 reports it.
 * Effect sizes: d = (x̄a − x̄b)/s_p with s²p = ((na − 1)s²a + (nb − 1)s²b)/(na + nb − 2), and
 * g = J·d with J(m) = Γ(m/2) / (√(m/2) Γ((m − 1)/2)), the exact unbiasing factor (Hedges 1981).
 * Edge cases: fewer than 2 values in a sample → TOO_FEW_VALUES; NaN/±Infinity → INVALID_ARGUMENT;
 * both samples constant → CONSTANT (t is undefined; scipy returns NaN); level outside (0, 1) →
 * INVALID_ARGUMENT.
 * Example: a = [1, 2, 3, 4], b = [2, 4, 6, 8, 10] → t = −2.2514, df = 5.5208, p = 0.0691.
 */
export function welchTTest(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: WelchTTestOptions = {},
): Result<WelchTTestResult> {
  const alt = checkAlternative(options.alternative ?? 'two-sided');
  if (!alt.ok) return alt;
  const level = checkLevel(options.level ?? 0.95);
  if (!level.ok) return level;
  if (a.length < 2 || b.length < 2) {
    return err('TOO_FEW_VALUES', 'each sample needs at least 2 values for a variance');
  }
  const xa = toFiniteSample(a, 'a');
  if (!xa.ok) return xa;
  const xb = toFiniteSample(b, 'b');
  if (!xb.ok) return xb;

  const na = xa.value.length;
  const nb = xb.value.length;
  const sa = meanVariance(xa.value);
  const sb = meanVariance(xb.value);
  const va = sa.variance / na;
  const vb = sb.variance / nb;
  const se2 = va + vb;
  if (!(se2 > 0)) return err('CONSTANT', 'both samples are constant: the t statistic is undefined');

  const standardError = Math.sqrt(se2);
  const meanDifference = sa.mean - sb.mean;
  const statistic = meanDifference / standardError;
  const df = (se2 * se2) / ((va * va) / (na - 1) + (vb * vb) / (nb - 1));

  const alternative = alt.value;
  let pValue: number;
  if (alternative === 'two-sided') pValue = studentTTwoSidedP(statistic, df);
  else if (alternative === 'greater') pValue = studentTSf(statistic, df);
  else pValue = studentTCdf(statistic, df);

  const confidenceInterval = tInterval(meanDifference, standardError, df, level.value, alternative);

  const m = na + nb - 2;
  const pooledSd = Math.sqrt(((na - 1) * sa.variance + (nb - 1) * sb.variance) / m);
  const cohensD = meanDifference / pooledSd;
  const j = Math.exp(logGamma(m / 2) - logGamma((m - 1) / 2) - 0.5 * Math.log(m / 2));

  return ok({
    statistic,
    df,
    pValue,
    alternative,
    meanA: sa.mean,
    meanB: sb.mean,
    meanDifference,
    standardError,
    confidenceInterval,
    cohensD,
    hedgesG: j * cohensD,
  });
}

/** tInterval is estimate ± t quantile · se, two-sided or one-sided as `alternative` says. */
function tInterval(
  estimate: number,
  se: number,
  df: number,
  level: number,
  alternative: Alternative,
): ConfidenceInterval {
  if (alternative === 'two-sided') {
    const half = studentTIsf((1 - level) / 2, df) * se;
    return { lower: estimate - half, upper: estimate + half, level };
  }
  const half = studentTIsf(1 - level, df) * se;
  if (alternative === 'greater') {
    return { lower: estimate - half, upper: Number.POSITIVE_INFINITY, level };
  }
  return { lower: Number.NEGATIVE_INFINITY, upper: estimate + half, level };
}
