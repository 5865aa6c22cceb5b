import { err } from '../result.js';
import { categoricalPair, cramersV, testOutput } from './output.js';
import { sortedCounts } from './samples.js';
import type { DriftMethodImpl } from './types.js';

// Probabilities within this relative distance of the observed one count as "as extreme". scipy
// uses 1e-14 with pmf values computed independently; our pmf comes from a log-ratio recurrence
// whose rounding reaches ~1e-10 on million-row tables, so a tie must be caught more loosely.
const RELATIVE_TIE = 1e-9;

/**
 * fisherTwoSided is the two-sided p-value of Fisher's exact test for the 2 × 2 table
 * [[a, b], [c, d]]: the probability, under the hypergeometric law of `a` given the margins, of all
 * tables at most as likely as the observed one (scipy `fisher_exact`). A zero row or column sum
 * gives 1. Weights come from the ratio recurrence pmf(x+1)/pmf(x) = (r1−x)(c1−x)/((x+1)(r2−c1+x+1))
 * in log space from the mode, so no factorial overflows and tiny p-values stay representable.
 * Example: [[8, 2], [1, 5]] → 0.0350.
 */
export function fisherTwoSided(a: number, b: number, c: number, d: number): number {
  const r1 = a + b;
  const r2 = c + d;
  const c1 = a + c;
  if (r1 === 0 || r2 === 0 || c1 === 0 || b + d === 0) return 1;
  const lo = Math.max(0, c1 - r2);
  const hi = Math.min(c1, r1);
  const mode = Math.trunc(((c1 + 1) * (r1 + 1)) / (r1 + r2 + 2));
  const logw = new Float64Array(hi - lo + 1);
  for (let x = mode; x < hi; x++) {
    const ratio = ((r1 - x) * (c1 - x)) / ((x + 1) * (r2 - c1 + x + 1));
    logw[x + 1 - lo] = logw[x - lo] + Math.log(ratio);
  }
  for (let x = mode; x > lo; x--) {
    const ratio = ((r1 - x + 1) * (c1 - x + 1)) / (x * (r2 - c1 + x));
    logw[x - 1 - lo] = logw[x - lo] - Math.log(ratio);
  }
  const observed = logw[a - lo];
  const cut = observed + RELATIVE_TIE;
  let total = 0;
  let tail = 0;
  for (let i = 0; i < logw.length; i++) {
    const w = Math.exp(logw[i]);
    total += w;
    if (logw[i] <= cut) tail += w;
  }
  const p = tail / total;
  return p > 1 ? 1 : p;
}

/**
 * fisherExact is Fisher's exact test on a binary column (Evidently "fisher_exact").
 *
 * Table rows: current, reference; columns: the two values. p = two-sided exact p-value
 * (`fisherTwoSided`); statistic = sample odds ratio (a·d)/(b·c), +Infinity when b or c is 0 (as
 * scipy). A column with a single value over both samples gives p = 1 (Evidently pads a placeholder
 * category); more than two values: INVALID_ARGUMENT. Unlike Evidently, samples of different sizes
 * are accepted (Evidently raises; the test itself does not need equal sizes). Drift when
 * p < threshold (default 0.1). Effect size: Cramér's V (= |phi|).
 * Example: reference yes/no [5, 1], current [1, 8] → p = 0.0110.
 */
export const fisherExact: DriftMethodImpl = {
  name: 'fisher_exact',
  displayName: "Fisher's Exact test",
  kinds: ['categorical'],
  scoreKind: 'p_value',
  defaultThreshold: 0.1,
  rule: 'lt',
  effectSizeName: 'cramers_v',
  compute(pair) {
    const counts = categoricalPair(pair, 'fisher_exact');
    if (!counts.ok) return counts;
    const k = counts.value.keys.length;
    if (k > 2) {
      return err('INVALID_ARGUMENT', `fisher_exact needs a binary column, found ${k} categories`);
    }
    // Sorted keys fix the orientation of the odds ratio (first value = first column).
    const c = sortedCounts(counts.value);
    if (k === 1) return testOutput('fisher_exact', null, 1, 'cramers_v', 0);
    const [a, b] = [c.current[0], c.current[1]];
    const [cc, d] = [c.reference[0], c.reference[1]];
    const odds = cc > 0 && b > 0 ? (a * d) / (cc * b) : Number.POSITIVE_INFINITY;
    return testOutput('fisher_exact', odds, fisherTwoSided(a, b, cc, d), 'cramers_v', cramersV(c));
  },
};
