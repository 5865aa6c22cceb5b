// The rational approximations below are those of fdlibm's s_erf.c:
// ====================================================
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//
// Developed at SunPro, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice
// is preserved.
// ====================================================

const ERX = 0.8450629115104675;
const EFX = 0.1283791670955126;

// erf on [0, 0.84375]: x + x * P(x^2) / Q(x^2).
const PP = [
  0.12837916709551256, -0.3250421072470015, -0.02848174957559851, -0.005770270296489442,
  -0.000023763016656650163,
];
const QQ = [
  0.39791722395915535, 0.0650222499887673, 0.005081306281875766, 0.00013249473800432164,
  -0.000003960228278775368,
];
// erf on [0.84375, 1.25]: erx + P(s) / Q(s) with s = |x| - 1.
const PA = [
  -0.0023621185607526594, 0.41485611868374833, -0.3722078760357013, 0.31834661990116175,
  -0.11089469428239668, 0.035478304325618236, -0.002166375594868791,
];
const QA = [
  0.10642088040084423, 0.540397917702171, 0.07182865441419627, 0.12617121980876164,
  0.01363708391202905, 0.011984499846799107,
];
// erfc on [1.25, 1/0.35]: exp(-x^2 - 0.5625 + R(1/x^2) / S(1/x^2)) / x.
const RA = [
  -0.009864944034847148, -0.6938585727071818, -10.558626225323291, -62.375332450326006,
  -162.39666946257347, -184.60509290671104, -81.2874355063066, -9.814329344169145,
];
const SA = [
  19.651271667439257, 137.65775414351904, 434.56587747522923, 645.3872717332679, 429.00814002756783,
  108.63500554177944, 6.570249770319282, -0.0604244152148581,
];
// erfc on [1/0.35, 28].
const RB = [
  -0.0098649429247001, -0.799283237680523, -17.757954917754752, -160.63638485582192,
  -637.5664433683896, -1025.0951316110772, -483.5191916086514,
];
const SB = [
  30.33806074348246, 325.7925129965739, 1536.729586084437, 3199.8582195085955, 2553.0504064331644,
  474.52854120695537, -22.44095244658582,
];

/** Horner evaluation of c[0] + c[1] z + ... (plain loop: no closures in hot paths). */
function poly(c: readonly number[], z: number): number {
  let r = c[c.length - 1];
  for (let i = c.length - 2; i >= 0; i--) r = r * z + c[i];
  return r;
}

/** 1 + z * (c[0] + c[1] z + ...): the monic denominators of fdlibm. */
function poly1(c: readonly number[], z: number): number {
  return 1 + z * poly(c, z);
}

/** P(s)/Q(s) on [0.84375, 1.25], the correction to erx. */
function erfNearOne(ax: number): number {
  const s = ax - 1;
  return poly(PA, s) / poly1(QA, s);
}

/** x * R(x^2) for |x| < 0.84375, so that erf(x) = x + x * R. */
function erfSmallRatio(x: number): number {
  const z = x * x;
  return poly(PP, z) / poly1(QQ, z);
}

/**
 * erfcLarge returns erfc(ax) for 1.25 <= ax < 28. exp(-x^2) is split as exp(-z^2) exp((z-x)(z+x))
 * with z = x rounded to single precision, so z^2 is exact and no digits of x^2 are lost.
 */
function erfcLarge(ax: number): number {
  const s = 1 / (ax * ax);
  const rs = ax < 1 / 0.35 ? poly(RA, s) / poly1(SA, s) : poly(RB, s) / poly1(SB, s);
  const z = Math.fround(ax);
  return (Math.exp(-z * z - 0.5625) * Math.exp((z - ax) * (z + ax) + rs)) / ax;
}

/**
 * erf computes the error function 2/sqrt(pi) * integral_0^x exp(-t^2) dt to within about one ulp
 * (fdlibm's rational approximations). Internal: the public API is erfc and the normal CDF.
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const ax = Math.abs(x);
  let r: number;
  if (ax < 0.84375) {
    r = ax < 2 ** -28 ? ax + EFX * ax : ax + ax * erfSmallRatio(ax);
  } else if (ax < 1.25) {
    r = ERX + erfNearOne(ax);
  } else if (ax < 6) {
    r = 1 - erfcLarge(ax);
  } else {
    r = 1;
  }
  return x < 0 ? -r : r;
}

/**
 * erfc computes the complementary error function 1 - erf(x) = 2/sqrt(pi) * integral_x^inf exp(-t^2) dt
 * without cancellation, to within about one ulp, down to the subnormal range (erfc(26) = 5.663e-296).
 *
 * Method: fdlibm's piecewise rational approximations; for x >= 1.25 the result is
 * exp(-x^2 - 0.5625 + R/S) / x with exp(-x^2) split so no digits of x^2 are lost.
 * Domain: all reals. erfc(-inf) = 2, erfc(+inf) = 0, erfc(x) = 0 for x >= 28 (underflow), NaN -> NaN.
 * Example: erfc(1) = 0.15729920705028513.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const ax = Math.abs(x);
  if (ax < 0.84375) {
    if (ax < 2 ** -56) return 1 - x;
    const y = erfSmallRatio(ax);
    // For x >= 1/4, 0.5 + (x*y + (x - 0.5)) keeps the small difference exact.
    const t = ax < 0.25 ? ax + ax * y : 0.5 + (ax * y + (ax - 0.5));
    return x < 0 ? 1 + t : 1 - t;
  }
  if (ax < 1.25) {
    const pq = erfNearOne(ax);
    return x < 0 ? 1 + ERX + pq : 1 - ERX - pq;
  }
  if (x < 0) return ax < 6 ? 2 - erfcLarge(ax) : 2;
  return ax < 28 ? erfcLarge(ax) : 0;
}
