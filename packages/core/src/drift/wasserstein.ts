import { cdfDistance, meanAndVariance } from './ecdf.js';
import { distanceOutput, numericalPair } from './output.js';
import { sortedValues } from './samples.js';
import type { DriftMethodImpl } from './types.js';

/** WASSERSTEIN_MIN_SCALE floors the reference standard deviation used to normalise W1 (Evidently). */
export const WASSERSTEIN_MIN_SCALE = 0.001;

/**
 * wasserstein is the first Wasserstein (earth mover's) distance normalised by the reference
 * spread (Evidently "wasserstein", scipy `wasserstein_distance`).
 *
 * W1 = ∫ |F_ref(x) − F_cur(x)| dx (one merge walk over the sorted samples), score =
 * W1 / max(σ_ref, 0.001) with σ_ref the population standard deviation (ddof 0) of the reference.
 * A score of 0.1 means the distributions are a tenth of a reference standard deviation apart.
 * Drift when score >= threshold (default 0.1). Example: [0, 1, 2, 3] vs [1, 2, 3, 4] →
 * W1 = 1, σ = 1.118, score 0.894.
 */
export const wasserstein: DriftMethodImpl = {
  name: 'wasserstein',
  displayName: 'Wasserstein distance (normed)',
  kinds: ['numerical', 'text'],
  scoreKind: 'distance',
  defaultThreshold: 0.1,
  rule: 'gte',
  effectSizeName: 'wasserstein',
  compute(pair) {
    const samples = numericalPair(pair, 'wasserstein');
    if (!samples.ok) return samples;
    const a = sortedValues(samples.value.reference);
    const b = sortedValues(samples.value.current);
    const w1 = cdfDistance(a, b, 1);
    const sd = Math.sqrt(meanAndVariance(a, 0).variance);
    return distanceOutput('wasserstein', w1 / Math.max(sd, WASSERSTEIN_MIN_SCALE));
  },
};
