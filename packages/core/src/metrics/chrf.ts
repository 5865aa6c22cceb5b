import type { Result } from '../result.js';
import { err, ok } from '../result.js';

/** ChrfOptions configures chrf; defaults are sacrebleu's chrF (β = 2, orders 1–6). */
export interface ChrfOptions {
  /** beta: recall is weighted β times as much as precision. Default 2 (nltk's default is 3). */
  readonly beta?: number;
  /** minOrder: smallest character n-gram order. Default 1. */
  readonly minOrder?: number;
  /** maxOrder: largest character n-gram order. Default 6. */
  readonly maxOrder?: number;
  /** ignoreWhitespace: delete all whitespace before counting. Default true. */
  readonly ignoreWhitespace?: boolean;
}

// nltk's value for an undefined per-order F-score (empty side or no match).
const UNDEFINED_F = 1e-16;
const WHITESPACE = /\s+/gu;

/**
 * chrf is the character n-gram F-score (Popović 2015) of a candidate against one reference,
 * with the conventions of nltk 3.8's `sentence_chrf`.
 *
 * Token arrays are joined with spaces; whitespace is then removed (unless `ignoreWhitespace` is
 * false). For each order n, with matches = Σ_g min(count_cand(g), count_ref(g)) over character
 * n-grams (code points), P = matches/#cand n-grams, R = matches/#ref n-grams and
 * F_n = (1 + β²)·P·R / (β²·P + R); chrF is the mean of F_n over the orders. As nltk, an order
 * whose F is undefined (either side shorter than n, or no match) scores 1e-16, not 0.
 * Deviation from sacrebleu: sacrebleu averages P and R over orders before one F, and handles
 * short sentences differently; the default β is 2 here and in sacrebleu, 3 in nltk.
 * Errors: INVALID_ARGUMENT for β < 0 or orders that are not integers 1 ≤ min ≤ max.
 * Example: chrf('the cat sat on the mat', 'the cat is on the mat') → 0.6458.
 */
export function chrf(
  candidate: string | readonly string[],
  reference: string | readonly string[],
  options: ChrfOptions = {},
): Result<number> {
  const { beta = 2, minOrder = 1, maxOrder = 6, ignoreWhitespace = true } = options;
  if (!(beta >= 0 && Number.isFinite(beta))) {
    return err('INVALID_ARGUMENT', `beta must be a finite number >= 0, got ${beta}`);
  }
  if (
    !Number.isInteger(minOrder) ||
    !Number.isInteger(maxOrder) ||
    minOrder < 1 ||
    maxOrder < minOrder
  ) {
    return err(
      'INVALID_ARGUMENT',
      `need integer orders 1 <= minOrder <= maxOrder, got ${minOrder}..${maxOrder}`,
    );
  }
  const cand = prepare(candidate, ignoreWhitespace);
  const ref = prepare(reference, ignoreWhitespace);
  const factor = beta * beta;
  let total = 0;
  for (let n = minOrder; n <= maxOrder; n++) {
    const c = charNgrams(cand, n);
    const r = charNgrams(ref, n);
    let matches = 0;
    for (const [gram, count] of c.counts) matches += Math.min(count, r.counts.get(gram) ?? 0);
    const precision = matches / c.total;
    const recall = matches / r.total;
    const denom = factor * precision + recall;
    // nltk catches ZeroDivisionError: an empty side (0/0 → here NaN) or a zero denominator.
    total +=
      c.total === 0 || r.total === 0 || denom === 0
        ? UNDEFINED_F
        : ((1 + factor) * (precision * recall)) / denom;
  }
  return ok(total / (maxOrder - minOrder + 1));
}

function prepare(text: string | readonly string[], ignoreWhitespace: boolean): string {
  const joined = typeof text === 'string' ? text : text.join(' ');
  return ignoreWhitespace ? joined.replace(WHITESPACE, '') : joined;
}

// Character n-grams over code points, keyed by the substring itself.
function charNgrams(text: string, n: number): { counts: Map<string, number>; total: number } {
  const starts: number[] = [];
  for (let i = 0; i < text.length; i++) {
    starts.push(i);
    const cp = text.codePointAt(i) ?? 0;
    if (cp > 0xffff) i++;
  }
  starts.push(text.length);
  const counts = new Map<string, number>();
  const total = Math.max(starts.length - 1 - n + 1, 0);
  for (let i = 0; i < total; i++) {
    const gram = text.slice(starts[i], starts[i + n]);
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return { counts, total };
}
