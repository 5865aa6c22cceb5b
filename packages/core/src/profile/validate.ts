// Rebuilding a profile from decoded parts (JSON or bytes) with every invariant checked, so a
// stored profile that loads is as good as one built from rows.

import { err, ok, type Result } from '../result.js';
import { createCategoricalProfile } from './categorical.js';
import { emptyStore, storeTotal } from './dd-sketch.js';
import { createHistogram, validateEdges } from './histogram.js';
import { HLL_Q } from './hll.js';
import { createNumericProfile } from './numeric.js';
import type { BucketStore, CategoricalProfile, ColumnProfile, NumericProfile } from './types.js';

/** NumericParts is a numerical profile as decoded, before validation. */
export interface NumericParts {
  readonly kind: 'numeric';
  readonly count: number;
  readonly missing: number;
  readonly min: number;
  readonly max: number;
  readonly centeredMean: number;
  readonly m2: number;
  readonly histogram: {
    readonly edges: ArrayLike<number>;
    readonly counts: ArrayLike<number>;
    readonly underflow: number;
    readonly overflow: number;
  } | null;
  readonly alpha: number;
  readonly center: number;
  readonly maxBuckets: number;
  readonly zero: number;
  readonly positive: { readonly offset: number; readonly counts: ArrayLike<number> };
  readonly negative: { readonly offset: number; readonly counts: ArrayLike<number> };
  readonly hllPrecision: number;
  readonly registers: Uint8Array;
}

/** CategoricalParts is a categorical profile as decoded, before validation. */
export interface CategoricalParts {
  readonly kind: 'categorical';
  readonly count: number;
  readonly missing: number;
  readonly capacity: number;
  readonly items: ReadonlyArray<readonly [string, number]>;
  readonly hllPrecision: number;
  readonly registers: Uint8Array;
}

const bad = (message: string) => err('INVALID_ARGUMENT', `invalid profile: ${message}`);

function isCount(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0;
}

function countsOk(c: ArrayLike<number>): boolean {
  for (let i = 0; i < c.length; i++) if (!isCount(c[i])) return false;
  return true;
}

function toStore(
  s: { readonly offset: number; readonly counts: ArrayLike<number> },
  maxBuckets: number,
): Result<BucketStore> {
  if (s.counts.length === 0) return ok(emptyStore());
  if (!Number.isInteger(s.offset) || Math.abs(s.offset) > 2 ** 30) return bad('sketch offset');
  if (s.counts.length > maxBuckets) return bad('sketch store wider than maxBuckets');
  if (!countsOk(s.counts)) return bad('sketch counts must be non-negative integers');
  // Canonical form: trimmed, so that equal sketches serialise identically.
  if (s.counts[0] === 0 || s.counts[s.counts.length - 1] === 0)
    return bad('sketch store not trimmed');
  return ok({ offset: s.offset, counts: Float64Array.from(s.counts) });
}

function registersOk(p: number, registers: Uint8Array): boolean {
  if (registers.length !== 1 << p) return false;
  for (let i = 0; i < registers.length; i++) if (registers[i] > HLL_Q + 1) return false;
  return true;
}

function numericFromParts(x: NumericParts): Result<NumericProfile> {
  const created = createNumericProfile({
    sketchAccuracy: x.alpha,
    sketchCenter: x.center,
    sketchMaxBuckets: x.maxBuckets,
    hllPrecision: x.hllPrecision,
  });
  if (!created.ok) return bad(created.error.message);
  const p = created.value;
  if (!isCount(x.count) || !isCount(x.missing))
    return bad('count and missing must be integers >= 0');
  if (x.count === 0) {
    if (x.centeredMean !== 0 || x.m2 !== 0)
      return bad('an empty profile has centeredMean 0 and m2 0');
  } else {
    if (!Number.isFinite(x.min) || !Number.isFinite(x.max) || x.min > x.max) return bad('min/max');
    if (!Number.isFinite(x.centeredMean) || !(x.m2 >= 0) || !Number.isFinite(x.m2))
      return bad('mean/m2');
    p.min = x.min + 0;
    p.max = x.max + 0;
  }
  p.count = x.count;
  p.missing = x.missing;
  p.centeredMean = x.centeredMean + 0;
  p.m2 = x.m2 + 0;
  if (x.histogram !== null) {
    const edges = validateEdges(x.histogram.edges);
    if (!edges.ok) return bad(edges.error.message);
    const h = createHistogram(edges.value);
    const c = x.histogram.counts;
    if (c.length !== h.counts.length || !countsOk(c)) return bad('histogram counts');
    if (!isCount(x.histogram.underflow) || !isCount(x.histogram.overflow))
      return bad('under/overflow');
    let total = x.histogram.underflow + x.histogram.overflow;
    for (let i = 0; i < c.length; i++) total += c[i];
    if (total !== x.count) return bad(`histogram holds ${total} values, count is ${x.count}`);
    h.counts.set(c);
    h.underflow = x.histogram.underflow;
    h.overflow = x.histogram.overflow;
    p.histogram = h;
  }
  const pos = toStore(x.positive, x.maxBuckets);
  if (!pos.ok) return pos;
  const neg = toStore(x.negative, x.maxBuckets);
  if (!neg.ok) return neg;
  if (!isCount(x.zero)) return bad('sketch zero count');
  const sketchTotal = x.zero + storeTotal(pos.value) + storeTotal(neg.value);
  if (sketchTotal !== x.count)
    return bad(`sketch holds ${sketchTotal} values, count is ${x.count}`);
  p.sketch.zero = x.zero;
  p.sketch.positive = pos.value;
  p.sketch.negative = neg.value;
  if (!registersOk(x.hllPrecision, x.registers)) return bad('hll registers');
  p.hll.registers.set(x.registers);
  return ok(p);
}

function categoricalFromParts(x: CategoricalParts): Result<CategoricalProfile> {
  const created = createCategoricalProfile({ capacity: x.capacity, hllPrecision: x.hllPrecision });
  if (!created.ok) return bad(created.error.message);
  const p = created.value;
  if (!isCount(x.count) || !isCount(x.missing))
    return bad('count and missing must be integers >= 0');
  p.count = x.count;
  p.missing = x.missing;
  if (x.items.length > x.capacity) return bad('more items than capacity');
  let tracked = 0;
  for (const [key, c] of x.items) {
    if (typeof key !== 'string' || key === '') return bad('item keys must be non-empty strings');
    if (!isCount(c) || c === 0) return bad(`item count for '${key}'`);
    if (p.items.counts.has(key)) return bad(`duplicate item '${key}'`);
    p.items.counts.set(key, c);
    tracked += c;
  }
  if (tracked > x.count) return bad('item counts exceed count');
  if (!registersOk(x.hllPrecision, x.registers)) return bad('hll registers');
  p.hll.registers.set(x.registers);
  return ok(p);
}

/** profileFromParts validates decoded parts and builds the profile (INVALID_ARGUMENT on error). */
export function profileFromParts(x: NumericParts | CategoricalParts): Result<ColumnProfile> {
  return x.kind === 'numeric' ? numericFromParts(x) : categoricalFromParts(x);
}
