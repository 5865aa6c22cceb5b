import { logGamma } from './log-gamma.js';
import { LOG_SQRT_2PI, stirlingDelta } from './stirling.js';

/**
 * logBeta computes log B(a, b) = log Gamma(a) + log Gamma(b) - log Gamma(a + b) for a, b > 0.
 *
 * Method: with p = min(a, b), q = max(a, b) and the Stirling corrections delta(), the large
 * log Gamma terms are cancelled analytically (as R's lbeta): for p >= 10,
 * log B = -log(q)/2 + log sqrt(2 pi) + delta(p) + delta(q) - delta(p + q) + (p - 1/2) log(p/(p+q))
 *         + q log1p(-p/(p+q));
 * for q >= 10 > p a mixed form; otherwise the plain sum of logGamma. So logBeta(1, 1e10) = -log(1e10)
 * keeps full precision, where a difference of logGamma values would lose six digits.
 * Domain: a, b > 0; a or b = 0 -> +Infinity; negative or NaN -> NaN.
 * Example: logBeta(0.5, 0.5) = log(pi) = 1.1447298858494002.
 */
export function logBeta(a: number, b: number): number {
  if (!(a >= 0) || !(b >= 0)) return Number.NaN;
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (p === 0) return Number.POSITIVE_INFINITY;
  if (q === Number.POSITIVE_INFINITY) return Number.NEGATIVE_INFINITY;
  const n = p + q;
  if (p >= 10) {
    const corr = stirlingDelta(p) + stirlingDelta(q) - stirlingDelta(n);
    return (
      -0.5 * Math.log(q) +
      LOG_SQRT_2PI +
      corr +
      (p - 0.5) * Math.log(p / n) +
      q * Math.log1p(-p / n)
    );
  }
  if (q >= 10) {
    const corr = stirlingDelta(q) - stirlingDelta(n);
    return logGamma(p) + corr + p - p * Math.log(n) + (q - 0.5) * Math.log1p(-p / n);
  }
  return logGamma(p) + logGamma(q) - logGamma(n);
}

/**
 * logFactorial computes log(n!) = log Gamma(n + 1).
 *
 * Domain: n >= 0 (integers are the intended use, real n is accepted); negative or NaN -> NaN.
 * Example: logFactorial(10) = log(3628800) = 15.10441257307552.
 */
export function logFactorial(n: number): number {
  if (!(n >= 0)) return Number.NaN;
  return logGamma(n + 1);
}

/**
 * logChoose computes log C(n, k), the log of the binomial coefficient n! / (k! (n - k)!).
 *
 * Method: log C(n, k) = -log(n + 1) - log B(n - k + 1, k + 1), so no large log-factorials are
 * subtracted (logChoose(1e9, 1) = log(1e9) to full precision).
 * Domain: n >= 0; k < 0 or k > n -> -Infinity (the coefficient is 0, as scipy.special.comb);
 * negative n or NaN -> NaN. Real arguments are accepted (Gamma-function generalisation).
 * Example: logChoose(5, 2) = log(10) = 2.302585092994046.
 */
export function logChoose(n: number, k: number): number {
  if (!(n >= 0) || Number.isNaN(k)) return Number.NaN;
  if (k < 0 || k > n) return Number.NEGATIVE_INFINITY;
  if (k === 0 || k === n) return 0;
  return -Math.log1p(n) - logBeta(n - k + 1, k + 1);
}
