// Thresholds learned from reference chunks: mean ± k·std of a statistic computed on each chunk
// against the rest of the reference (leave-one-out), as NannyML does for its reference period.
import { type ColumnProfile, err, mergeProfiles, ok, type Result } from '@vigil/core';
import type { LearnedBounds } from './types.js';

/**
 * learnedBounds computes mean ± k·std of reference values (population std, ddof = 0).
 * Needs at least 2 finite values (INVALID_ARGUMENT otherwise) and k > 0.
 * Example: values [1, 2, 3], k = 3 → mean 2, std 0.8165, lower −0.4495, upper 4.4495.
 */
export function learnedBounds(values: readonly number[], k: number): Result<LearnedBounds> {
  if (values.length < 2) return err('INVALID_ARGUMENT', 'a learned threshold needs >= 2 values');
  if (!(k > 0 && Number.isFinite(k))) return err('INVALID_ARGUMENT', 'k must be finite and > 0');
  let mean = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) return err('INVALID_ARGUMENT', 'reference values must be finite');
    mean += v;
  }
  mean /= values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  const std = Math.sqrt(ss / values.length);
  return ok({ mean, std, lower: mean - k * std, upper: mean + k * std, values: [...values] });
}

/**
 * leaveOneOutScores scores each reference chunk against the merge of all the other chunks:
 * score_i = scorer(merge(chunks without i), chunks[i]). The merges use prefix and suffix merges,
 * so k chunks cost about 3k merges instead of k². Needs >= 3 chunks (the contracts minimum) of
 * one kind and parameters; merge errors (INCOMPATIBLE_PROFILES) and scorer errors are returned.
 * Example: 10 chunks of one stationary column → 10 small PSI values, whose mean + 3 std is the
 * learned threshold.
 */
export function leaveOneOutScores<P extends ColumnProfile>(
  chunks: readonly P[],
  scorer: (reference: P, current: P) => Result<number>,
): Result<number[]> {
  const k = chunks.length;
  if (k < 3) return err('INVALID_ARGUMENT', `leave-one-out needs >= 3 chunks, got ${k}`);
  const prefix: P[] = [chunks[0]];
  for (let i = 1; i < k; i++) {
    const m = mergeProfiles(prefix[i - 1], chunks[i]);
    if (!m.ok) return m;
    prefix.push(m.value);
  }
  const suffix: P[] = new Array(k);
  suffix[k - 1] = chunks[k - 1];
  for (let i = k - 2; i >= 0; i--) {
    const m = mergeProfiles(chunks[i], suffix[i + 1]);
    if (!m.ok) return m;
    suffix[i] = m.value;
  }
  const scores: number[] = [];
  for (let i = 0; i < k; i++) {
    let rest: P;
    if (i === 0) rest = suffix[1];
    else if (i === k - 1) rest = prefix[k - 2];
    else {
      const m = mergeProfiles(prefix[i - 1], suffix[i + 1]);
      if (!m.ok) return m;
      rest = m.value;
    }
    const s = scorer(rest, chunks[i]);
    if (!s.ok) return s;
    if (!Number.isFinite(s.value)) return err('NOT_COMPUTABLE', `chunk ${i}: score not finite`);
    scores.push(s.value);
  }
  return ok(scores);
}
