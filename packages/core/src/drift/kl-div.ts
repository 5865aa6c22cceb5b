import { binPair, fillZeroShares, shares } from './binning.js';
import { distanceOutput } from './output.js';
import type { DriftMethodImpl } from './types.js';

/**
 * klDiv is the Kullback-Leibler divergence KL(reference ‖ current) in nats (Evidently "kl_div",
 * scipy `entropy(ref, cur)`).
 *
 * Shares come from `binPair` (as psi), zero shares are replaced by eps (psi's policy), then both
 * vectors are renormalised to sum 1: KL = Σ_k p_k ln(p_k / q_k). Drift when KL >= threshold
 * (default 0.1). Example: [0.5, 0.5] vs [0.9, 0.1] → 0.511.
 */
export const klDiv: DriftMethodImpl = {
  name: 'kl_div',
  displayName: 'Kullback-Leibler divergence',
  kinds: ['categorical', 'numerical', 'text'],
  scoreKind: 'distance',
  defaultThreshold: 0.1,
  rule: 'gte',
  effectSizeName: 'kl_div',
  compute(pair, options) {
    const b = binPair(pair, options.bins);
    const p = fillZeroShares(shares(b.reference, b.referenceTotal));
    const q = fillZeroShares(shares(b.current, b.currentTotal));
    let sp = 0;
    let sq = 0;
    for (let k = 0; k < p.length; k++) {
      sp += p[k];
      sq += q[k];
    }
    let s = 0;
    for (let k = 0; k < p.length; k++) {
      const pk = p[k] / sp;
      s += pk * Math.log(pk / (q[k] / sq));
    }
    return distanceOutput('kl_div', s < 0 ? 0 : s);
  },
};
