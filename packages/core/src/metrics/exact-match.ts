import type { Result } from '../result.js';
import { ok } from '../result.js';
import { checkPair } from './labels.js';

/** ExactMatchOptions relaxes exactMatch; every normalisation is off by default. */
export interface ExactMatchOptions {
  /** trim: ignore leading and trailing whitespace. Default false. */
  readonly trim?: boolean;
  /** collapseWhitespace: treat every run of whitespace as one space. Default false. */
  readonly collapseWhitespace?: boolean;
  /** ignoreCase: compare lowercased strings (Unicode toLowerCase). Default false. */
  readonly ignoreCase?: boolean;
}

/**
 * exactMatch is the share of candidates equal to their reference, position by position.
 *
 * With the default options strings must be identical (same code units, no Unicode
 * normalisation). Errors: LENGTH_MISMATCH, EMPTY_SAMPLE.
 * Example: exactMatch(['Paris', 'london '], ['Paris', 'London'], { trim: true, ignoreCase: true }) → 1.
 */
export function exactMatch(
  candidates: readonly string[],
  references: readonly string[],
  options: ExactMatchOptions = {},
): Result<number> {
  const bad = checkPair(candidates, references, 'candidates and references');
  if (bad) return bad;
  let hits = 0;
  for (let i = 0; i < candidates.length; i++) {
    if (normalise(candidates[i], options) === normalise(references[i], options)) hits++;
  }
  return ok(hits / candidates.length);
}

function normalise(
  text: string,
  { trim, collapseWhitespace, ignoreCase }: ExactMatchOptions,
): string {
  let t = text;
  if (collapseWhitespace) t = t.replace(/\s+/gu, ' ');
  if (trim) t = t.trim();
  if (ignoreCase) t = t.toLowerCase();
  return t;
}
