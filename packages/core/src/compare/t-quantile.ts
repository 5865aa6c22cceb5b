import { logGamma, normalIsf, studentTSf } from '../special/index.js';

/**
 * studentTIsf returns the t with P(T > t) = q for Student's t with `df` degrees of freedom
 * (scipy's `t.isf(q, df)`); callers pass q ∈ (0, 1) and df > 0 (checked by the caller).
 *
 * Closed forms for df = 1 (t = cot(πq)) and df = 2 (t = (1 − 2q)/√(2q(1 − q))); otherwise Newton's
 * method on log P(T > e^u) = log q in u = log t, started from the better of the Cornish–Fisher
 * expansion (A&S 26.7.5) and the power-law tail t ≈ (K/q)^(1/df), and kept inside a bisection
 * bracket. Working in logs keeps relative precision in both tails. q > 1/2 uses symmetry.
 * Example: studentTIsf(0.025, 10) = 2.2281388519649385.
 */
export function studentTIsf(q: number, df: number): number {
  if (q > 0.5) return -studentTIsf(1 - q, df);
  if (q === 0.5) return 0;
  if (df === 1) return 1 / Math.tan(Math.PI * q);
  if (df === 2) return (1 - 2 * q) / Math.sqrt(2 * q * (1 - q));

  const logQ = Math.log(q);
  // log of the density's constant Γ((ν+1)/2) / (√(νπ) Γ(ν/2)).
  const logC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  const logSfError = (t: number): number => Math.abs(Math.log(studentTSf(t, df)) - logQ);

  const z = normalIsf(q);
  const z2 = z * z;
  const g1 = (z2 + 1) * z * 0.25;
  const g2 = ((5 * z2 + 16) * z2 + 3) * z * (1 / 96);
  const g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z * (1 / 384);
  const cornishFisher = z + g1 / df + g2 / (df * df) + g3 / (df * df * df);
  // For large t, P(T > t) ≈ C ν^((ν−1)/2) t^(−ν).
  const tail = Math.exp((logC + 0.5 * (df - 1) * Math.log(df) - logQ) / df);
  let t0 = cornishFisher > 0 && Number.isFinite(cornishFisher) ? cornishFisher : tail;
  if (Number.isFinite(tail) && tail > 0 && logSfError(tail) < logSfError(t0)) t0 = tail;

  let u = Math.log(t0);
  let lo = Number.NEGATIVE_INFINITY;
  let hi = Number.POSITIVE_INFINITY;
  for (let iter = 0; iter < 200; iter++) {
    const t = Math.exp(u);
    const s = studentTSf(t, df);
    let next: number;
    if (s <= 0 || !Number.isFinite(t)) {
      // Past the representable tail: step back towards the bracket.
      hi = Math.min(hi, u);
      next = Number.isFinite(lo) ? 0.5 * (lo + hi) : u - 1;
    } else {
      const f = Math.log(s) - logQ;
      if (f === 0) return t;
      if (f > 0) lo = Math.max(lo, u);
      else hi = Math.min(hi, u);
      // d/du log S(e^u) = −t f(t) / S(t), with f the density.
      const logDensity = logC - 0.5 * (df + 1) * Math.log1p((t * t) / df);
      const slope = -Math.exp(u + logDensity - Math.log(s));
      next = u - f / slope;
      if (!(next > lo && next < hi)) {
        if (Number.isFinite(lo) && Number.isFinite(hi)) next = 0.5 * (lo + hi);
        else next = Number.isFinite(lo) ? lo + 1 : hi - 1;
      }
    }
    if (Math.abs(next - u) <= 1e-15 * Math.max(1, Math.abs(u))) return Math.exp(next);
    u = next;
  }
  return Math.exp(u);
}
