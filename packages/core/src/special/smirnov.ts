import type { DD } from './double-double.js';
import {
  ddAdd,
  ddAddNumber,
  ddFloor,
  ddMul,
  ddQuotient,
  ddScale,
  ddTwoProd,
  ddTwoSum,
  frexpExponent,
  ldexp,
} from './double-double.js';

// Past this n the exact sum takes too long; scipy switches to e^(-(6nx+1)^2 / 18n) (Miller 1956).
const MAX_COMPUTE_N = 1_000_000;
// cephes MINLOG with denormals, log(2^-1075): below it the tail underflows to 0.
const MINLOG = -745.1332191019412;
const DBL_EPSILON = 2 ** -52;

/** A value m * 2^e kept apart so that huge binomials times tiny powers never overflow. */
interface Scaled {
  readonly m: number;
  readonly e: number;
}

/** (hi + lo)^m: pow() of hi with a correction for lo (first order, or exact via log1p). */
function powDD(x: DD, m: number): number {
  if (m === 0) return 1;
  if (x.hi === 0) return 0;
  const ans = x.hi ** m;
  const r = x.lo / x.hi;
  let adj = m * r;
  if (Math.abs(adj) > 1e-8) {
    adj = Math.abs(adj) < 1e-4 ? adj + m * r * (((m - 1) / 2) * r) : Math.expm1(m * Math.log1p(r));
  }
  return ans + ans * adj;
}

/** x^m as m * 2^e for a DD x != 0 and an integer m >= 0, without underflow for m in the millions. */
function powScaled(x: DD, m: number): Scaled {
  if (m === 0) return { m: 1, e: 0 };
  const ex = frexpExponent(x.hi);
  const y: DD = { hi: ldexp(x.hi, -ex), lo: ldexp(x.lo, -ex) }; // 0.5 <= |y| < 1
  const lg2y = Math.log2(Math.abs(y.hi));
  // Keep each pow() above 2^-960 so its result (and the lo correction) stays normal.
  const chunk = m * lg2y < -960 ? Math.max(1, Math.floor(-960 / lg2y)) : m;
  if (chunk >= m) {
    const v = powDD(y, m);
    const ev = frexpExponent(v);
    return { m: ldexp(v, -ev), e: ev + m * ex };
  }
  const q = Math.floor(m / chunk);
  const yc = powScaled(y, chunk);
  const ycq = powScaled({ hi: yc.m, lo: 0 }, q);
  const yr = powScaled(y, m % chunk);
  const prod = ycq.m * yr.m;
  const ep = frexpExponent(prod);
  return { m: ldexp(prod, -ep), e: ep + ycq.e + q * yc.e + yr.e + m * ex };
}

/** Binomial coefficient C(n, v) = man * 2^e, with a DD mantissa kept within 2^+-500. */
interface Binomial {
  man: DD;
  e: number;
}

/** C(n, j) -> C(n, j + 1); the mantissa is renormalised only when it drifts far from 1. */
function nextBinomial(c: Binomial, n: number, j: number): void {
  const man = ddMul(c.man, ddQuotient(n - j, j + 1));
  if (man.hi < 2 ** 500 && man.hi > 2 ** -500) {
    c.man = man;
    return;
  }
  const e = frexpExponent(man.hi);
  c.man = ddScale(man, -e);
  c.e += e;
}

/** A_v = C(n, v) (x + v/n)^(v-1) (1 - x - v/n)^(n-v), with both bases formed in double-double. */
function termAv(n: number, x: number, v: number, c: Binomial): DD {
  const t2 = powScaled(ddAddNumber(ddQuotient(n - v, n), -x), n - v);
  const t1 = powScaled(ddAddNumber(ddQuotient(v, n), x), v - 1);
  const mant = ddMul(ddTwoProd(t1.m, t2.m), c.man);
  return ddScale(mant, c.e + t1.e + t2.e);
}

/**
 * A_{v+1} / A_v from exact pieces: with s = v + n x and r = n - v - n x (both formed from the exact
 * split n x = nxfl + alpha), the ratio is (n-v)/(v+1) * s/r * exp(v log1p(1/s) + (n-v-1) log1p(-1/r)),
 * each factor to a few ulps.
 */
function termRatio(n: number, v: number, nxfl: number, alpha: number): number {
  const s = v + nxfl + alpha;
  const r = n - v - nxfl - alpha;
  const growth = Math.exp(v * Math.log1p(1 / s) + (n - v - 1) * Math.log1p(-1 / r));
  return ((n - v) / (v + 1)) * (s / r) * growth;
}

