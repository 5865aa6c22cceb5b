/**
 * DD is a double-double number hi + lo with |lo| <= ulp(hi)/2, about 106 bits of precision.
 * Internal to the exact one-sided Kolmogorov-Smirnov sum, which raises sums such as 1 - d - v/n to
 * powers in the millions, where a rounded base would lose n * 1e-16 of relative precision.
 */
export interface DD {
  readonly hi: number;
  readonly lo: number;
}

const SPLITTER = 134217729; // 2^27 + 1 (Veltkamp split; JavaScript has no fused multiply-add)

/** ddTwoSum returns a + b exactly as a DD (Knuth). */
export function ddTwoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return { hi: s, lo: a - (s - bb) + (b - bb) };
}

function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return { hi: s, lo: b - (s - a) };
}

/** ddTwoProd returns a * b exactly as a DD (Dekker), for |a|, |b| well below 2^996. */
export function ddTwoProd(a: number, b: number): DD {
  const p = a * b;
  let t = SPLITTER * a;
  const ahi = t - (t - a);
  const alo = a - ahi;
  t = SPLITTER * b;
  const bhi = t - (t - b);
  const blo = b - bhi;
  return { hi: p, lo: ahi * bhi - p + ahi * blo + alo * bhi + alo * blo };
}

/** ddAdd returns x + y. */
export function ddAdd(x: DD, y: DD): DD {
  const s = ddTwoSum(x.hi, y.hi);
  const t = ddTwoSum(x.lo, y.lo);
  const u = quickTwoSum(s.hi, s.lo + t.hi);
  return quickTwoSum(u.hi, u.lo + t.lo);
}

/** ddAddNumber returns x + b. */
export function ddAddNumber(x: DD, b: number): DD {
  const s = ddTwoSum(x.hi, b);
  return quickTwoSum(s.hi, s.lo + x.lo);
}

/** ddMul returns x * y. */
export function ddMul(x: DD, y: DD): DD {
  const p = ddTwoProd(x.hi, y.hi);
  return quickTwoSum(p.hi, p.lo + (x.hi * y.lo + x.lo * y.hi));
}

/** ddQuotient returns a / b for plain numbers, correct to about 106 bits. */
export function ddQuotient(a: number, b: number): DD {
  const q = a / b;
  const p = ddTwoProd(q, b);
  const r = a - p.hi - p.lo;
  return quickTwoSum(q, r / b);
}

/** ddFloor returns floor(x) as a DD. */
export function ddFloor(x: DD): DD {
  const fh = Math.floor(x.hi);
  if (fh !== x.hi) return { hi: fh, lo: 0 };
  return quickTwoSum(fh, Math.floor(x.lo));
}

/** ldexp: v * 2^e, with the factor split so that 2^e itself never overflows or underflows. */
export function ldexp(v: number, e: number): number {
  while (e > 1000) {
    v *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    v *= 2 ** -1000;
    e += 1000;
  }
  return v * 2 ** e;
}

/** ddScale returns x * 2^e (exact barring underflow). */
export function ddScale(x: DD, e: number): DD {
  return { hi: ldexp(x.hi, e), lo: ldexp(x.lo, e) };
}

/** frexpExponent returns e with x = m * 2^e and 0.5 <= |m| < 1 (C frexp), for finite non-zero x. */
export function frexpExponent(x: number): number {
  const ax = Math.abs(x);
  let e = Math.floor(Math.log2(ax)) + 1;
  // log2 can be off by one next to powers of two.
  const m = ldexp(ax, -e);
  if (m >= 1) e += 1;
  else if (m < 0.5) e -= 1;
  return e;
}
