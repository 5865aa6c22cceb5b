import { binPair, fillZeroShares, shares } from './binning.js';
import { distanceOutput } from './output.js';
import type { DriftMethodImpl } from './types.js';

/**
 * psi is the Population Stability Index (Evidently "psi").
 *
 * PSI = Σ_k (ref_k − cur_k) · ln(ref_k / cur_k) over the shares (count / rows) of the bins of
 * `binPair` (Sturges equal-width bins for a numerical column with > 20 distinct reference values,
 * else one bin per value; `bins` overrides). Zero shares are replaced by eps in each vector
 * separately (eps = m / 1e6 when the smallest non-zero share m <= 1e-4, else 1e-4), so the sum
 * stays finite. No renormalisation after the eps fill (as Evidently). Drift when PSI >= threshold
 * (default 0.1; 0.1-0.2 is commonly read as "investigate", > 0.2 as significant).
 * Example: shares [0.5, 0.5] vs [0.9, 0.1] → 0.4 · ln(5/9) ... = 0.879.
 */
export const psi: DriftMethodImpl = {
  name: 'psi',
  displayName: 'PSI',
  kinds: ['categorical', 'numerical', 'text'],
  scoreKind: 'distance',
  defaultThreshold: 0.1,
  rule: 'gte',
  effectSizeName: 'psi',
  compute(pair, options) {
    const b = binPair(pair, options.bins);
    const p = fillZeroShares(shares(b.reference, b.referenceTotal));
    const q = fillZeroShares(shares(b.current, b.currentTotal));
    let s = 0;
    for (let k = 0; k < p.length; k++) s += (p[k] - q[k]) * Math.log(p[k] / q[k]);
    return distanceOutput('psi', s);
  },
};
