import { erf, erfc } from './erf.js';

/**
 * normalCdf computes the standard normal CDF Phi(z) = P(Z <= z).
 *
 * Formula: with x = z / sqrt(2), Phi = 0.5 + 0.5 erf(x) when |x| < 1/sqrt(2), else 0.5 erfc(|x|)
 * (reflected for z > 0), the same split as scipy.special.ndtr, so the lower tail keeps full
 * relative precision down to about 1e-300 (Phi(-37) = 5.7e-300) and underflows to 0 near z = -38.5.
 * Domain: all reals; Phi(-inf) = 0, Phi(inf) = 1, NaN -> NaN.
 * Example: normalCdf(1.96) = 0.9750021048517795.
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  const x = z * Math.SQRT1_2;
  const ax = Math.abs(x);
  if (ax < Math.SQRT1_2) return 0.5 + 0.5 * erf(x);
  const tail = 0.5 * erfc(ax);
  return x > 0 ? 1 - tail : tail;
}

/**
 * normalSf computes the standard normal upper tail Q(z) = P(Z > z) = Phi(-z) directly (never 1 - Phi),
 * accurate to about 1e-15 relative down to the subnormal range.
 *
 * Example: normalSf(37) = 5.72557122252458e-300; normalSf(0) = 0.5.
 */
export function normalSf(z: number): number {
  return normalCdf(-z);
}

// Wichura (1988), Algorithm AS 241 (PPND16): three rational approximations with relative error
// about 1e-16 in the central region |p - 0.5| <= 0.425, for r = sqrt(-log(min(p, 1-p))) <= 5 and beyond.
const A = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
];
const B = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852854,
];
const C = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
];
const D = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008,
  0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9,
];
const E = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487,
  0.026532189526576124, 0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
];
const F = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15,
];

function ratio(num: readonly number[], den: readonly number[], r: number): number {
  let n = num[7];
  let d = den[7];
  for (let i = 6; i >= 0; i--) {
    n = n * r + num[i];
    d = d * r + den[i];
  }
  return n / d;
}

/**
 * normalPpf computes the standard normal quantile Phi^-1(p), the z with P(Z <= z) = p.
 *
 * Method: Wichura's AS 241 (relative error about 1e-16 over the whole range, including p = 1e-300,
 * where it returns -37.0471...). The tail branch uses min(p, 1 - p), so for p close to 1 the
 * resolution is limited by the spacing of doubles near 1; use normalIsf for small upper tails.
 * Domain: p in (0, 1); p = 0 -> -Infinity, p = 1 -> +Infinity, outside [0, 1] or NaN -> NaN (as scipy).
 * Example: normalPpf(0.975) = 1.959963984540054.
 */
export function normalPpf(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) return q * ratio(A, B, 0.180625 - q * q);
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const z = r <= 5 ? ratio(C, D, r - 1.6) : ratio(E, F, r - 5);
  return q < 0 ? -z : z;
}

/**
 * normalIsf computes the inverse survival function: the z with P(Z > z) = p, i.e. -normalPpf(p),
 * keeping full relative precision for tiny p.
 *
 * Domain as normalPpf (p = 0 -> +Infinity, p = 1 -> -Infinity).
 * Example: normalIsf(0.025) = 1.959963984540054; normalIsf(1e-300) = 37.0470962993612.
 */
export function normalIsf(p: number): number {
  return -normalPpf(p);
}
