// Tokenisers shared by the text metrics. Internal: the public functions document which one they use.

const WORD = /[\p{L}\p{N}]+/gu;
const SPACE = /\s+/u;

/**
 * wordTokens lowercases `text` and returns its maximal runs of Unicode letters and digits.
 *
 * For ASCII text this is exactly rouge-score's default tokenizer (lowercase, every character
 * outside [a-z0-9] separates tokens); unlike it, non-ASCII letters are kept (rouge-score drops
 * them, which erases accented and non-Latin words). Example: "Q3 revenue: +12%!" → [q3, revenue, 12].
 */
export function wordTokens(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** whitespaceTokens splits on runs of whitespace and drops empty ends, like Python's str.split(). */
export function whitespaceTokens(text: string): string[] {
  const trimmed = text.trim();
  return trimmed === '' ? [] : trimmed.split(SPACE);
}

/** codePoints returns the Unicode code points of `text` (astral characters count once). */
export function codePoints(text: string): Int32Array {
  const out = new Int32Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i) ?? 0;
    out[n++] = cp;
    if (cp > 0xffff) i++;
  }
  return out.subarray(0, n);
}

/** countNgrams counts the n-grams of a token sequence, keyed by the tokens joined with U+0000. */
export function countNgrams(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = n === 1 ? tokens[i] : tokens.slice(i, i + n).join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
