import { binPair, shares } from './binning.js';
import { distanceOutput } from './output.js';
import type { DriftMethodImpl } from './types.js';

/**
 * jensenShannon is the Jensen-Shannon distance (Evidently "jensenshannon", scipy
 * `distance.jensenshannon`, natural log).
 *
 * Shares come from `binPair` (as psi) without any eps: p and q are renormalised, m = (p + q) / 2,
 * JS = sqrt((KL(p ‖ m) + KL(q ‖ m)) / 2), where a zero share contributes 0. The distance lies in
 * [0, sqrt(ln 2)]. Drift when JS >= threshold (default 0.1). Example: [1, 0] vs [0, 1] →
 * sqrt(ln 2) = 0.8326.
 */
export const jensenShannon: DriftMethodImpl = {
  name: 'jensenshannon',
  displayName: 'Jensen-Shannon distance',
  kinds: ['categorical', 'numerical', 'text'],
  scoreKind: 'distance',
  defaultThreshold: 0.1,
  rule: 'gte',
  effectSizeName: 'jensenshannon',
  compute(pair, options) {
    const b = binPair(pair, options.bins);
    return distanceOutput(
      'jensenshannon',
      jsDistance(shares(b.reference, b.referenceTotal), shares(b.current, b.currentTotal)),
    );
  },
};

/** jsDistance is the Jensen-Shannon distance of two non-negative vectors (renormalised first). */
export function jsDistance(p: Float64Array, q: Float64Array): number {
  let sp = 0;
  let sq = 0;
  for (let k = 0; k < p.length; k++) {
    sp += p[k];
    sq += q[k];
  }
  let left = 0;
  let right = 0;
  for (let k = 0; k < p.length; k++) {
    const pk = p[k] / sp;
    const qk = q[k] / sq;
    const m = (pk + qk) / 2;
    if (pk > 0) left += pk * Math.log(pk / m);
    if (qk > 0) right += qk * Math.log(qk / m);
  }
  const js = (left + right) / 2;
  // Rounding can leave a tiny negative sum for identical vectors; the divergence is >= 0.
  return js > 0 ? Math.sqrt(js) : 0;
}
