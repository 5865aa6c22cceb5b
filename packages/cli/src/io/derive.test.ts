import { describe, expect, it } from 'vitest';
import { applyDerive, parseDerive } from './derive.js';
import type { DataTable, RawColumn } from './table.js';

function table(columns: Record<string, RawColumn>): DataTable {
  const names = Object.keys(columns);
  const first = Object.values(columns)[0];
  return {
    source: 't.csv',
    rows: first.values.length,
    names,
    columns: new Map(Object.entries(columns)),
    header: names,
  };
}

// 2001-01-05 was a Friday; 2000-12-31 a Sunday; 2001-03-01 is day 60.
const times = [
  Date.UTC(2001, 0, 5, 17, 45),
  Date.UTC(2000, 11, 31, 0, 5),
  Date.UTC(2001, 2, 1, 23, 59),
  Number.NaN,
];

describe('applyDerive', () => {
  it.each([
    { fn: 'hour', expected: [17, 0, 23, Number.NaN] },
    { fn: 'minute', expected: [45, 5, 59, Number.NaN] },
    { fn: 'weekday', expected: [5, 7, 4, Number.NaN] },
    { fn: 'day', expected: [5, 31, 1, Number.NaN] },
    { fn: 'month', expected: [1, 12, 3, Number.NaN] },
    { fn: 'quarter', expected: [1, 4, 1, Number.NaN] },
    { fn: 'year', expected: [2001, 2000, 2001, Number.NaN] },
    { fn: 'dayofyear', expected: [5, 366, 60, Number.NaN] },
  ])('$fn', ({ fn, expected }) => {
    const t = table({ date: { type: 'number', values: Float64Array.from(times), temporal: true } });
    const out = applyDerive(t, parseDerive(`x=${fn}(date)`));
    expect(Array.from(out.columns.get('x')?.values as Float64Array)).toEqual(expected);
    expect(out.names).toEqual(['date', 'x']);
  });

  it('parses ISO strings in the source column', () => {
    const t = table({ ts: { type: 'string', values: ['2001-01-05T17:45:00', null] } });
    const out = applyDerive(t, parseDerive('h = hour( ts )'));
    expect(Array.from(out.columns.get('h')?.values as Float64Array)).toEqual([17, Number.NaN]);
    expect(out.columns.get('ts')).toMatchObject({ type: 'number', temporal: true });
  });

  it.each([
    { spec: 'hour:date', expected: { name: 'hour', fn: 'hour', source: 'date' } },
    { spec: 'dep_hour=hour:date', expected: { name: 'dep_hour', fn: 'hour', source: 'date' } },
    { spec: 'hour(date)', expected: { name: 'hour', fn: 'hour', source: 'date' } },
    { spec: ' h = Hour( my date ) ', expected: { name: 'h', fn: 'hour', source: 'my date' } },
  ])('parses $spec', ({ spec, expected }) => {
    expect(parseDerive(spec)).toEqual(expected);
  });

  it.each([
    { spec: 'hour', error: /--derive: expected FUNCTION:COLUMN or NAME=FUNCTION\(COLUMN\)/ },
    { spec: 'h=hours(date)', error: /unknown function 'hours'/ },
  ])('rejects $spec', ({ spec, error }) => {
    expect(() => parseDerive(spec)).toThrow(error);
  });

  it.each([
    {
      spec: 'h=hour(nope)',
      columns: { date: { type: 'number', values: Float64Array.of(0), temporal: true } },
      error: /column 'nope' not found/,
    },
    {
      spec: 'h=hour(n)',
      columns: { n: { type: 'number', values: Float64Array.of(1) } },
      error: /holds numbers, not dates/,
    },
    {
      spec: 'h=hour(s)',
      columns: { s: { type: 'string', values: ['soon'] } },
      error: /t\.csv: column 's', row 1: cannot read 'soon' as an ISO date/,
    },
  ] as { spec: string; columns: Record<string, RawColumn>; error: RegExp }[])(
    'fails on $spec',
    ({ spec, columns, error }) => {
      expect(() => applyDerive(table(columns), parseDerive(spec))).toThrow(error);
    },
  );
});
