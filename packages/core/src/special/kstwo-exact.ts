// Exact CDF algorithms for the two-sided one-sample Kolmogorov-Smirnov statistic D_n, as used by
// scipy.stats.kstwo (scipy/stats/_ksstats.py): Durbin's matrix (Marsaglia-Tsang-Wang) and Pomeranz.
import type { DD } from './double-double.js';
import { ddMul, ldexp } from './double-double.js';

const E128 = 128;
const EP128 = 2 ** 128;
const EM128 = 2 ** -128;

/** c = a * b for m x m row-major matrices. */
function matMul(a: Float64Array, b: Float64Array, c: Float64Array, m: number): void {
  c.fill(0);
  for (let i = 0; i < m; i++) {
    const ri = i * m;
    for (let k = 0; k < m; k++) {
      const aik = a[ri + k];
      if (aik === 0) continue;
      const rk = k * m;
      for (let j = 0; j < m; j++) c[ri + j] += aik * b[rk + j];
    }
  }
}

/**
 * durbinMatrixCdf computes P(D_n <= d) by Durbin's matrix method as arranged by Marsaglia, Tsang
 * and Wang (2003): with n d = k - h (k integer, 0 <= h < 1), P = n!/n^n * (H^n)[k-1][k-1] for an
 * m x m matrix H, m = 2k - 1, with powers rescaled by 2^128 to stay in range. O(m^3 log n).
 * Requires 0 < d < 1 and n d > 1/2. Internal helper.
 */
export function durbinMatrixCdf(n: number, d: number): number {
  const nd = n * d;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  // v[j] = (1 - h^(j+1)) / (j+1)!, w[j] = 1 / j!; the last entry of v gets the corner correction.
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;
  let hm = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) hm[r * m + i] = w[r - i + 1];
  }
  for (let r = 0; r < m; r++) hm[r * m] = v[r];
  for (let c = 0; c < m; c++) hm[(m - 1) * m + c] = v[m - 1 - c];

  // Binary powering; Hexpnt tracks the 2^128 scalings of H, expnt those of the running product.
  let pw = new Float64Array(m * m);
  for (let i = 0; i < m; i++) pw[i * m + i] = 1;
  let tmp = new Float64Array(m * m);
  let expnt = 0;
  let hExpnt = 0;
  let nn = n;
  while (nn > 0) {
    if (nn % 2 === 1) {
      matMul(pw, hm, tmp, m);
      [pw, tmp] = [tmp, pw];
      expnt += hExpnt;
    }
    matMul(hm, hm, tmp, m);
    [hm, tmp] = [tmp, hm];
    hExpnt *= 2;
    if (Math.abs(hm[(k - 1) * m + (k - 1)]) > EP128) {
      for (let i = 0; i < m * m; i++) hm[i] /= EP128;
      hExpnt += E128;
    }
    nn = Math.floor(nn / 2);
  }
  let p = pw[(k - 1) * m + (k - 1)];
  // Multiply by n!/n^n one factor at a time, rescaling before underflow.
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) {
      p *= EP128;
      expnt -= E128;
    }
  }
  return expnt !== 0 ? ldexp(p, expnt) : p;
}

/** Endpoints [j1, j2] of the non-zero band of row i in Pomeranz's recursion. */
function pomeranzBand(
  i: number,
  n: number,
  ll: number,
  ceilf: number,
  roundf: number,
): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = half - 1 - ll - roundf - 1;
        j2 = half + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/**
 * pomeranzCdf computes P(D_n <= d) by Pomeranz's recursion (1974): 2n + 1 rows, each the
 * convolution of the previous row with truncated Poisson weights ((g/n)^m/m!, (2g/n)^m/m! or
 * ((1-2g)/n)^m/m!, g = min(f, 1-f) for the fractional part f of n d), rescaled by 2^128 against
 * underflow; the answer is n! times the last entry. Requires 1/n < d < 1. Internal helper.
 */
export function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gpower = new Float64Array(npwrs);
  const twogpower = new Float64Array(npwrs);
  const onem2gpower = new Float64Array(npwrs);
  gpower[0] = 1;
  twogpower[0] = 1;
  onem2gpower[0] = 1;
  const gOverN = g / n;
  const twoGOverN = (2 * g) / n;
  const oneMinusTwoGOverN = (1 - 2 * g) / n;
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = (gpower[m - 1] * gOverN) / m;
    twogpower[m] = (twogpower[m - 1] * twoGOverN) / m;
    onem2gpower[m] = (onem2gpower[m - 1] * oneMinusTwoGOverN) / m;
  }
  let v0 = new Float64Array(npwrs);
  let v1 = new Float64Array(npwrs);
  v1[0] = 1;
  let v0s = 0;
  let v1s = 0;
  let expnt = 0;
  let [j1, j2] = pomeranzBand(0, n, ll, ceilf, roundf);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [v0, v1] = [v1, v0];
    [v0s, v1s] = [v1s, v0s];
    v1.fill(0);
    [j1, j2] = pomeranzBand(i, n, ll, ceilf, roundf);
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 === 1 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      // Entries conv[j1-k1 .. j2-k1] of the full convolution of V0[k1-V0s ..][:ln2] with pwrs[:ln2].
      const base = k1 - v0s;
      const convStart = j1 - k1;
      const convLen = j2 - j1 + 1;
      let vmax = 0;
      // numpy clamps the slice of V0 at the end of the row.
      const lastR = npwrs - 1 - base;
      for (let q = 0; q < convLen; q++) {
        const idx = convStart + q;
        let acc = 0;
        const rEnd = Math.min(idx, lastR);
        for (let r = 0; r <= rEnd; r++) acc += v0[base + r] * pwrs[idx - r];
        v1[q] = acc;
        if (acc > vmax) vmax = acc;
      }
      if (vmax > 0 && vmax < EM128) {
        for (let q = 0; q < npwrs; q++) v1[q] *= EP128;
        expnt -= E128;
      }
      v1s = v0s + j1 - k1;
    }
  }
  // n! * V[n]: the factors are accumulated in double-double (scipy's loop runs in long double).
  let ans: DD = { hi: v1[n - v1s], lo: 0 };
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans.hi) > EP128) {
      ans = { hi: ans.hi * EM128, lo: ans.lo * EM128 };
      expnt += E128;
    }
    ans = ddMul(ans, { hi: m, lo: 0 });
  }
  const r = ans.hi + ans.lo;
  return expnt !== 0 ? ldexp(r, expnt) : r;
}
