/**
 * ksStatistic returns the two-sample Kolmogorov-Smirnov statistic D = max |F_a(x) − F_b(x)| of two
 * ascending samples, with scipy's convention: the empirical CDFs count values <= x
 * (searchsorted side='right'), evaluated after each distinct value, so ties move both CDFs at once.
 * One merge walk, O(n + m). Example: [1, 2, 3] vs [2, 3, 4] → D = 1/3.
 */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  const m = b.length;
  let i = 0;
  let j = 0;
  let maxS = 0;
  let minS = 0;
  // Once one sample is exhausted the difference only shrinks towards 0, so the walk can stop.
  while (i < n && j < m) {
    const v = a[i] <= b[j] ? a[i] : b[j];
    while (i < n && a[i] === v) i++;
    while (j < m && b[j] === v) j++;
    const diff = i / n - j / m;
    if (diff > maxS) maxS = diff;
    else if (diff < minS) minS = diff;
  }
  const d = -minS > maxS ? -minS : maxS;
  return d > 1 ? 1 : d;
}

/**
 * cdfDistance integrates |F_a − F_b|^p over the real line for two ascending samples (p = 1 or 2),
 * like scipy's `_cdf_distance`: Σ |F_a(x_k) − F_b(x_k)|^p · (x_{k+1} − x_k) over the sorted union,
 * returning the sum (not its p-th root). Compensated (Neumaier) summation in one merge walk.
 * Example: [0] vs [1], p = 1 → 1.
 */
export function cdfDistance(a: Float64Array, b: Float64Array, p: 1 | 2): number {
  const n = a.length;
  const m = b.length;
  let i = 0;
  let j = 0;
  let sum = 0;
  let comp = 0;
  let v = a[0] <= b[0] ? a[0] : b[0];
  while (i < n || j < m) {
    while (i < n && a[i] === v) i++;
    while (j < m && b[j] === v) j++;
    if (i >= n && j >= m) break;
    const next = j >= m || (i < n && a[i] <= b[j]) ? a[i] : b[j];
    const diff = i / n - j / m;
    const term = (p === 1 ? Math.abs(diff) : diff * diff) * (next - v);
    const t = sum + term;
    comp += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
    v = next;
  }
  return sum + comp;
}

/**
 * meanAndVariance returns the mean and the variance of `x` with `ddof` degrees of freedom removed
 * (0: population, 1: sample), in two passes like numpy's `var`, with compensated sums.
 * Example: [1, 2, 3, 4], ddof 0 → mean 2.5, variance 1.25.
 */
export function meanAndVariance(x: Float64Array, ddof: 0 | 1): { mean: number; variance: number } {
  const n = x.length;
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  const mean = (s + c) / n;
  let ss = 0;
  let cc = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    const v = d * d;
    const t = ss + v;
    cc += ss >= v ? ss - t + v : v - t + ss;
    ss = t;
  }
  return { mean, variance: (ss + cc) / (n - ddof) };
}
