import { sortFinite } from './sort.js';
import type { CategoryCounts, NumericSample, PreparedPair } from './types.js';

/**
 * finiteSample keeps the finite values of `values` and counts what it dropped. Without missing
 * values the caller's array is used as is (not owned: `sortedValues` copies before sorting), else
 * the finite values are copied into a new array. Example: [1, NaN, Infinity, 2] → [1, 2], dropped 2.
 */
export function finiteSample(values: Float64Array): { sample: NumericSample; dropped: number } {
  const n = values.length;
  let finite = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(values[i])) finite++;
  if (finite === n) return { sample: { values, sorted: false, owned: false }, dropped: 0 };
  const out = new Float64Array(finite);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Number.isFinite(v)) out[k++] = v;
  }
  return { sample: { values: out, sorted: false, owned: true }, dropped: n - finite };
}

/**
 * sortedValues sorts a sample (`sortFinite`) once and returns it, copying first a caller's array
 * so that the caller never sees its data reordered.
 */
export function sortedValues(sample: NumericSample): Float64Array {
  if (!sample.sorted) {
    if (!sample.owned) {
      sample.values = sample.values.slice();
      sample.owned = true;
    }
    sortFinite(sample.values);
    sample.sorted = true;
  }
  return sample.values;
}

/**
 * scanDistinct continues a distinct-value scan: `seen[0..known)` holds the distinct values found
 * so far; values of `values` not yet seen are appended. Returns the new count, or `limit + 1` as
 * soon as it would exceed `limit`. A linear scan over at most `limit` seen values: O(n · limit)
 * without sorting or hashing, cheap for the small limits of the method defaults (5, 20).
 */
function scanDistinct(
  values: Float64Array,
  limit: number,
  seen: Float64Array,
  known: number,
): number {
  let k = known;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let found = false;
    for (let j = 0; j < k; j++) {
      if (seen[j] === v) {
        found = true;
        break;
      }
    }
    if (!found) {
      if (k === limit) return limit + 1;
      seen[k++] = v;
    }
  }
  return k;
}

/**
 * countDistinctUpTo counts the distinct values of `values`, stopping early: the answer is exact up
 * to `limit`, and `limit + 1` means "more than limit". Example: ([1, 1, 2, 3], 5) → 3.
 */
export function countDistinctUpTo(values: Float64Array, limit: number): number {
  return scanDistinct(values, limit, new Float64Array(limit), 0);
}

/** distinctOverBoth counts distinct values over both samples of a pair, exact up to `limit`. */
export function distinctOverBoth(pair: PreparedPair, limit: number): number {
  if (pair.kind === 'categorical') return Math.min(pair.counts.keys.length, limit + 1);
  const seen = new Float64Array(limit);
  const k = scanDistinct(pair.reference.values, limit, seen, 0);
  return k > limit ? k : scanDistinct(pair.current.values, limit, seen, k);
}

/**
 * numericCounts reduces two numerical samples to one count per distinct value of their union,
 * keys in ascending numeric order (a merge walk over the sorted samples).
 * Example: [1, 1, 2] and [2, 3] → keys ['1', '2', '3'], reference [2, 1, 0], current [0, 1, 1].
 */
export function numericCounts(reference: NumericSample, current: NumericSample): CategoryCounts {
  const a = sortedValues(reference);
  const b = sortedValues(current);
  const n = a.length;
  const m = b.length;
  const values: number[] = [];
  const refCounts: number[] = [];
  const curCounts: number[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    const v = j >= m || (i < n && a[i] <= b[j]) ? a[i] : b[j];
    let ci = 0;
    let cj = 0;
    while (i < n && a[i] === v) {
      i++;
      ci++;
    }
    while (j < m && b[j] === v) {
      j++;
      cj++;
    }
    values.push(v);
    refCounts.push(ci);
    curCounts.push(cj);
  }
  return {
    keys: values.map(String),
    reference: Float64Array.from(refCounts),
    current: Float64Array.from(curCounts),
    referenceTotal: n,
    currentTotal: m,
    ordered: true,
  };
}

/** compareCodePoints orders strings by Unicode code points, as Python's `sorted` does. */
export function compareCodePoints(x: string, y: string): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const a = x.charCodeAt(i);
    const b = y.charCodeAt(i);
    if (a === b) continue;
    // Surrogates (0xD800-0xDFFF) encode code points above 0xFFFF: they sort after the BMP.
    const sa = a >= 0xd800 && a <= 0xdfff;
    const sb = b >= 0xd800 && b <= 0xdfff;
    if (sa !== sb) return sa ? 1 : -1;
    return a - b;
  }
  return x.length - y.length;
}

/**
 * stringCounts reduces two categorical samples to counts per label, dropping `null` and `''`.
 * Keys are in first-seen order (reference first): sorting a million distinct labels would cost
 * more than the test, so the few callers that need an order (`firstKeyIndex`, plotted bins) sort
 * or scan themselves. Returns the dropped counts too.
 */
export function stringCounts(
  reference: ReadonlyArray<string | null>,
  current: ReadonlyArray<string | null>,
): { counts: CategoryCounts; droppedReference: number; droppedCurrent: number } {
  const index = new Map<string, number>();
  const refList: number[] = [];
  const curList: number[] = [];
  const tally = (values: ReadonlyArray<string | null>, into: number[], other: number[]): number => {
    let kept = 0;
    for (let i = 0; i < values.length; i++) {
      const raw = values[i];
      if (raw === null || raw === undefined || raw === '') continue;
      // JavaScript callers may hand over numbers or booleans: label them by their string form.
      const v = typeof raw === 'string' ? raw : String(raw);
      kept++;
      let code = index.get(v);
      if (code === undefined) {
        code = index.size;
        index.set(v, code);
        into.push(0);
        other.push(0);
      }
      into[code]++;
    }
    return kept;
  };
  const nRef = tally(reference, refList, curList);
  const nCur = tally(current, curList, refList);
  return {
    counts: {
      keys: [...index.keys()],
      reference: Float64Array.from(refList),
      current: Float64Array.from(curList),
      referenceTotal: nRef,
      currentTotal: nCur,
      ordered: false,
    },
    droppedReference: reference.length - nRef,
    droppedCurrent: current.length - nCur,
  };
}

/**
 * firstKeyIndex returns the index of the smallest key: numbers in numeric order (keys already
 * ascending), labels by code point as Python's `sorted` (a linear scan, no sort).
 */
export function firstKeyIndex(counts: CategoryCounts): number {
  if (counts.ordered) return 0;
  let best = 0;
  for (let k = 1; k < counts.keys.length; k++) {
    if (compareCodePoints(counts.keys[k], counts.keys[best]) < 0) best = k;
  }
  return best;
}

/** sortedCounts returns the counts with keys in ascending order (code points for labels). */
export function sortedCounts(counts: CategoryCounts): CategoryCounts {
  if (counts.ordered) return counts;
  const order = counts.keys
    .map((_, k) => k)
    .sort((x, y) => compareCodePoints(counts.keys[x], counts.keys[y]));
  return {
    keys: order.map((k) => counts.keys[k]),
    reference: Float64Array.from(order, (k) => counts.reference[k]),
    current: Float64Array.from(order, (k) => counts.current[k]),
    referenceTotal: counts.referenceTotal,
    currentTotal: counts.currentTotal,
    ordered: true,
  };
}

/** pairCounts returns the per-value counts of a pair, whatever its kind. */
export function pairCounts(pair: PreparedPair): CategoryCounts {
  return pair.kind === 'categorical' ? pair.counts : numericCounts(pair.reference, pair.current);
}
