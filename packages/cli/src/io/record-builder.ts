// Column builder for record-oriented formats (JSON arrays, JSON Lines): records arrive as objects,
// keys may come and go, and each column ends up numeric when it only ever held numbers.

import type { RawColumn } from './table.js';
import { NumberBuilder } from './table.js';

/** ColumnState is one column being collected: numeric until a non-number value shows up. */
interface ColumnState {
  numbers: NumberBuilder | null;
  strings: (string | null)[] | null;
}

/** cellText renders a non-numeric JSON value as the string the report will show. */
function cellText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

/**
 * RecordBuilder collects objects into columns. JSON numbers stay numbers; strings, booleans and
 * nested values become strings (nested ones as JSON text); null and absent keys are missing.
 * Example: [{a:1,b:"x"},{a:null}] -> a: [1, NaN], b: ["x", null].
 */
export class RecordBuilder {
  readonly #columns = new Map<string, ColumnState>();
  #rows = 0;

  get rows(): number {
    return this.#rows;
  }

  /** add appends one record. */
  add(record: Record<string, unknown>): void {
    const row = this.#rows;
    for (const key in record) {
      const value = record[key];
      let state = this.#columns.get(key);
      if (state === undefined) {
        state = { numbers: new NumberBuilder(), strings: null };
        this.#columns.set(key, state);
      }
      if (state.numbers !== null) {
        // Backfill rows where this key was absent.
        while (state.numbers.length < row) state.numbers.push(Number.NaN);
        if (value === null || value === undefined) {
          state.numbers.push(Number.NaN);
          continue;
        }
        if (typeof value === 'number') {
          state.numbers.push(value);
          continue;
        }
        state.strings = state.numbers.toStrings();
        state.numbers = null;
      }
      const strings = state.strings!;
      while (strings.length < row) strings.push(null);
      strings.push(value === null || value === undefined ? null : cellText(value));
    }
    this.#rows++;
  }

  /** finish returns the columns in first-seen order, padded to the row count. */
  finish(): { names: string[]; columns: Map<string, RawColumn> } {
    const columns = new Map<string, RawColumn>();
    for (const [name, state] of this.#columns) {
      if (state.numbers !== null) {
        while (state.numbers.length < this.#rows) state.numbers.push(Number.NaN);
        columns.set(name, { type: 'number', values: state.numbers.finish() });
      } else {
        const strings = state.strings!;
        while (strings.length < this.#rows) strings.push(null);
        columns.set(name, { type: 'string', values: strings });
      }
    }
    return { names: [...columns.keys()], columns };
  }
}

/** describeJsonValue names a JSON value's type for error messages ("an array", "a number"). */
export function describeJsonValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
