import { err, ok, type Result } from '../result.js';
import type { CategoryCounts, MethodOutput, NumericSample, PreparedPair } from './types.js';

/** numericalPair narrows a prepared pair to its numerical samples, or a WRONG_KIND error. */
export function numericalPair(
  pair: PreparedPair,
  method: string,
): Result<{ reference: NumericSample; current: NumericSample }> {
  if (pair.kind !== 'numerical') {
    return err('WRONG_KIND', `${method} needs a numerical column, got a categorical one`);
  }
  return ok({ reference: pair.reference, current: pair.current });
}

/** categoricalPair narrows a prepared pair to its category counts, or a WRONG_KIND error. */
export function categoricalPair(pair: PreparedPair, method: string): Result<CategoryCounts> {
  if (pair.kind !== 'categorical') {
    return err('WRONG_KIND', `${method} needs a categorical column, got a numerical one`);
  }
  return ok(pair.counts);
}

/**
 * testOutput builds the output of a p-value test: the score is the p-value, clamped to [0, 1].
 * A NaN p-value (which no input should produce) becomes a NOT_COMPUTABLE error, never a score.
 */
export function testOutput(
  method: string,
  statistic: number | null,
  pValue: number,
  effectName: string,
  effectValue: number,
): Result<MethodOutput> {
  if (Number.isNaN(pValue) || Number.isNaN(statistic ?? 0)) {
    return err('NOT_COMPUTABLE', `${method}: the p-value is not computable for this data`);
  }
  const p = pValue < 0 ? 0 : pValue > 1 ? 1 : pValue;
  return ok({
    statistic,
    pValue: p,
    score: p,
    effectSize: Number.isFinite(effectValue) ? { name: effectName, value: effectValue } : null,
  });
}

/** distanceOutput builds the output of a distance: score, statistic and effect size are the distance. */
export function distanceOutput(method: string, distance: number): Result<MethodOutput> {
  if (!Number.isFinite(distance)) {
    return err('NOT_COMPUTABLE', `${method}: the distance is not finite`);
  }
  return ok({
    statistic: distance,
    pValue: null,
    score: distance,
    effectSize: { name: method, value: distance },
  });
}

/**
 * cramersV is Cramér's V of the 2 × k contingency table (reference, current) × category:
 * V = sqrt(χ² / (N · (min(2, k) − 1))) with χ² the Pearson statistic of independence. It lies in
 * [0, 1] whatever the sample sizes. Example: counts [10, 0] vs [0, 10] → 1; equal shares → 0.
 */
export function cramersV(counts: CategoryCounts): number {
  const n1 = counts.referenceTotal;
  const n2 = counts.currentTotal;
  const total = n1 + n2;
  const k = counts.keys.length;
  if (k < 2 || total === 0) return 0;
  let chi2 = 0;
  for (let i = 0; i < k; i++) {
    const col = counts.reference[i] + counts.current[i];
    if (col === 0) continue;
    const e1 = (n1 * col) / total;
    const e2 = (n2 * col) / total;
    const d1 = counts.reference[i] - e1;
    const d2 = counts.current[i] - e2;
    chi2 += (d1 * d1) / e1 + (d2 * d2) / e2;
  }
  const v = Math.sqrt(chi2 / total);
  return v > 1 ? 1 : v;
}
