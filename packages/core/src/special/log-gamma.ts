// The approximations below are those of fdlibm's e_lgamma_r.c:
// ====================================================
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//
// Developed at SunPro, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice
// is preserved.
// ====================================================

const A = [
  0.07721566490153287, 0.3224670334241136, 0.06735230105312927, 0.020580808432516733,
  0.007385550860814029, 0.0028905138367341563, 0.0011927076318336207, 0.0005100697921535113,
  0.00022086279071390839, 0.00010801156724758394, 0.000025214456545125733, 0.000044864094961891516,
];
const R = [
  1, 1.3920053346762105, 0.7219355475671381, 0.17193386563280308, 0.01864591917156529,
  0.0007779424963818936, 0.000007326684307446256,
];
const S = [
  -0.07721566490153287, 0.21498241596060885, 0.325778796408931, 0.14635047265246445,
  0.02664227030336386, 0.0018402845140733772, 0.00003194753265841009,
];
const T = [
  0.48383612272381005, -0.1475877229945939, 0.06462494023913339, -0.032788541075985965,
  0.01797067508118204, -0.010314224129834144, 0.006100538702462913, -0.0036845201678113826,
  0.0022596478090061247, -0.0014034646998923284, 0.000881081882437654, -0.0005385953053567405,
  0.00031563207090362595, -0.00031275416837512086, 0.0003355291926355191,
];
const U = [
  -0.07721566490153287, 0.6328270640250934, 1.4549225013723477, 0.9777175279633727,
  0.22896372806469245, 0.013381091853678766,
];
const V = [
  1, 2.4559779371304113, 2.128489763798934, 0.7692851504566728, 0.10422264559336913,
  0.003217092422824239,
];
const W = [
  0.4189385332046727, 0.08333333333333297, -0.0027777777772877554, 0.0007936505586430196,
  -0.00059518755745034, 0.0008363399189962821, -0.0016309293409657527,
];
const YMIN = 1.4616321449683622;
const TC = 1.4616321449683622;
const TF = -0.12148629053584961;
const TT = -3.638676997039505e-18;

/** lgamma(2 - y) for 0 <= y <= 0.27 (fdlibm case 0, expansion around x = 2). */
function nearTwo(y: number): number {
  const z = y * y;
  const p1 = A[0] + z * (A[2] + z * (A[4] + z * (A[6] + z * (A[8] + z * A[10]))));
  const p2 = z * (A[1] + z * (A[3] + z * (A[5] + z * (A[7] + z * (A[9] + z * A[11])))));
  return y * p1 + p2 - 0.5 * y;
}

/** lgamma(TC + y) for |y| <= 0.27 (fdlibm case 1, around the minimum of Gamma). */
function nearMinimum(y: number): number {
  const z = y * y;
  const w = z * y;
  const p1 = T[0] + w * (T[3] + w * (T[6] + w * (T[9] + w * T[12])));
  const p2 = T[1] + w * (T[4] + w * (T[7] + w * (T[10] + w * T[13])));
  const p3 = T[2] + w * (T[5] + w * (T[8] + w * (T[11] + w * T[14])));
  return TF + (z * p1 - (TT - w * (p2 + y * p3)));
}

/** lgamma(1 + y) for -0.1 <= y <= 0.2316 (fdlibm case 2, around x = 1). */
function nearOne(y: number): number {
  const p1 = y * (U[0] + y * (U[1] + y * (U[2] + y * (U[3] + y * (U[4] + y * U[5])))));
  const p2 = 1 + y * (V[1] + y * (V[2] + y * (V[3] + y * (V[4] + y * V[5]))));
  return -0.5 * y + p1 / p2;
}

/** sin(pi x) for x > 0 with exact argument reduction (x mod 2), as fdlibm's sin_pi. */
function sinPi(x: number): number {
  if (x < 0.25) return Math.sin(Math.PI * x);
  const r = x % 2; // exact in floating point
  const n = Math.floor(r * 4);
  switch (n) {
    case 0:
      return Math.sin(Math.PI * r);
    case 1:
    case 2:
      return Math.cos(Math.PI * (0.5 - r));
    case 3:
    case 4:
      return Math.sin(Math.PI * (1 - r));
    case 5:
    case 6:
      return -Math.cos(Math.PI * (r - 1.5));
    default:
      return Math.sin(Math.PI * (r - 2));
  }
}

/** lgamma for x > 0 (fdlibm's branches). */
function logGammaPositive(x: number): number {
  if (x < 2 ** -70) return -Math.log(x);
  if (x === 1 || x === 2) return 0;
  if (x < 2) {
    if (x <= 0.9) {
      const lx = -Math.log(x);
      if (x >= YMIN - 1 + 0.27) return lx + nearTwo(1 - x);
      if (x >= YMIN - 1 - 0.27) return lx + nearMinimum(x - (TC - 1));
      return lx + nearOne(x);
    }
    if (x >= YMIN + 0.27) return nearTwo(2 - x);
    if (x >= YMIN - 0.27) return nearMinimum(x - TC);
    return nearOne(x - 1);
  }
  if (x < 8) {
    const i = Math.floor(x);
    const y = x - i;
    const p =
      y * (S[0] + y * (S[1] + y * (S[2] + y * (S[3] + y * (S[4] + y * (S[5] + y * S[6]))))));
    const q = 1 + y * (R[1] + y * (R[2] + y * (R[3] + y * (R[4] + y * (R[5] + y * R[6])))));
    let z = 1;
    for (let k = i - 1; k >= 2; k--) z *= y + k;
    return 0.5 * y + p / q + (i > 2 ? Math.log(z) : 0);
  }
  if (x < 2 ** 58) {
    const t = Math.log(x);
    const z = 1 / x;
    const y = z * z;
    const w = W[0] + z * (W[1] + y * (W[2] + y * (W[3] + y * (W[4] + y * (W[5] + y * W[6])))));
    return (x - 0.5) * (t - 1) + w;
  }
  return x * (Math.log(x) - 1);
}

/**
 * logGamma computes log|Gamma(x)| to within about one ulp (fdlibm's lgamma), including near its
 * zeros at x = 1 and x = 2.
 *
 * Negative non-integers use the reflection log(pi / |x sin(pi x)|) - log Gamma(-x) (like
 * scipy.special.gammaln). Domain: x = 0 and negative integers -> +Infinity (poles), +Infinity ->
 * +Infinity, -Infinity and NaN -> NaN.
 * Example: logGamma(0.5) = 0.5723649429247001 (= log sqrt(pi)); logGamma(171.5) = 709.1431630309283
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x) || x === Number.NEGATIVE_INFINITY) return Number.NaN;
  if (x > 0) return logGammaPositive(x);
  if (x === 0 || x <= -(2 ** 52) || Number.isInteger(x)) return Number.POSITIVE_INFINITY;
  const ax = -x;
  const t = sinPi(ax);
  return Math.log(Math.PI / Math.abs(t * ax)) - logGammaPositive(ax);
}

/**
 * logGamma1p computes log Gamma(1 + a) for 0 <= a < 1 without forming 1 + a, so the result keeps
 * full relative precision for tiny a (log Gamma(1 + a) ~ -0.5772 a). Internal helper.
 */
export function logGamma1p(a: number): number {
  if (a < YMIN - 1 - 0.27) return nearOne(a);
  if (a < YMIN - 1 + 0.27) return nearMinimum(a - (TC - 1));
  return nearTwo(1 - a);
}
