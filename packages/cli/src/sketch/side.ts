// The second pass of the sketch engine: each side's rows stream into per-column profiles (core's
// mergeable NumericProfile / CategoricalProfile) plus a few exact counters the report needs. Memory
// per column is constant: nothing here grows with the row count.

import type { CategoricalProfile, ColumnKind, NumericProfile } from '@vigil/core';
import {
  createCategoricalProfile,
  createNumericProfile,
  updateCategorical,
  updateNumeric,
} from '@vigil/core';
import { toColumnData } from '../drift/column-data.js';
import type { DataTable, RawColumn } from '../io/table.js';
import { rowHashes } from '../report/duplicates.js';
import type { ColumnTracker } from './tracker.js';
import { createTracker, textLengths, trackChunk } from './tracker.js';

/** COUNTED_VALUES: numeric columns count their values exactly up to this many distinct values. */
export const COUNTED_VALUES = 1024;
/** CATEGORY_CAPACITY: categorical profiles count up to this many categories exactly. */
export const CATEGORY_CAPACITY = 4096;
/** DUPLICATE_HLL_PRECISION: the row-hash HyperLogLog has 2^16 registers (0.41 % standard error). */
export const DUPLICATE_HLL_PRECISION = 16;

/** ColumnSpec fixes how one column is profiled; both sides use the same spec, so profiles compare. */
export interface ColumnSpec {
  readonly name: string;
  readonly kind: ColumnKind;
  /** Histogram edges (numerical/text), or null. */
  readonly edges: Float64Array | null;
  /** The sketch center (the reference mean). */
  readonly center: number;
  /** The quantile sketch's relative accuracy α (core's default 0.01; 0.001 for ks). */
  readonly sketchAccuracy?: number;
  /** The reference range, for the out-of-range share of the current side. */
  readonly referenceMin: number;
  readonly referenceMax: number;
}

/** ColumnSketch is one column of one side after the pass. */
export interface ColumnSketch {
  readonly tracker: ColumnTracker;
  readonly numeric: NumericProfile | null;
  readonly categorical: CategoricalProfile | null;
  /** Exact value counts (numerical/text) while distinct values stay within COUNTED_VALUES; else null. */
  counts: Map<number, number> | null;
  /** A Misra-Gries counter of one (Boyer-Moore vote): majorityCount <= the candidate's count. */
  majority: number;
  majorityCount: number;
  unreadable: number;
  example?: string;
  /** Values outside [referenceMin, referenceMax] (numerical). */
  outside: number;
}

/** SideSketch is one side (reference or current) after the pass. */
export interface SideSketch {
  rows: number;
  readonly columns: Map<string, ColumnSketch>;
  /** Row hashes over the duplicate columns, for the HyperLogLog duplicate estimate. */
  readonly rowHashes: NumericProfile;
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  // Parameters come from validated specs: a failure here is a bug, not a data condition.
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** createSide makes the empty accumulators of one side for the given specs. */
export function createSide(specs: readonly ColumnSpec[]): SideSketch {
  const columns = new Map<string, ColumnSketch>();
  for (const s of specs) {
    const numeric =
      s.kind === 'categorical'
        ? null
        : must(
            createNumericProfile({
              ...(s.edges !== null ? { edges: s.edges } : {}),
              sketchCenter: s.center,
              ...(s.sketchAccuracy !== undefined ? { sketchAccuracy: s.sketchAccuracy } : {}),
            }),
          );
    const categorical =
      s.kind === 'categorical'
        ? must(createCategoricalProfile({ capacity: CATEGORY_CAPACITY }))
        : null;
    columns.set(s.name, {
      tracker: createTracker(),
      numeric,
      categorical,
      counts: numeric === null ? null : new Map(),
      majority: Number.NaN,
      majorityCount: 0,
      unreadable: 0,
      outside: 0,
    });
  }
  return {
    rows: 0,
    columns,
    rowHashes: must(createNumericProfile({ hllPrecision: DUPLICATE_HLL_PRECISION })),
  };
}

function countValues(c: ColumnSketch, values: Float64Array, spec: ColumnSpec): void {
  let counts = c.counts;
  let cand = c.majority;
  let votes = c.majorityCount;
  let outside = 0;
  const lo = spec.referenceMin;
  const hi = spec.referenceMax;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (x - x !== 0) continue;
    if (x < lo || x > hi) outside++;
    if (votes === 0) {
      cand = x;
      votes = 1;
    } else if (x === cand) votes++;
    else votes--;
    if (counts !== null) {
      const k = x === 0 ? 0 : x;
      const n = counts.get(k);
      if (n !== undefined) counts.set(k, n + 1);
      else if (counts.size < COUNTED_VALUES) counts.set(k, 1);
      else counts = null;
    }
  }
  c.counts = counts;
  c.majority = cand;
  c.majorityCount = votes;
  c.outside += outside;
}

function addColumn(c: ColumnSketch, raw: RawColumn, spec: ColumnSpec): void {
  trackChunk(c.tracker, raw);
  if (spec.kind === 'categorical') {
    const data = toColumnData(raw, 'categorical').data;
    updateCategorical(c.categorical!, data.values as ReadonlyArray<string | null>);
    return;
  }
  let values: Float64Array;
  if (spec.kind === 'text') {
    values = textLengths(toColumnData(raw, 'text').data.values as ReadonlyArray<string | null>);
  } else {
    const converted = toColumnData(raw, 'numerical');
    values = converted.data.values as Float64Array;
    c.unreadable += converted.unreadable;
    if (c.example === undefined && converted.example !== undefined) c.example = converted.example;
  }
  updateNumeric(c.numeric!, values);
  countValues(c, values, spec);
}

/**
 * addChunk folds one chunk of rows into a side: every spec'd column, and the row hashes over
 * `duplicateColumns` (those present in the chunk).
 */
export function addChunk(
  side: SideSketch,
  chunk: DataTable,
  specs: readonly ColumnSpec[],
  duplicateColumns: readonly string[],
): void {
  side.rows += chunk.rows;
  for (const spec of specs) {
    const raw = chunk.columns.get(spec.name);
    if (raw !== undefined) addColumn(side.columns.get(spec.name)!, raw, spec);
  }
  const dup = duplicateColumns.map((n) => chunk.columns.get(n)).filter((c) => c !== undefined);
  if (dup.length > 0) updateNumeric(side.rowHashes, rowHashes(dup, chunk.rows));
}
