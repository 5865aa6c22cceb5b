import type { StreamingDetector } from './types.js';

/**
 * detectAll feeds every value of `series` to `detector`, in order, and returns the indices at
 * which it reported a change.
 *
 * The detector keeps its state afterwards, so a later call continues the same stream. Indices
 * are positions in `series` (skipped non-finite values keep their position).
 * Example: detectAll(createPageHinkley(), [...Array(100).fill(0), ...Array(100).fill(10)]) → [105].
 */
export function detectAll(detector: StreamingDetector, series: ArrayLike<number>): number[] {
  const found: number[] = [];
  for (let i = 0; i < series.length; i++) {
    if (detector.update(series[i])) found.push(i);
  }
  return found;
}
