import { logGamma, logGamma1p } from './log-gamma.js';

/** LOG_SQRT_2PI is log(sqrt(2 pi)). */
export const LOG_SQRT_2PI = 0.9189385332046728;

// Stirling series coefficients B_2k / (2k (2k - 1)), k = 1..8.
const S1 = 1 / 12;
const S2 = 1 / 360;
const S3 = 1 / 1260;
const S4 = 1 / 1680;
const S5 = 1 / 1188;
const S6 = 691 / 360360;
const S7 = 1 / 156;
const S8 = 3617 / 122400;

/**
 * stirlingDelta computes delta(x) = log Gamma(x + 1) - [(x + 1/2) log x - x + log sqrt(2 pi)], the
 * error of Stirling's formula ("stirlerr" in Loader 2000), for x > 0.
 *
 * For x >= 10 the asymptotic series is summed to x^-15 (truncation error below 4e-17). Below 10 it is
 * taken from logGamma, with an absolute error of a few 1e-15. Internal helper.
 */
export function stirlingDelta(x: number): number {
  if (x >= 10) {
    const r = 1 / x;
    const r2 = r * r;
    return (
      r * (S1 - r2 * (S2 - r2 * (S3 - r2 * (S4 - r2 * (S5 - r2 * (S6 - r2 * (S7 - r2 * S8)))))))
    );
  }
  const lg = x < 1 ? logGamma1p(x) : logGamma(x + 1);
  return lg - (x + 0.5) * Math.log(x) + x - LOG_SQRT_2PI;
}

/**
 * log1pmx computes log(1 + u) - u for u > -1 without cancellation near u = 0.
 *
 * With r = u / (2 + u), log(1 + u) = 2 atanh(r), so log(1 + u) - u = r (2 r^2 (1/3 + r^2/5 + ...) - u);
 * used for -0.5 <= u <= 1 (|r| <= 1/3), where the series needs at most ~17 terms. Internal helper.
 */
export function log1pmx(u: number): number {
  if (u < -0.5 || u > 1) return Math.log1p(u) - u;
  const r = u / (2 + u);
  const r2 = r * r;
  let term = 1;
  let sum = 1 / 3;
  for (let k = 5; k < 80; k += 2) {
    term *= r2;
    const next = sum + term / k;
    if (next === sum) break;
    sum = next;
  }
  return r * (2 * r2 * sum - u);
}

/**
 * poissonTerm computes x^a e^-x / Gamma(a + 1), the Poisson-like prefactor of the incomplete gamma
 * function, without the cancellation of exp(a log x - x - logGamma(a + 1)) for large a.
 *
 * Method (Loader 2000): exp(-delta(a) + a * log1pmx((x - a)/a)) / sqrt(2 pi a) for a >= 1, so the
 * exponent is only as large as the deviation of x from a. For a < 1 the direct form is exact enough.
 * Example: poissonTerm(1e6, 1e6) = 3.989422471...e-4 (= 1/sqrt(2 pi 1e6) to 1e-7). Internal helper.
 */
export function poissonTerm(a: number, x: number): number {
  if (x === 0) return a === 0 ? 1 : 0;
  if (a < 1) return Math.exp(a * Math.log(x) - x - logGamma1p(a));
  const u = (x - a) / a;
  // Far below the mode (x < a/2) u would round towards -1; take the logarithm of the ratio instead.
  const e = u < -0.5 ? a * Math.log(x / a) + (a - x) : a * log1pmx(u);
  const lg = e - stirlingDelta(a);
  if (lg > -700) return Math.exp(lg) / Math.sqrt(2 * Math.PI * a);
  return Math.exp(lg - 0.5 * Math.log(2 * Math.PI * a));
}
