import { gammaQ } from './incomplete-gamma.js';
import { logBeta } from './log-beta.js';
import { logGamma } from './log-gamma.js';
import { log1pmx, poissonTerm, stirlingDelta } from './stirling.js';

const EPS = 2 ** -53;
const TINY = 1e-300;
const MAX_ITER = 100_000_000;

/**
 * x^a y^b / B(a, b) with y = 1 - x, where the smaller of x and y is the exact one (the other is only
 * used through log1p of it). For a, b >= 1 it uses Loader's deviance form
 * exp(a log1pmx(u) + b log1pmx(v) + delta(a+b) - delta(a) - delta(b)) sqrt(ab / (2 pi (a+b))),
 * u = ((a+b) x - a)/a, v = -(a/b) u, so the exponent is only as large as the deviation from the mode.
 */
function betaPrefix(a: number, b: number, x: number, y: number): number {
  const xTrusted = x <= y;
  if (a < 1 || b < 1) {
    const lx = xTrusted ? Math.log(x) : Math.log1p(-y);
    const ly = xTrusted ? Math.log1p(-x) : Math.log(y);
    return Math.exp(a * lx + b * ly - logBeta(a, b));
  }
  const n = a + b;
  // d = n x - a = b x - a y, formed from the exact one of x, y.
  const d = xTrusted ? n * x - a : b - n * y;
  const u = d / a;
  const v = -d / b;
  const ta = u < -0.5 ? a * Math.log((n * x) / a) - d : a * log1pmx(u);
  const tb = v < -0.5 ? b * Math.log((n * y) / b) + d : b * log1pmx(v);
  const e = ta + tb + stirlingDelta(n) - stirlingDelta(a) - stirlingDelta(b);
  const scale = (a / n) * b;
  if (e > -700) return Math.exp(e) * Math.sqrt(scale / (2 * Math.PI));
  return Math.exp(e + 0.5 * Math.log(scale / (2 * Math.PI)));
}

/**
 * Continued fraction for I_x(a, b) * a * B(a, b) / (x^a y^b) (modified Lentz; Numerical Recipes
 * betacf), which converges quickly for x < (a + 1) / (a + b + 2).
 */
function betaFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) <= EPS) break;
  }
  return h;
}

// Factorials 1!, 3!, 5!, ... for the BGRAT coefficients.
const ODD_FACTORIALS: number[] = [];
for (let k = 0, f = 1; k < 40; k++) {
  ODD_FACTORIALS.push(f); // (2k+1)!
  f *= (2 * k + 2) * (2 * k + 3);
}

/**
 * I_x(a, b) for large a, small b and x near 1 by DiDonato & Morris's BGRAT (1992, eqs. 9-9.6): an
 * expansion in incomplete gamma functions of u = -(a + (b-1)/2) log x, whose leading term is
 * Q(b, u) Gamma(a+b) / (Gamma(a) T^b). There the continued fraction would subtract numbers within
 * 1 - x of each other at every step (the t distribution with df = 1e10 lost 7 digits that way).
 */
function bgrat(a: number, b: number, x: number, y: number): number {
  const bm1 = b - 1;
  const t = a + bm1 / 2;
  const lx = y < 0.35 ? Math.log1p(-y) : Math.log(x);
  const u = -t * lx;
  const h = b * poissonTerm(b, u); // u^b e^-u / Gamma(b)
  if (h === 0) return 0;
  // Gamma(a+b) / Gamma(a) = exp(logGamma(b) - logBeta(a, b)), accurate for large a.
  const prefix = (h * Math.exp(logGamma(b) - logBeta(a, b))) / t ** b;
  let j = gammaQ(b, u) / h;
  let sum = prefix * j;
  const p = [1];
  const lx2 = (lx / 2) ** 2;
  let lxp = 1;
  const t4 = 4 * t * t;
  let b2n = b;
  for (let n = 1; n < 30; n++) {
    let pn = 0;
    for (let m = 1; m < n; m++) pn += ((m * b - n) * p[n - m]) / ODD_FACTORIALS[m];
    pn = pn / n + bm1 / ODD_FACTORIALS[n];
    p.push(pn);
    j = (b2n * (b2n + 1) * j + (u + b2n + 1) * lxp) / t4;
    lxp *= lx2;
    b2n += 2;
    const r = prefix * pn * j;
    sum += r;
    if (Math.abs(r) <= Math.abs(sum) * EPS) break;
  }
  return sum;
}