// Terms are recomputed exactly every RESYNC steps and advanced by termRatio in between, which bounds
// the accumulated rounding at about RESYNC * 5 ulps (2e-14) while making n = 1e6 affordable.
const RESYNC = 32;

/** Birnbaum-Tingey sum over v (lower: v = 0..n(1-x); upper: v = n, n-1, ... with alternating signs). */
function birnbaumTingey(n: number, x: number, nxfl: number, alpha: number): number {
  const n1mxfl = n - nxfl - 1; // last v with v < n(1 - x)
  const n1mxceil = n - nxfl + (alpha === 0 ? 1 : 0);
  const nUpperTerms = n - n1mxceil + 1;
  // The upper sum alternates in sign: use it only when it has very few terms (scipy's rule).
  const upper =
    (nUpperTerms <= 1 && x < 0.5) || (n >= 10 && nUpperTerms <= 3 && x <= 0.5 / Math.sqrt(n));
  const start = upper ? n : 0;
  const step = upper ? -1 : 1;
  const nTerms = upper ? nUpperTerms : n1mxfl + 1;
  const first = upper ? powDD(ddTwoSum(1, x), n - 1) : powDD(ddTwoSum(1, -x), n) / x;
  let sum: DD = { hi: first, lo: 0 };
  // c = C(n, cIndex), advanced lazily to C(n, j) before each exact term.
  const c: Binomial = { man: { hi: 1, lo: 0 }, e: 0 };
  let cIndex = 0;
  const vmid = Math.floor(n / 2);
  let aj = 0;
  for (let j = 1; j < nTerms; j++) {
    const v = start + j * step;
    if (upper || (j - 1) % RESYNC === 0) {
      while (cIndex < j) nextBinomial(c, n, cIndex++);
      const exact = termAv(n, x, v, c);
      aj = exact.hi + exact.lo;
    } else {
      aj *= termRatio(n, v - 1, nxfl, alpha);
    }
    if (Number.isFinite(aj) && aj !== 0) sum = ddAddNumber(sum, aj);
    if (aj !== 0) {
      // Stop once the remaining terms cannot change the sum (they decrease from here on).
      if (4 * (nTerms - j) * Math.abs(aj) < DBL_EPSILON * sum.hi && j !== nTerms - 1) break;
    } else if (j > vmid) {
      break;
    }
  }
  const prob = ddMul(sum, { hi: x, lo: 0 }).hi;
  return upper ? 1 - prob : prob;
}

/**
 * smirnovSf computes the exact one-sided Kolmogorov-Smirnov tail P(D_n^+ >= d) for a sample of size
 * n (scipy.special.smirnov).
 *
 * Formula (Birnbaum & Tingey 1951): P = d * sum_{v=0}^{floor(n(1-d))} C(n, v) (d + v/n)^(v-1)
 * (1 - d - v/n)^(n-v), summed with double-double bases and scaled powers so that n up to 1e6 keeps
 * about 1e-13 relative precision (van Mulbregt 2018). Closed forms for d <= 1/n (1 - d (1+d)^(n-1))
 * and d >= 1 - 1/n ((1-d)^n); 0 once -2 n d^2 < log(2^-1075); for n > 1e6 scipy's approximation
 * exp(-(6nd+1)^2 / (18n)).
 * Domain: n a positive integer, 0 <= d <= 1; otherwise NaN (scipy truncates a non-integer n).
 * Example: smirnovSf(5, 0.3) = 0.34282; smirnovSf(1000, 0.1) = 1.8518e-9.
 */
export function smirnovSf(n: number, d: number): number {
  if (!Number.isInteger(n) || n <= 0 || !(d >= 0 && d <= 1)) return Number.NaN;
  if (n === 1) return 1 - d;
  if (d === 0) return 1;
  if (d === 1) return 0;
  // floor(n d) and its fractional part alpha, exactly.
  const nd = ddTwoProd(n, d);
  const fl = ddFloor(nd);
  let alpha = ddAdd(nd, { hi: -fl.hi, lo: -fl.lo }).hi;
  let nxfl = fl.hi + fl.lo;
  if (alpha === 1) {
    nxfl += 1;
    alpha = 0;
  }
  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) {
    return 1 - d * powDD(ddTwoSum(1, d), n - 1);
  }
  if (-2 * n * d * d < MINLOG) return 0;
  if (nxfl >= n - 1) return powDD(ddTwoSum(1, -d), n);
  if (n > MAX_COMPUTE_N) {
    const logp = -((6 * n * d + 1) ** 2 / 18) / n;
    return logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp);
  }
  return Math.min(1, Math.max(0, birnbaumTingey(n, d, nxfl, alpha)));
}
