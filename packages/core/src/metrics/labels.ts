import type { Result } from '../result.js';
import { err, ok } from '../result.js';

/** Label is one class label: all labels of a call are numbers, or all are strings. */
export type Label = number | string;

/** LabelArray holds class labels: a number array, a typed array, or a string array. */
export type LabelArray = ArrayLike<number> | ArrayLike<string>;

/** EncodedLabels maps the labels of one or two arrays onto indices into the sorted classes. */
export interface EncodedLabels {
  /** classes: the distinct labels, sorted (numbers ascending, strings by code point). */
  readonly classes: Label[];
  /** codes: one Int32Array per input array, each value an index into `classes`. */
  readonly codes: Int32Array[];
}

/**
 * compareCodePoints orders strings by Unicode code point, as numpy sorts str arrays (plain `<`
 * compares UTF-16 code units, which misorders astral characters against U+E000–U+FFFF).
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i) ?? 0;
    const cb = b.codePointAt(i) ?? 0;
    if (ca !== cb) return ca - cb;
    if (ca > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * encodeLabels validates label arrays and encodes them against their sorted union, the
 * `unique_labels` convention of scikit-learn.
 *
 * Numeric labels must be integer-valued (sklearn rejects non-integer floats as a "continuous"
 * target); strings and numbers cannot be mixed. An empty array is allowed here (callers decide).
 */
export function encodeLabels(...arrays: LabelArray[]): Result<EncodedLabels> {
  let kind: 'number' | 'string' | null = null;
  for (const array of arrays) {
    for (let i = 0; i < array.length; i++) {
      const v = array[i];
      const k = typeof v;
      if (k !== 'number' && k !== 'string') {
        return err('WRONG_KIND', `label at index ${i} is a ${k}, expected a number or a string`);
      }
      if (kind === null) kind = k;
      else if (kind !== k) return err('WRONG_KIND', 'labels mix numbers and strings');
      if (k === 'number' && !Number.isInteger(v)) {
        return err(
          'WRONG_KIND',
          `label ${String(v)} at index ${i} is not an integer: classification labels must be classes, not continuous values`,
        );
      }
    }
  }
  if (kind !== 'string') {
    const dense = encodeDense(arrays as ArrayLike<number>[]);
    if (dense !== null) return ok(dense);
  }
  const index = new Map<Label, number>();
  for (const array of arrays) {
    for (let i = 0; i < array.length; i++) index.set(array[i], 0);
  }
  const classes = [...index.keys()];
  if (kind === 'string') (classes as string[]).sort(compareCodePoints);
  else (classes as number[]).sort((a, b) => a - b);
  for (let c = 0; c < classes.length; c++) index.set(classes[c], c);
  const codes = arrays.map((array) => {
    const out = new Int32Array(array.length);
    for (let i = 0; i < array.length; i++) out[i] = index.get(array[i]) ?? -1;
    return out;
  });
  return ok({ classes, codes });
}

// Integer labels spanning a small range (the usual 0…k−1) are encoded through a lookup table
// instead of a Map: about 5× faster on a million rows.
function encodeDense(arrays: ArrayLike<number>[]): EncodedLabels | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let total = 0;
  for (const array of arrays) {
    total += array.length;
    for (let i = 0; i < array.length; i++) {
      const v = array[i];
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (total === 0) return { classes: [], codes: arrays.map(() => new Int32Array(0)) };
  const span = max - min + 1;
  if (span > 4 * total + 1024) return null;
  const table = new Int32Array(span).fill(-1);
  for (const array of arrays) {
    for (let i = 0; i < array.length; i++) table[array[i] - min] = 0;
  }
  const classes: number[] = [];
  for (let v = 0; v < span; v++) {
    if (table[v] === 0) {
      table[v] = classes.length;
      classes.push(v + min);
    }
  }
  const codes = arrays.map((array) => {
    const out = new Int32Array(array.length);
    for (let i = 0; i < array.length; i++) out[i] = table[array[i] - min];
    return out;
  });
  return { classes, codes };
}

/** checkPair returns an error when two arrays differ in length or are empty, else null. */
export function checkPair(
  a: ArrayLike<unknown>,
  b: ArrayLike<unknown>,
  what = 'yTrue and yPred',
): Result<never> | null {
  if (a.length !== b.length) {
    return err('LENGTH_MISMATCH', `${what} differ in length (${a.length} vs ${b.length})`);
  }
  if (a.length === 0) return err('EMPTY_SAMPLE', `${what} are empty`);
  return null;
}
