// Test helpers: build columns and unwrap results.
import { driftTest } from '../drift-test.js';
import type { ColumnData, DriftOptions, DriftResult } from '../types.js';

/** num builds a numerical column. */
export function num(values: readonly number[]): ColumnData {
  return { kind: 'numerical', values: Float64Array.from(values) };
}

/** cat builds a categorical column. */
export function cat(values: ReadonlyArray<string | null>): ColumnData {
  return { kind: 'categorical', values };
}

/** repeat builds a categorical column from (label, count) pairs. */
export function repeat(...parts: [string, number][]): ColumnData {
  return cat(parts.flatMap(([label, count]) => Array.from({ length: count }, () => label)));
}

/** run calls driftTest and throws on error (tests that expect success). */
export function run(
  reference: ColumnData,
  current: ColumnData,
  options: DriftOptions = {},
): DriftResult {
  const r = driftTest(reference, current, options);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** errorCode calls driftTest and returns the error code, or 'ok'. */
export function errorCode(
  reference: ColumnData,
  current: ColumnData,
  options: DriftOptions = {},
): string {
  const r = driftTest(reference, current, options);
  return r.ok ? 'ok' : r.error.code;
}

/** seq returns [start, start + step, ...] with n values. */
export function seq(n: number, start = 0, step = 1): number[] {
  return Array.from({ length: n }, (_, i) => start + i * step);
}
