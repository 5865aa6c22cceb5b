import { codePoints } from './text-tokenize.js';

/**
 * levenshtein is the edit distance between two strings: the fewest single-character insertions,
 * deletions and substitutions (each cost 1) turning `a` into `b`, nltk's `edit_distance`.
 *
 * Characters are Unicode code points, so an emoji counts once. O(|a|·|b|) time after stripping
 * the common prefix and suffix, O(min(|a|, |b|)) memory.
 * Example: levenshtein('kitten', 'sitting') → 3.
 */
export function levenshtein(a: string, b: string): number {
  let x = codePoints(a);
  let y = codePoints(b);
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let endX = x.length;
  let endY = y.length;
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) {
    endX--;
    endY--;
  }
  x = x.subarray(start, endX);
  y = y.subarray(start, endY);
  if (x.length < y.length) [x, y] = [y, x];
  if (y.length === 0) return x.length;
  // One row of the DP table over the shorter string.
  const row = new Int32Array(y.length + 1);
  for (let j = 0; j <= y.length; j++) row[j] = j;
  for (let i = 1; i <= x.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      const above = row[j];
      const substitute = diagonal + (xi === y[j - 1] ? 0 : 1);
      const best = Math.min(above + 1, row[j - 1] + 1, substitute);
      diagonal = above;
      row[j] = best;
    }
  }
  return row[y.length];
}

/**
 * levenshteinSimilarity is 1 − levenshtein(a, b) / max(|a|, |b|) in code points, in [0, 1];
 * two empty strings are identical (1).
 *
 * Example: levenshteinSimilarity('kitten', 'sitting') → 1 − 3/7 = 0.5714.
 */
export function levenshteinSimilarity(a: string, b: string): number {
  const longest = Math.max(codePoints(a).length, codePoints(b).length);
  return longest === 0 ? 1 : 1 - levenshtein(a, b) / longest;
}
