// The first pass of the sketch engine: per column, what the exact engine learns from the whole
// reference column, kept in O(1) memory: count, min, max, sum (for the sketch center), the first
// 21 distinct values (kind inference, one-bin-per-value edges) and whether any value is not an
// integer. String columns keep a categorical profile (distinct estimate for the text rule) and the
// same numeric facts about their lengths (text columns are compared through lengths).

import type { CategoricalProfile, ColumnKind } from '@vigil/core';
import {
  createCategoricalProfile,
  inferColumnKind,
  profileSummary,
  updateCategorical,
} from '@vigil/core';
import type { RawColumn } from '../io/table.js';

/** TRACKED_DISTINCT is how many distinct values a tracker keeps: one past the 20 of value bins. */
export const TRACKED_DISTINCT = 21;

/** NumberFacts are order-free facts about a stream of numbers (NaN and ±Infinity are missing). */
export interface NumberFacts {
  present: number;
  min: number;
  max: number;
  sum: number;
  /** nonInteger is one finite non-integer value, when any was seen. */
  nonInteger: number | undefined;
  /** distinct holds the first TRACKED_DISTINCT distinct values; `overflow` says more exist. */
  distinct: number[];
  overflow: boolean;
}

/** ColumnTracker follows one column through a pass. */
export interface ColumnTracker {
  rows: number;
  numbers: NumberFacts;
  /** strings is true once a chunk arrived as text with a non-missing value. */
  strings: boolean;
  labels: CategoricalProfile | null;
  lengths: NumberFacts;
}

/** createNumberFacts returns empty facts. */
export function createNumberFacts(): NumberFacts {
  return {
    present: 0,
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
    sum: 0,
    nonInteger: undefined,
    distinct: [],
    overflow: false,
  };
}

/** createTracker returns an empty column tracker. */
export function createTracker(): ColumnTracker {
  return {
    rows: 0,
    numbers: createNumberFacts(),
    strings: false,
    labels: null,
    lengths: createNumberFacts(),
  };
}

/** addNumbers folds a batch of numbers into the facts (one pass, no allocation). */
export function addNumbers(f: NumberFacts, values: Float64Array): void {
  let present = 0;
  let min = f.min;
  let max = f.max;
  let sum = 0;
  let nonInteger = f.nonInteger;
  const distinct = f.distinct;
  let overflow = f.overflow;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (x - x !== 0) continue;
    present++;
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
    if (nonInteger === undefined && !Number.isInteger(x)) nonInteger = x;
    if (!overflow && !distinct.includes(x === 0 ? 0 : x)) {
      if (distinct.length === TRACKED_DISTINCT) overflow = true;
      else distinct.push(x === 0 ? 0 : x);
    }
  }
  f.present += present;
  f.min = min;
  f.max = max;
  f.sum += sum;
  f.nonInteger = nonInteger;
  f.overflow = overflow;
}

/**
 * textLengths maps strings to their length in code points (NaN for missing: null or ''), as the
 * exact engine measures text columns.
 */
export function textLengths(values: ReadonlyArray<string | null>): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === '') {
      out[i] = Number.NaN;
      continue;
    }
    let n = v.length;
    for (let k = 0; k < v.length - 1; k++) {
      const c = v.charCodeAt(k);
      // A surrogate pair is one code point.
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = v.charCodeAt(k + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          n--;
          k++;
        }
      }
    }
    out[i] = n;
  }
  return out;
}

/** trackChunk folds one chunk of a column into its tracker. */
export function trackChunk(t: ColumnTracker, raw: RawColumn): void {
  t.rows += raw.values.length;
  if (raw.type === 'number') {
    addNumbers(t.numbers, raw.values);
    return;
  }
  let any = false;
  for (let i = 0; i < raw.values.length && !any; i++) any = raw.values[i] !== null;
  if (!any) return;
  t.strings = true;
  if (t.labels === null) {
    const made = createCategoricalProfile({ capacity: 1024 });
    if (!made.ok) throw new Error(made.error.message);
    t.labels = made.value;
  }
  updateCategorical(t.labels, raw.values);
  addNumbers(t.lengths, textLengths(raw.values));
}

/**
 * trackedKind infers the column kind the way the exact engine does (core's inferColumnKind): from
 * numbers, a sample of up to 11 distinct values plus a non-integer decides; from text, categorical
 * unless the distinct values (HyperLogLog estimate past 1,024 categories) exceed half the values.
 */
export function trackedKind(t: ColumnTracker): ColumnKind {
  if (t.strings && t.labels !== null) {
    const distinct = profileSummary(t.labels);
    const d = distinct.kind === 'categorical' ? distinct.distinct : 0;
    return d > t.labels.count / 2 ? 'text' : 'categorical';
  }
  const f = t.numbers;
  const sample = f.distinct.slice(0, 11);
  if (f.nonInteger !== undefined) sample.push(f.nonInteger);
  return inferColumnKind(sample);
}
