const MAX_TERMS = 100_000;

/**
 * besselK computes the modified Bessel function of the second kind K_nu(x) for real order nu
 * (scipy.special.kv); the Cramer-von Mises limiting CDF uses K_{1/4}.
 *
 * Method: K_nu(x) = integral_0^inf exp(-x cosh t) cosh(nu t) dt, written as
 * e^-x * integral exp(-2x sinh^2(t/2)) cosh(nu t) dt and summed by the trapezoid rule, which
 * converges exponentially for this analytic, double-exponentially decaying integrand: the error is
 * about exp(-2 pi s / h) for an analytic strip of half-width s, so the step
 * h = min(0.2, 0.6/sqrt(x), 1.2/|nu|) keeps it below 1e-16 from small x (s near pi/2) to large x
 * (the peak narrows like 1/sqrt(x)) and for larger orders (cosh(nu t) shrinks the usable strip).
 * Summation stops past the peak at asinh(nu/x) once terms drop below 1e-18 of the sum.
 * Relative accuracy about 1e-15 for x in [1e-3, 700] and moderate orders (|nu| <= 20 tested).
 * Edge policy: K_{-nu} = K_nu; x = 0 -> +Infinity; x < 0 or NaN -> NaN; x = Infinity -> 0. Past
 * x ~ 705, e^-x underflows and results are subnormal or 0 (scipy returns 0 there).
 * Example: besselK(0.25, 1) = 0.4307397744485855 (scipy 1.10: 0.4307397744485814, 9e-15 off).
 */
export function besselK(nu: number, x: number): number {
  if (Number.isNaN(nu) || Number.isNaN(x) || x < 0) return Number.NaN;
  if (x === 0) return Number.POSITIVE_INFINITY;
  if (x === Number.POSITIVE_INFINITY) return 0;
  const v = Math.abs(nu);
  const h = Math.min(0.2, 0.6 / Math.sqrt(x), 1.2 / v);
  const tPeak = Math.asinh(v / x);
  // Integrand without the factor e^-x: exp(-2x sinh^2(t/2)) cosh(v t), formed in the exponent so
  // that neither factor overflows on its own.
  let sum = 0.5; // t = 0
  for (let k = 1; k < MAX_TERMS; k++) {
    const t = k * h;
    const s = Math.sinh(t / 2);
    const base = -2 * x * s * s;
    const term = 0.5 * (Math.exp(base + v * t) + Math.exp(base - v * t));
    sum += term;
    if (t > tPeak && term < 1e-18 * sum) break;
  }
  return Math.exp(-x) * (h * sum);
}
