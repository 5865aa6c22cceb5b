import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import { countNgrams, whitespaceTokens } from './text-tokenize.js';

/** BleuSmoothing names nltk's SmoothingFunction methods 0–4 (Chen & Cherry 2014). */
export type BleuSmoothing = 0 | 1 | 2 | 3 | 4;

/** BleuOptions configures bleu. */
export interface BleuOptions {
  /** smoothing: nltk SmoothingFunction().method<k>. Default 1 (ε = 0.1 added to zero counts). */
  readonly smoothing?: BleuSmoothing;
  /** weights: one weight per n-gram order 1…N. Default [0.25, 0.25, 0.25, 0.25] (BLEU-4). */
  readonly weights?: readonly number[];
}

type Text = string | readonly string[];

const toTokens = (t: Text): readonly string[] => (typeof t === 'string' ? whitespaceTokens(t) : t);

// nltk's stand-in for a zero precision under method0: sys.float_info.min, so ln() stays finite.
const FLOAT_MIN = 2 ** -1022;

/**
 * bleu is sentence-level BLEU of a candidate against one or more references, nltk 3.8's
 * `sentence_bleu` with `SmoothingFunction().method<k>`.
 *
 * Modified precision p_n = Σ_g min(count_cand(g), max_r count_r(g)) / max(1, #cand n-grams);
 * BLEU = BP · exp(Σ_n w_n · ln p_n), BP = 1 if c > r else exp(1 − r/c), where c is the candidate
 * length and r the reference length closest to c (the shorter on a tie). Returns 0 when no unigram
 * matches (or the candidate is empty). Smoothing of orders with no match, as nltk: 0 → p = 2⁻¹⁰²²
 * (a near-zero score, nltk warns); 1 → (0 + 0.1)/denominator; 2 → (m + 1)/(d + 1) for every order
 * above 1; 3 → 1/(2^k · d) for the k-th zero order; 4 → ln(c)/(5 · 2^k · d) for the k-th zero
 * order when c > 1, else the order is left at 0 and, as in nltk, skipped in the sum.
 * Strings are split on whitespace (no lowercasing or punctuation splitting; pass token arrays to
 * tokenise differently). Errors: INVALID_ARGUMENT (no reference, bad smoothing or weights).
 * Example: bleu('the cat sat on the mat', ['the cat is on the mat', 'there is a cat on the mat'])
 * → 0.2541 (method1).
 */
export function bleu(
  candidate: Text,
  references: readonly Text[],
  options: BleuOptions = {},
): Result<number> {
  const { smoothing = 1, weights = [0.25, 0.25, 0.25, 0.25] } = options;
  if (![0, 1, 2, 3, 4].includes(smoothing)) {
    return err('INVALID_ARGUMENT', `smoothing must be 0, 1, 2, 3 or 4, got ${String(smoothing)}`);
  }
  if (weights.length === 0 || weights.some((w) => !Number.isFinite(w))) {
    return err('INVALID_ARGUMENT', 'weights must be a non-empty list of finite numbers');
  }
  if (references.length === 0) return err('INVALID_ARGUMENT', 'bleu needs at least one reference');
  const cand = toTokens(candidate);
  const refs = references.map(toTokens);
  const maxOrder = weights.length;
  const numerators = new Float64Array(maxOrder);
  const denominators = new Float64Array(maxOrder);
  for (let n = 1; n <= maxOrder; n++) {
    const counts = countNgrams(cand, n);
    const refCounts = refs.map((r) => countNgrams(r, n));
    let clipped = 0;
    let total = 0;
    for (const [gram, count] of counts) {
      let maxRef = 0;
      for (const rc of refCounts) maxRef = Math.max(maxRef, rc.get(gram) ?? 0);
      clipped += Math.min(count, maxRef);
      total += count;
    }
    numerators[n - 1] = clipped;
    denominators[n - 1] = Math.max(1, total);
  }
  if (numerators[0] === 0) return ok(0);

  const c = cand.length;
  let r = refs[0].length;
  for (const ref of refs) {
    const d = Math.abs(ref.length - c);
    const best = Math.abs(r - c);
    if (d < best || (d === best && ref.length < r)) r = ref.length;
  }
  const bp = c > r ? 1 : Math.exp(1 - r / c);

  const p = smooth(numerators, denominators, smoothing, c);
  // nltk sums the weighted logs with math.fsum; a compensated (Neumaier) sum matches it.
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < maxOrder; i++) {
    if (!(p[i] > 0)) continue;
    const term = weights[i] * Math.log(p[i]);
    const t = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
  }
  return ok(bp * Math.exp(sum + compensation));
}

// The smoothed precisions p_n as nltk computes them (numerator / denominator, or a replacement).
function smooth(
  num: Float64Array,
  den: Float64Array,
  method: BleuSmoothing,
  hypLength: number,
): Float64Array {
  const p = new Float64Array(num.length);
  let k = 1;
  for (let i = 0; i < num.length; i++) {
    const zero = num[i] === 0;
    if (method === 2) {
      p[i] = i === 0 ? num[i] / den[i] : (num[i] + 1) / (den[i] + 1);
    } else if (!zero) {
      p[i] = num[i] / den[i];
    } else if (method === 0) {
      p[i] = FLOAT_MIN;
    } else if (method === 1) {
      p[i] = (num[i] + 0.1) / den[i];
    } else if (method === 3) {
      p[i] = 1 / (2 ** k * den[i]);
      k++;
    } else if (hypLength > 1) {
      // method4, nltk's expression: 1 / (2^k · K / ln(c)) / d with K = 5.
      p[i] = 1 / ((2 ** k * 5) / Math.log(hypLength)) / den[i];
      k++;
    }
  }
  return p;
}
