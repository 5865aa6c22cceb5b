import { equalWidthEdges, histogram, sturgesBinCount } from './binning.js';
import { distanceOutput } from './output.js';
import { sortedValues } from './samples.js';
import type { DriftMethodImpl, NumericSample } from './types.js';

function clippedHellinger(affinity: number): number {
  const s = affinity < 0 ? 0 : affinity > 1 ? 1 : affinity;
  return Math.sqrt(1 - s);
}

/** distinctUnion counts the distinct values of two samples (sorting them in place once). */
function distinctUnion(a: NumericSample, b: NumericSample): number {
  const x = sortedValues(a);
  const y = sortedValues(b);
  let i = 0;
  let j = 0;
  let count = 0;
  while (i < x.length || j < y.length) {
    const v = j >= y.length || (i < x.length && x[i] <= y[j]) ? x[i] : y[j];
    while (i < x.length && x[i] === v) i++;
    while (j < y.length && y[j] === v) j++;
    count++;
  }
  return count;
}

/**
 * hellinger is the Hellinger distance (Evidently "hellinger").
 *
 * Categorical: H = sqrt(1 − Σ_k sqrt(p_k q_k)) over the value shares. Numerical (Evidently's
 * definition, unlike psi's binning): equal-width bins over [min, max] of the union, their count by
 * Sturges' rule on the number of DISTINCT values of the union (`bins` overrides); densities
 * h = count / (n · width) and H = sqrt(1 − Σ_k sqrt(h1_k h2_k) · width). The affinity is clipped to
 * [0, 1] before the square root. Drift when H >= threshold (default 0.1).
 * Example: shares [0.5, 0.5] vs [0.9, 0.1] → sqrt(1 − (√0.45 + √0.05)) = 0.2265.
 */
export const hellinger: DriftMethodImpl = {
  name: 'hellinger',
  displayName: 'Hellinger distance',
  kinds: ['categorical', 'numerical', 'text'],
  scoreKind: 'distance',
  defaultThreshold: 0.1,
  rule: 'gte',
  effectSizeName: 'hellinger',
  compute(pair, options) {
    if (pair.kind === 'categorical') {
      const c = pair.counts;
      let s = 0;
      for (let k = 0; k < c.keys.length; k++) {
        s += Math.sqrt((c.reference[k] / c.referenceTotal) * (c.current[k] / c.currentTotal));
      }
      return distanceOutput('hellinger', clippedHellinger(s));
    }
    const a = sortedValues(pair.reference);
    const b = sortedValues(pair.current);
    const lo = Math.min(a[0], b[0]);
    const hi = Math.max(a[a.length - 1], b[b.length - 1]);
    const k = options.bins ?? sturgesBinCount(distinctUnion(pair.reference, pair.current), lo, hi);
    const edges = equalWidthEdges(lo, hi, k);
    const h1 = histogram(a, edges);
    const h2 = histogram(b, edges);
    const width = (edges[k] - edges[0]) / k;
    let s = 0;
    for (let i = 0; i < k; i++) {
      const db = edges[i + 1] - edges[i];
      const d1 = h1[i] / db / a.length;
      const d2 = h2[i] / db / b.length;
      s += Math.sqrt(d1 * d2) * width;
    }
    return distanceOutput('hellinger', clippedHellinger(s));
  },
};
