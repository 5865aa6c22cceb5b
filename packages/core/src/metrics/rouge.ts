import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import { countNgrams, wordTokens } from './text-tokenize.js';

/** RougeScore is ROUGE's precision (against the candidate), recall (against the reference) and F1. */
export interface RougeScore {
  readonly precision: number;
  readonly recall: number;
  readonly fmeasure: number;
}

/** RougeOptions selects the variant: n-gram order n (1 = ROUGE-1, 2 = ROUGE-2, …) or 'L'. */
export interface RougeOptions {
  /** n: n-gram order ≥ 1 for ROUGE-N, or 'L' for longest common subsequence. Default 'L'. */
  readonly n?: number | 'L';
}

/**
 * rouge scores a candidate text against a reference with the definitions of Google's
 * rouge-score package (no stemming, single reference).
 *
 * Tokens: lowercase, then maximal runs of Unicode letters and digits (identical to rouge-score's
 * tokenizer on ASCII; rouge-score would drop non-ASCII letters, we keep them). ROUGE-N: overlap =
 * Σ_g min(count_cand(g), count_ref(g)) over n-grams; precision = overlap / max(#cand n-grams, 1),
 * recall = overlap / max(#ref n-grams, 1). ROUGE-L: with LCS the longest common subsequence of
 * the token lists, precision = LCS/|cand|, recall = LCS/|ref|, all 0 when either is empty.
 * F1 = 2PR/(P + R), 0 when P + R = 0. Errors: INVALID_ARGUMENT for n not a positive integer or 'L'.
 * Example: rouge('the cat sat on the mat', 'the cat is on the mat', { n: 1 }) →
 * { precision: 5/6, recall: 5/6, fmeasure: 5/6 }.
 */
export function rouge(
  candidate: string,
  reference: string,
  options: RougeOptions = {},
): Result<RougeScore> {
  const { n = 'L' } = options;
  if (n !== 'L' && !(Number.isInteger(n) && n >= 1)) {
    return err('INVALID_ARGUMENT', `n must be a positive integer or 'L', got ${String(n)}`);
  }
  const cand = wordTokens(candidate);
  const ref = wordTokens(reference);
  let precision: number;
  let recall: number;
  if (n === 'L') {
    if (cand.length === 0 || ref.length === 0) return ok({ precision: 0, recall: 0, fmeasure: 0 });
    const lcs = lcsLength(cand, ref);
    precision = lcs / cand.length;
    recall = lcs / ref.length;
  } else {
    const c = countNgrams(cand, n);
    const r = countNgrams(ref, n);
    let overlap = 0;
    for (const [gram, count] of c) overlap += Math.min(count, r.get(gram) ?? 0);
    precision = overlap / Math.max(cand.length - n + 1, 1);
    recall = overlap / Math.max(ref.length - n + 1, 1);
  }
  const fmeasure = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return ok({ precision, recall, fmeasure });
}

// Longest common subsequence length by dynamic programming over one row, O(|a|·|b|).
function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Int32Array(b.length + 1);
  for (let i = 0; i < a.length; i++) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = a[i] === b[j - 1] ? diagonal + 1 : Math.max(above, row[j - 1]);
      diagonal = above;
    }
  }
  return row[b.length];
}
