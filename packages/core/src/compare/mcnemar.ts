import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import { chi2Sf, logChoose } from '../special/index.js';
import { isCount } from './validate.js';

/**
 * McNemarInput is either the two discordant counts of a paired 2×2 table — `b`: first true and
 * second false, `c`: first false and second true — or the paired outcomes themselves.
 */
export type McNemarInput =
  | { readonly b: number; readonly c: number }
  | { readonly first: ArrayLike<boolean>; readonly second: ArrayLike<boolean> };

/** McNemarMethod picks the exact binomial test, the chi-squared test, or lets the count decide. */
export type McNemarMethod = 'auto' | 'exact' | 'chi-squared';

/** McNemarOptions configures {@link mcnemarTest}. */
export interface McNemarOptions {
  /** Default 'auto': exact when b + c < `exactBelow`, chi-squared otherwise. */
  readonly method?: McNemarMethod;
  /** Discordant total below which 'auto' uses the exact test; default 25. */
  readonly exactBelow?: number;
  /** Continuity correction for the chi-squared test; default true. */
  readonly correction?: boolean;
}

/** McNemarResult is the outcome of {@link mcnemarTest}. */
export interface McNemarResult {
  /** Exact: min(b, c). Chi-squared: (|b − c| − 1)² / (b + c), or without correction (b − c)²/(b + c). */
  readonly statistic: number;
  readonly pValue: number;
  readonly method: 'exact' | 'chi-squared';
  readonly b: number;
  readonly c: number;
}

/**
 * mcnemarTest tests whether paired binary outcomes changed (first vs second), following
 * statsmodels' `mcnemar` conventions.
 *
 * Exact: statistic min(b, c), p = min(1, 2·P(X ≤ min(b, c))) with X ~ Binomial(b + c, 1/2).
 * Chi-squared (1 df): statistic (max(0, |b − c| − 1))²/(b + c) with correction, (b − c)²/(b + c)
 * without. 'auto' uses the exact test when b + c < 25, the usual rule (statsmodels' own default is
 * always exact). Edge-case policy: counts must be non-negative integers, paired arrays of equal
 * length (LENGTH_MISMATCH); no discordant pair gives p = 1 for the exact test and CONSTANT for the
 * chi-squared test (0/0). One deliberate difference from statsmodels: when b = c it squares −1 into
 * a statistic of 1/(b + c); we clamp |b − c| − 1 at 0 (statistic 0, p = 1), as Yates intended.
 * Example: b = 10, c = 2 → exact p = 0.0386; b = 30, c = 12 → chi-squared 6.881, p = 0.00871.
 */
export function mcnemarTest(
  input: McNemarInput,
  options: McNemarOptions = {},
): Result<McNemarResult> {
  const counts = discordantCounts(input);
  if (!counts.ok) return counts;
  const { b, c } = counts.value;
  const method = options.method ?? 'auto';
  const exactBelow = options.exactBelow ?? 25;
  if (method !== 'auto' && method !== 'exact' && method !== 'chi-squared') {
    return err('INVALID_ARGUMENT', `method must be 'auto', 'exact' or 'chi-squared'`);
  }
  if (!(exactBelow >= 0)) return err('INVALID_ARGUMENT', 'exactBelow must be ≥ 0');
  const n = b + c;
  const exact = method === 'exact' || (method === 'auto' && n < exactBelow);

  if (exact) {
    const k = Math.min(b, c);
    const pValue = Math.min(1, 2 * binomialHalfCdf(k, n));
    return ok({ statistic: k, pValue, method: 'exact', b, c });
  }
  if (n === 0) {
    return err('CONSTANT', 'no discordant pairs: the chi-squared statistic is 0/0');
  }
  const diff = Math.abs(b - c);
  const corrected = options.correction === false ? diff : Math.max(0, diff - 1);
  const statistic = (corrected * corrected) / n;
  return ok({ statistic, pValue: chi2Sf(statistic, 1), method: 'chi-squared', b, c });
}

function discordantCounts(input: McNemarInput): Result<{ b: number; c: number }> {
  if ('b' in input) {
    if (!isCount(input.b) || !isCount(input.c)) {
      return err(
        'INVALID_ARGUMENT',
        `b and c must be non-negative integers (got ${input.b}, ${input.c})`,
      );
    }
    return ok({ b: input.b, c: input.c });
  }
  const { first, second } = input;
  if (first.length !== second.length) {
    return err(
      'LENGTH_MISMATCH',
      `paired outcomes differ in length (${first.length} vs ${second.length})`,
    );
  }
  let b = 0;
  let c = 0;
  for (let i = 0; i < first.length; i++) {
    if (first[i] && !second[i]) b++;
    else if (!first[i] && second[i]) c++;
  }
  return ok({ b, c });
}

/**
 * binomialHalfCdf is P(X ≤ k) for X ~ Binomial(n, 1/2) and 0 ≤ k ≤ n/2 (k = min(b, c) always is).
 * Sums C(n, i)/2ⁿ downwards from i = k: terms shrink by i/(n − i + 1) < 1, so the largest term
 * comes first and the loop stops once a term no longer changes the sum.
 */
function binomialHalfCdf(k: number, n: number): number {
  if (n === 0) return 1;
  let term = Math.exp(logChoose(n, k) - n * Math.LN2);
  let sum = term;
  for (let i = k; i > 0 && term > sum * 1e-17; i--) {
    term *= i / (n - i + 1);
    sum += term;
  }
  return Math.min(1, sum);
}
