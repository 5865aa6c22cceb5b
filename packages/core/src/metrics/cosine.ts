import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import { checkPair } from './labels.js';

// Below this squared norm the sums of squares lose digits to subnormals; above 2^1000 they may
// overflow. Either way the vectors are rescaled by a power of two (exact) and summed again.
const TINY = 2 ** -900;
const HUGE = 2 ** 1000;

/**
 * cosineSimilarity is a·b / (‖a‖·‖b‖) for two vectors of the same length, in [−1, 1].
 *
 * Vectors with entries beyond about 1e±150 are rescaled by an exact power of two first, so
 * the result stays accurate where the naive formula overflows (numpy returns NaN for 1e160).
 * The result is clamped to [−1, 1] against rounding. Errors: LENGTH_MISMATCH, EMPTY_SAMPLE,
 * INVALID_ARGUMENT (a non-finite entry), NOT_COMPUTABLE (a zero vector: the angle is undefined).
 * Example: cosineSimilarity([1, 0], [1, 1]) → 0.7071.
 */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): Result<number> {
  const bad = checkPair(a, b, 'a and b');
  if (bad) return bad;
  let maxA = 0;
  let maxB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (!Number.isFinite(x)) return err('INVALID_ARGUMENT', `a[${i}] is not finite`);
    if (!Number.isFinite(y)) return err('INVALID_ARGUMENT', `b[${i}] is not finite`);
    maxA = Math.max(maxA, Math.abs(x));
    maxB = Math.max(maxB, Math.abs(y));
  }
  if (maxA === 0 || maxB === 0)
    return err('NOT_COMPUTABLE', 'cosine similarity of a zero vector is undefined');
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  if (!(aa > TINY && aa < HUGE && bb > TINY && bb < HUGE)) {
    const [a1, a2] = powerOfTwoScale(maxA);
    const [b1, b2] = powerOfTwoScale(maxB);
    dot = 0;
    aa = 0;
    bb = 0;
    for (let i = 0; i < a.length; i++) {
      const x = a[i] * a1 * a2;
      const y = b[i] * b1 * b2;
      dot += x * y;
      aa += x * x;
      bb += y * y;
    }
  }
  const value = dot / (Math.sqrt(aa) * Math.sqrt(bb));
  return ok(Math.min(1, Math.max(-1, value)));
}

// Two powers of two whose product maps `max` into [1, 2); split because 2^1074 alone overflows.
function powerOfTwoScale(max: number): [number, number] {
  const e = -Math.floor(Math.log2(max));
  const half = Math.trunc(e / 2);
  return [2 ** half, 2 ** (e - half)];
}