/** I_z(p, q) on the side where it is the directly computed tail (zc = 1 - z). */
function directSide(p: number, q: number, z: number, zc: number): number {
  // BGRAT is asymptotic in p for fixed q: DiDonato & Morris use it for q <= 1, p > 15; it is also
  // accurate (checked to 2e-13 against 50-digit references) while p >= 100 q, up to q = 20.
  if (z >= 0.5 && p >= 15 && (q <= 1 || (q <= 20 && p >= 100 * q))) return bgrat(p, q, z, zc);
  return (betaPrefix(p, q, z, zc) * betaFraction(p, q, z)) / p;
}

// The second tail is also summed directly (instead of 1 - first) only while its argument stays
// below this: closer to 1 the continued fraction cancels too (1 - z of 1e-5 cost 7 digits).
const OTHER_SIDE_MAX_Z = 0.999;

/**
 * betaIncPair computes I_x(a, b) (upper = false) or 1 - I_x(a, b) (upper = true) from x and its
 * complement y = 1 - x given separately (the smaller one must be accurate; callers such as the
 * t and F tails form both without cancellation). The continued fraction runs on its fast side
 * (x below (a+1)/(a+b+2), else the mirrored I_y(b, a)); when that value exceeds 1/2 (skewed
 * shapes, e.g. a tiny a), the other tail is summed directly as well rather than taken as 1 minus it.
 * Arguments are assumed valid (a, b > 0, 0 < x, y < 1). Internal helper.
 */
export function betaIncPair(a: number, b: number, x: number, y: number, upper: boolean): number {
  // I_x(a, b) = 1 - I_y(b, a): pick the orientation on the fast side.
  const mirrored = x > (a + 1) / (a + b + 2);
  const p = mirrored ? b : a;
  const q = mirrored ? a : b;
  const z = mirrored ? y : x;
  const zc = mirrored ? x : y;
  const w = directSide(p, q, z, zc);
  let other = 1 - w;
  if (w > 0.5 && zc <= OTHER_SIDE_MAX_Z) {
    const v = directSide(q, p, zc, z);
    if (v >= 0 && v <= 1) other = v;
  }
  // Not mirrored: w = I_x(a, b), other = 1 - I_x. Mirrored: w = 1 - I_x(a, b), other = I_x.
  return upper === mirrored ? w : other;
}

/**
 * betaInc computes the regularized incomplete beta function
 * I_x(a, b) = integral_0^x t^(a-1) (1-t)^(b-1) dt / B(a, b) (scipy.special.betainc).
 *
 * Method: continued fraction (Lentz) on the side where it converges fast, swapped through
 * I_x(a, b) = 1 - I_{1-x}(b, a); prefactor by Loader's deviance form, so large a, b and extreme
 * tails keep relative precision (e.g. betaInc(2, 3, 1e-150) = 6e-300); DiDonato & Morris's BGRAT
 * expansion for a large a and a small b near x = 1 (t tails with df up to 1e10).
 * Accuracy against 50-digit references: about 1e-12 relative (1e-13 typical), 5e-12 when a shape
 * is >= 1e4; with a shape below 1/2 a small tail near the end where the mass piles up can lose
 * digits to 1 - (value near 1), measured up to 2e-11. scipy 1.10's cephes betainc is off by up to
 * 1e-9, and by far more for b -> 0, x -> 1.
 * Domain: a, b > 0 and 0 <= x <= 1; I_0 = 0, I_1 = 1; anything else (or NaN) -> NaN.
 * Example: betaInc(2, 3, 0.4) = 0.5248.
 */
export function betaInc(a: number, b: number, x: number): number {
  if (!(a > 0 && b > 0 && x >= 0 && x <= 1)) return Number.NaN;
  if (x === 0) return 0;
  if (x === 1) return 1;
  return betaIncPair(a, b, x, 1 - x, false);
}

/**
 * betaIncComplement computes 1 - I_x(a, b) = I_{1-x}(b, a) directly (never as 1 - I in its tail).
 *
 * Domain as betaInc (returns 1 at x = 0 and 0 at x = 1).
 * Example: betaIncComplement(2, 3, 0.4) = 0.4752; betaIncComplement(3, 2, 1 - 2 ** -40) = 4.963e-24 (about 6 * 2 ** -80).
 */
export function betaIncComplement(a: number, b: number, x: number): number {
  if (!(a > 0 && b > 0 && x >= 0 && x <= 1)) return Number.NaN;
  if (x === 0) return 1;
  if (x === 1) return 0;
  return betaIncPair(a, b, x, 1 - x, true);
}
