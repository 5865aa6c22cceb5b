import { createRng } from '../random/index.js';
import { sampleHypergeometric } from './hypergeometric.js';
import { categoricalPair, testOutput } from './output.js';
import type { DriftMethodImpl } from './types.js';

/** TVD_PERMUTATIONS is the number of label permutations behind the TVD p-value (Evidently: 1000). */
export const TVD_PERMUTATIONS = 1000;

/**
 * totalVariation is TVD = ½ Σ_k |ref_k / n_ref − cur_k / n_cur| of two count vectors.
 * Example: [1, 1] vs [2, 0] → 0.5.
 */
export function totalVariation(
  ref: Float64Array,
  cur: Float64Array,
  nRef: number,
  nCur: number,
): number {
  let s = 0;
  for (let k = 0; k < ref.length; k++) s += Math.abs(ref[k] / nRef - cur[k] / nCur);
  return 0.5 * s;
}

/**
 * tvd is the total variation distance with a permutation p-value (Evidently "TVD").
 *
 * statistic = TVD of the two category distributions; p = share of `TVD_PERMUTATIONS` random
 * relabellings of the pooled rows (the first n_ref as reference) whose TVD is >= the observed one
 * (Evidently's `permutation_test`, no +1 correction). A relabelling only changes the counts, so
 * each one is drawn as a multivariate hypergeometric vector (one hypergeometric draw per category),
 * O(categories · √n) instead of shuffling n rows. The generator is seeded (`seed` option), so the
 * p-value is reproducible but not numpy's bit for bit. Drift when p < threshold (default 0.1, as
 * Evidently: the score is a p-value). Effect size: the TVD itself (`tvd`).
 * Example: [a × 50, b × 50] vs [a × 90, b × 10] → TVD = 0.4, p = 0.
 */
export const tvd: DriftMethodImpl = {
  name: 'TVD',
  displayName: 'Total-Variation-Distance',
  kinds: ['categorical'],
  scoreKind: 'p_value',
  defaultThreshold: 0.1,
  rule: 'lt',
  effectSizeName: 'tvd',
  compute(pair, options) {
    const counts = categoricalPair(pair, 'TVD');
    if (!counts.ok) return counts;
    const c = counts.value;
    const nRef = c.referenceTotal;
    const nCur = c.currentTotal;
    const observed = totalVariation(c.reference, c.current, nRef, nCur);
    const k = c.keys.length;
    const pooled = new Float64Array(k);
    for (let i = 0; i < k; i++) pooled[i] = c.reference[i] + c.current[i];
    const ref = new Float64Array(k);
    const cur = new Float64Array(k);
    const rng = createRng(options.seed);
    let atLeast = 0;
    for (let it = 0; it < TVD_PERMUTATIONS; it++) {
      let population = nRef + nCur;
      let draws = nRef;
      for (let i = 0; i < k; i++) {
        const x = i === k - 1 ? draws : sampleHypergeometric(rng, population, pooled[i], draws);
        ref[i] = x;
        cur[i] = pooled[i] - x;
        population -= pooled[i];
        draws -= x;
      }
      if (observed <= totalVariation(ref, cur, nRef, nCur)) atLeast++;
    }
    return testOutput('TVD', observed, atLeast / TVD_PERMUTATIONS, 'tvd', observed);
  },
};
