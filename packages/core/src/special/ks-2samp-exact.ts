// Exact null distribution of the two-sample Kolmogorov-Smirnov statistic, following
// scipy 1.10 (_compute_prob_outside_square in _stats_py.py and _compute_outer_prob_inside_method in
// _stats_pythran.py), with the same operation order so results agree to the last bits.

/**
 * probOutsideSquare computes P(D_{n,n} >= h/n) for equal sample sizes:
 * 2 * sum_{k>=1} (-1)^(k-1) C(2n, n - k h) / C(2n, n), evaluated Horner-like as
 * 2 A0 (1 - A1 (1 - A2 (...))) with each ratio A_k a product of h simple factors, so no binomial
 * is formed and there is no cancellation. O(n). Requires 1 <= h <= n. Internal helper.
 */
export function probOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    p = p1 * (1 - p);
  }
  return 2 * p;
}

/**
 * probOutsideBand computes P(D_{m,n} >= h / lcm(m, n)) as the share of monotone lattice paths from
 * (0,0) to (m,n) that leave the band |x/m - y/n| < h/lcm (Hodges 1958), with Viehmann's (2021)
 * recursion for that share itself: cell (i, j) holds the probability of having left the band,
 * (i * left + j * below) / (i + j), so values stay in [0, 1] and small p-values keep their relative
 * precision. Cells above the band read 1, the cell below it 1 (0 on the axis).
 *
 * Performance: O(m * band width) = O(m * min(n, 2 d n)) divisions, each dependent on the previous
 * one in its column. Four columns are advanced together on a wavefront (column i + c works on row
 * j - c), which hides the division latency without changing any operation, so the result is
 * bit-identical to the column-by-column recursion (scipy's), about 3x faster.
 * Requires h >= 1. Internal helper.
 */
export function probOutsideBand(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  // b[j] holds the latest column's value at row j; rows never reached by a band read 1.
  const b = new Float64Array(n + 2).fill(1);
  b.fill(0, 0, Math.min(Math.ceil(h / mg), n + 1));
  const lo = new Int32Array(WAVE);
  const hi = new Int32Array(WAVE);
  for (let i0 = 1; i0 <= m; i0 += WAVE) {
    const k = Math.min(WAVE, m - i0 + 1);
    for (let c = 0; c < k; c++) {
      const i = i0 + c;
      lo[c] = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
      hi[c] = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
      if (hi[c] <= lo[c]) return 1;
    }
    if (k < WAVE) {
      for (let c = 0; c < k; c++) bandColumn(b, i0 + c, lo[c], hi[c]);
      continue;
    }
    waveOfFour(b, i0, lo, hi);
  }
  const lastHi = Math.min(Math.ceil((ng * m + h) / mg), n + 1);
  return b[lastHi - 1];
}

const WAVE = 4;

/** One column of the recursion, rows [lo, hi). */
function bandColumn(b: Float64Array, i: number, lo: number, hi: number): void {
  let val = lo === 0 ? 0 : 1;
  for (let j = lo; j < hi; j++) {
    val = (b[j] * i + val * j) / (i + j);
    b[j] = val;
  }
}

/**
 * Columns i0 .. i0+3 on a wavefront: at step t column i0 + c updates row t - c, which needs row
 * t - c of column i0 + c - 1, written one step earlier. Bounds are non-decreasing in the column.
 */
function waveOfFour(b: Float64Array, i0: number, lo: Int32Array, hi: Int32Array): void {
  const i1 = i0 + 1;
  const i2 = i0 + 2;
  const i3 = i0 + 3;
  let v0 = lo[0] === 0 ? 0 : 1;
  let v1 = lo[1] === 0 ? 0 : 1;
  let v2 = lo[2] === 0 ? 0 : 1;
  let v3 = lo[3] === 0 ? 0 : 1;
  const tStart = lo[0];
  const tEnd = Math.max(hi[0], hi[1] + 1, hi[2] + 2, hi[3] + 3);
  const midStart = Math.max(lo[0], lo[1] + 1, lo[2] + 2, lo[3] + 3);
  const midEnd = Math.min(hi[0], hi[1] + 1, hi[2] + 2, hi[3] + 3);
  let t = tStart;
  // Ramp-up and ramp-down steps check each column's bounds; the middle is branch-free.
  for (; t < tEnd; t++) {
    if (t >= midStart && t < midEnd) {
      for (; t < midEnd; t++) {
        let j = t;
        v0 = (b[j] * i0 + v0 * j) / (i0 + j);
        b[j] = v0;
        j = t - 1;
        v1 = (b[j] * i1 + v1 * j) / (i1 + j);
        b[j] = v1;
        j = t - 2;
        v2 = (b[j] * i2 + v2 * j) / (i2 + j);
        b[j] = v2;
        j = t - 3;
        v3 = (b[j] * i3 + v3 * j) / (i3 + j);
        b[j] = v3;
      }
      if (t >= tEnd) break;
    }
    let j = t;
    if (j >= lo[0] && j < hi[0]) {
      v0 = (b[j] * i0 + v0 * j) / (i0 + j);
      b[j] = v0;
    }
    j = t - 1;
    if (j >= lo[1] && j < hi[1]) {
      v1 = (b[j] * i1 + v1 * j) / (i1 + j);
      b[j] = v1;
    }
    j = t - 2;
    if (j >= lo[2] && j < hi[2]) {
      v2 = (b[j] * i2 + v2 * j) / (i2 + j);
      b[j] = v2;
    }
    j = t - 3;
    if (j >= lo[3] && j < hi[3]) {
      v3 = (b[j] * i3 + v3 * j) / (i3 + j);
      b[j] = v3;
    }
  }
}
