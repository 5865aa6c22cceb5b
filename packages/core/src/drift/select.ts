import type { ColumnKind, DriftMethodName } from './types.js';

/** SMALL_REFERENCE_ROWS: up to this many reference rows, defaults favour tests over distances. */
export const SMALL_REFERENCE_ROWS = 1000;

/**
 * defaultMethod picks Evidently's default method for a column from its kind, the reference row
 * count (after dropping missing values) and the number of distinct values over both samples.
 * Numerical (and text, compared by length): <= 1000 rows: <= 2 values z, 3-5 chisquare, else ks;
 * > 1000 rows: <= 5 values jensenshannon, else wasserstein. Categorical: <= 1000 rows: > 2 values
 * chisquare, else z; > 1000 rows: jensenshannon.
 * Example: defaultMethod('numerical', 500, 40) → 'ks'.
 */
export function defaultMethod(
  kind: ColumnKind,
  referenceRows: number,
  distinctValues: number,
): DriftMethodName {
  const small = referenceRows <= SMALL_REFERENCE_ROWS;
  if (kind === 'categorical') {
    if (!small) return 'jensenshannon';
    return distinctValues > 2 ? 'chisquare' : 'z';
  }
  if (small) {
    if (distinctValues <= 2) return 'z';
    return distinctValues <= 5 ? 'chisquare' : 'ks';
  }
  return distinctValues <= 5 ? 'jensenshannon' : 'wasserstein';
}

const NUMBER_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** CATEGORICAL_INTEGER_LIMIT: integer columns with at most this many distinct values are categorical. */
export const CATEGORICAL_INTEGER_LIMIT = 10;

function isMissing(v: unknown): boolean {
  return (
    v === null ||
    v === undefined ||
    v === '' ||
    (typeof v === 'number' && !Number.isFinite(v)) ||
    (typeof v === 'string' && v.trim() === '')
  );
}

function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') {
    const s = v.trim();
    return NUMBER_PATTERN.test(s) ? Number(s) : undefined;
  }
  return undefined;
}

/**
 * inferColumnKind guesses a column's kind from its values (missing values ignored: null,
 * undefined, '', NaN, ±Infinity). All numbers (numbers, or strings holding a decimal number such as
 * CSV cells): numerical, unless every value is an integer and there are <= 10 distinct values
 * (categorical). Otherwise (strings, booleans, mixed): text when distinct values exceed half the
 * non-missing values, else categorical. An all-missing column is categorical.
 * Example: ['1.5', '2', '7.25'] → numerical; [0, 1, 1, 0] → categorical; ['a', 'b', 'a'] → categorical.
 */
export function inferColumnKind(values: ReadonlyArray<unknown>): ColumnKind {
  let present = 0;
  let numeric = true;
  let integers = true;
  const distinctNumbers = new Set<number>();
  const distinctLabels = new Set<string>();
  for (const v of values) {
    if (isMissing(v)) continue;
    present++;
    const x = numeric ? asNumber(v) : undefined;
    if (x === undefined) numeric = false;
    else {
      if (!Number.isInteger(x)) integers = false;
      if (distinctNumbers.size <= CATEGORICAL_INTEGER_LIMIT) distinctNumbers.add(x);
    }
    distinctLabels.add(String(v));
  }
  if (present === 0) return 'categorical';
  if (numeric) {
    return integers && distinctNumbers.size <= CATEGORICAL_INTEGER_LIMIT
      ? 'categorical'
      : 'numerical';
  }
  return distinctLabels.size > present / 2 ? 'text' : 'categorical';
}
