// Splitting one table by a time column into a half-open range, and turning date strings into
// epoch milliseconds so every later step (derive, the report) sees one representation.

import { inputError, usageError } from '../errors.js';
import type { DataTable, NumberColumn, RawColumn } from './table.js';
import { selectRows } from './table.js';
import type { TimeRange } from './time.js';
import { formatTime, parseIsoTime } from './time.js';

/**
 * toTimeColumn returns the column as epoch milliseconds: temporal numbers pass through, strings are
 * parsed as ISO dates (missing stays NaN), plain numbers are returned unflagged (not temporal).
 * An unparseable string is an input error naming the file, column and row.
 */
export function toTimeColumn(table: DataTable, name: string): NumberColumn {
  const column = table.columns.get(name);
  if (column === undefined) throw usageError(`time column '${name}' not found in ${table.source}`);
  if (column.type === 'number') return column;
  const out = new Float64Array(column.values.length);
  let lastText: string | null = null;
  let lastValue = Number.NaN;
  for (let i = 0; i < out.length; i++) {
    const text = column.values[i];
    if (text === null) {
      out[i] = Number.NaN;
      continue;
    }
    if (text !== lastText) {
      const v = parseIsoTime(text);
      if (v === undefined) {
        throw inputError(
          table.source,
          `column '${name}', row ${i + 1}: cannot read '${text}' as an ISO date or time`,
        );
      }
      lastText = text;
      lastValue = v;
    }
    out[i] = lastValue;
  }
  return { type: 'number', values: out, temporal: true };
}

/** withColumn returns a copy of the table with one column replaced or added. */
export function withColumn(table: DataTable, name: string, column: RawColumn): DataTable {
  const columns = new Map(table.columns);
  const had = columns.has(name);
  columns.set(name, column);
  return {
    ...table,
    columns,
    names: had ? table.names : [...table.names, name],
    header: table.header.includes(name) ? table.header : [...table.header, name],
  };
}

function span(values: Float64Array, temporal: boolean): string {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return 'no values';
  return temporal ? `${formatTime(min)} to ${formatTime(max)}` : `${min} to ${max}`;
}

/**
 * splitByTime keeps the rows whose time lies in [range.start, range.end) and converts the time
 * column to epoch milliseconds. Rows with a missing time are in no range. Date bounds need a date
 * column (Parquet timestamps or ISO strings); numeric bounds compare with numbers as they are.
 */
export function splitByTime(
  table: DataTable,
  name: string,
  range: TimeRange,
  option: string,
): DataTable {
  const time = toTimeColumn(table, name);
  if (range.kind === 'date' && !time.temporal) {
    throw usageError(
      `${option}: column '${name}' holds plain numbers, not dates; give numeric bounds (e.g. 0..100) or store ISO dates`,
    );
  }
  const t = time.values;
  let count = 0;
  for (let i = 0; i < t.length; i++) if (t[i] >= range.start && t[i] < range.end) count++;
  if (count === 0) {
    throw inputError(
      table.source,
      `no rows with '${name}' in ${option} ${range.text} (the column spans ${span(t, time.temporal === true)})`,
    );
  }
  const rows = new Uint32Array(count);
  let k = 0;
  for (let i = 0; i < t.length; i++) if (t[i] >= range.start && t[i] < range.end) rows[k++] = i;
  const columns = new Map<string, RawColumn>();
  for (const [n, column] of table.columns)
    columns.set(n, selectRows(n === name ? time : column, rows));
  return { ...table, rows: count, columns };
}
