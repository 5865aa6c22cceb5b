// Fixed-edge histogram: the bins never move, so partial histograms merge by adding counts.

import { err, ok, type Result } from '../result.js';
import type { FixedHistogram } from './types.js';

/** MAX_HISTOGRAM_EDGES bounds the edge count (a profile is meant to stay a few kilobytes). */
export const MAX_HISTOGRAM_EDGES = 65_537;

/** validateEdges checks that edges are finite, strictly increasing and at least two. */
export function validateEdges(edges: ArrayLike<number>): Result<Float64Array> {
  if (edges.length < 2 || edges.length > MAX_HISTOGRAM_EDGES) {
    return err(
      'INVALID_ARGUMENT',
      `histogram needs 2..${MAX_HISTOGRAM_EDGES} edges, got ${edges.length}`,
    );
  }
  const out = Float64Array.from(edges);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i])) return err('INVALID_ARGUMENT', `edge ${i} is not finite`);
    if (i > 0 && !(out[i] > out[i - 1])) {
      return err('INVALID_ARGUMENT', `edges must be strictly increasing (edge ${i})`);
    }
  }
  return ok(out);
}

/** createHistogram makes an empty histogram on validated edges (the array is kept, not copied). */
export function createHistogram(edges: Float64Array): FixedHistogram {
  return { edges, counts: new Float64Array(edges.length - 1), underflow: 0, overflow: 0 };
}

/** isUniform tells whether the edges are equal-width (to 1e-9 relative), enabling O(1) lookup. */
function isUniform(edges: Float64Array): boolean {
  const nb = edges.length - 1;
  const w = (edges[nb] - edges[0]) / nb;
  for (let i = 0; i < nb; i++) {
    if (Math.abs(edges[i + 1] - edges[i] - w) > 1e-9 * w) return false;
  }
  return true;
}

/**
 * histogramAddValues counts the finite values of `values` (NaN/±Infinity skipped).
 *
 * Bin search follows numpy.histogram: equal-width edges get a computed guess corrected against
 * the stored edges (so float rounding never misplaces a value), other edges a binary search.
 */
export function histogramAddValues(h: FixedHistogram, values: Float64Array): void {
  const e = h.edges;
  const c = h.counts;
  const nb = c.length;
  const lo = e[0];
  const hi = e[nb];
  let under = 0;
  let over = 0;
  if (isUniform(e)) {
    const scale = nb / (hi - lo);
    for (let i = 0; i < values.length; i++) {
      const x = values[i];
      if (x - x !== 0) continue;
      if (x < lo) under++;
      else if (x > hi) over++;
      else {
        let b = Math.floor((x - lo) * scale);
        if (b >= nb) b = nb - 1;
        while (b > 0 && x < e[b]) b--;
        while (b < nb - 1 && x >= e[b + 1]) b++;
        c[b]++;
      }
    }
  } else {
    for (let i = 0; i < values.length; i++) {
      const x = values[i];
      if (x - x !== 0) continue;
      if (x < lo) under++;
      else if (x > hi) over++;
      else {
        // Largest b in [0, nb-1] with e[b] <= x.
        let l = 0;
        let r = nb - 1;
        while (l < r) {
          const m = (l + r + 1) >>> 1;
          if (e[m] <= x) l = m;
          else r = m - 1;
        }
        c[l]++;
      }
    }
  }
  h.underflow += under;
  h.overflow += over;
}

/** sameEdges tells whether two histograms (or their absence) share bit-identical edges. */
export function sameEdges(a: FixedHistogram | null, b: FixedHistogram | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.edges.length !== b.edges.length) return false;
  for (let i = 0; i < a.edges.length; i++) if (!Object.is(a.edges[i], b.edges[i])) return false;
  return true;
}

/** cloneHistogram copies counts (edges are shared: they are never mutated). */
export function cloneHistogram(h: FixedHistogram | null): FixedHistogram | null {
  if (h === null) return null;
  return { edges: h.edges, counts: h.counts.slice(), underflow: h.underflow, overflow: h.overflow };
}

/** histogramMergeInto adds `source`'s counts into `target` (same edges, checked by the caller). */
export function histogramMergeInto(target: FixedHistogram, source: FixedHistogram): void {
  for (let i = 0; i < target.counts.length; i++) target.counts[i] += source.counts[i];
  target.underflow += source.underflow;
  target.overflow += source.overflow;
}
