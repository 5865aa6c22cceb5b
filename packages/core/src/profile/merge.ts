// Merging partial profiles: every part is exactly mergeable (counts add, min/max, Chan moments,
// canonical sketches, HLL register max); frequent items use the Misra-Gries merge.

import { err, ok, type Result } from '../result.js';
import { createSketch, sketchMergeInto } from './dd-sketch.js';
import { frequentItemsAdd } from './frequent-items.js';
import { cloneHistogram, histogramMergeInto, sameEdges } from './histogram.js';
import { type Hll, hllMergeInto } from './hll.js';
import { combineMoments } from './numeric.js';
import type { CategoricalProfile, ColumnProfile, NumericProfile } from './types.js';

/**
 * checkCompatible tells whether two profiles were created with the same parameters (kind,
 * histogram edges bit for bit, sketch α/center/maxBuckets, HLL precision, item capacity).
 * Returns err('INCOMPATIBLE_PROFILES') naming the first difference.
 */
export function checkCompatible(a: ColumnProfile, b: ColumnProfile): Result<true> {
  const bad = (what: string) => err('INCOMPATIBLE_PROFILES', `profiles differ in ${what}`);
  if (a.kind !== b.kind) return bad(`kind (${a.kind} vs ${b.kind})`);
  if (a.hll.p !== b.hll.p) return bad(`hllPrecision (${a.hll.p} vs ${b.hll.p})`);
  if (a.kind === 'numeric' && b.kind === 'numeric') {
    if (!sameEdges(a.histogram, b.histogram)) return bad('histogram edges');
    const s = a.sketch;
    const t = b.sketch;
    if (s.alpha !== t.alpha) return bad(`sketchAccuracy (${s.alpha} vs ${t.alpha})`);
    if (s.center !== t.center) return bad(`sketchCenter (${s.center} vs ${t.center})`);
    if (s.maxBuckets !== t.maxBuckets) return bad('sketchMaxBuckets');
  }
  if (a.kind === 'categorical' && b.kind === 'categorical') {
    if (a.items.capacity !== b.items.capacity) return bad('capacity');
  }
  return ok(true);
}

function cloneHll(h: Hll): Hll {
  return { p: h.p, registers: h.registers.slice() };
}

/** cloneProfile returns an independent copy (updating one never changes the other). */
export function cloneProfile<P extends ColumnProfile>(p: P): P {
  if (p.kind === 'numeric') {
    const s = p.sketch;
    const sketch = createSketch(s.alpha, s.center, s.maxBuckets);
    // Bucket stores are replaced, never mutated, so sharing them is safe.
    sketch.zero = s.zero;
    sketch.positive = s.positive;
    sketch.negative = s.negative;
    const copy: NumericProfile = { ...p, histogram: cloneHistogram(p.histogram), sketch };
    copy.hll = cloneHll(p.hll);
    return copy as P;
  }
  const items = { capacity: p.items.capacity, counts: new Map(p.items.counts) };
  const copy: CategoricalProfile = { ...p, items, hll: cloneHll(p.hll) };
  return copy as P;
}

/** mergeInto folds `source` into `target` in place; compatibility is checked by the caller. */
function mergeInto(target: ColumnProfile, source: ColumnProfile): void {
  hllMergeInto(target.hll, source.hll);
  target.missing += source.missing;
  if (target.kind === 'numeric' && source.kind === 'numeric') {
    if (source.min < target.min) target.min = source.min;
    if (source.max > target.max) target.max = source.max;
    combineMoments(target, source.count, source.centeredMean, source.m2);
    if (target.histogram !== null && source.histogram !== null) {
      histogramMergeInto(target.histogram, source.histogram);
    }
    sketchMergeInto(target.sketch, source.sketch);
  } else if (target.kind === 'categorical' && source.kind === 'categorical') {
    target.count += source.count;
    frequentItemsAdd(target.items, source.items.counts);
  }
}

/**
 * mergeProfiles returns the profile of the union of both profiles' rows; inputs are unchanged.
 *
 * Exact for count, missing, min, max, histogram, sketch and HLL (bit-identical whatever the
 * order); mean and M2 by Chan's formula (equal to one pass up to rounding, ~1e-15 relative);
 * frequent items exact while distinct values stay within capacity, else the Misra-Gries bound.
 * Errors: INCOMPATIBLE_PROFILES when kinds or parameters differ.
 */
export function mergeProfiles<P extends ColumnProfile>(a: P, b: P): Result<P> {
  const c = checkCompatible(a, b);
  if (!c.ok) return c;
  const out = cloneProfile(a);
  mergeInto(out, b);
  return ok(out);
}

/**
 * mergeAllProfiles merges a list left to right into one new profile (inputs unchanged), cloning
 * only once. Errors: INVALID_ARGUMENT for an empty list, INCOMPATIBLE_PROFILES as mergeProfiles.
 */
export function mergeAllProfiles<P extends ColumnProfile>(profiles: readonly P[]): Result<P> {
  if (profiles.length === 0) return err('INVALID_ARGUMENT', 'no profiles to merge');
  for (let i = 1; i < profiles.length; i++) {
    const c = checkCompatible(profiles[0], profiles[i]);
    if (!c.ok) return err(c.error.code, `profile ${i}: ${c.error.message}`);
  }
  const out = cloneProfile(profiles[0]);
  for (let i = 1; i < profiles.length; i++) mergeInto(out, profiles[i]);
  return ok(out);
}
