import { describe, expect, it } from 'vitest';
import type { RawColumn } from '../io/table.js';
import { duplicateShare } from './duplicates.js';

const num = (...v: number[]): RawColumn => ({ type: 'number', values: Float64Array.from(v) });
const str = (...v: (string | null)[]): RawColumn => ({ type: 'string', values: v });

describe('duplicateShare', () => {
  it.each([
    { name: 'no rows', columns: [num()], rows: 0, expected: 0 },
    { name: 'all distinct', columns: [num(1, 2, 3)], rows: 3, expected: 0 },
    {
      name: 'one duplicate across two columns',
      columns: [num(1, 1, 2), str('a', 'a', 'b')],
      rows: 3,
      expected: 1 / 3,
    },
    {
      name: 'same number, other string',
      columns: [num(1, 1), str('a', 'b')],
      rows: 2,
      expected: 0,
    },
    {
      name: 'missing equals missing',
      columns: [num(Number.NaN, Number.NaN), str(null, null)],
      rows: 2,
      expected: 0.5,
    },
    {
      name: 'column order matters, not value swaps',
      columns: [num(1, 2), num(2, 1)],
      rows: 2,
      expected: 0,
    },
    {
      name: 'strings that collide in a naive sum',
      columns: [str('ab', 'ba'), str('ba', 'ab')],
      rows: 2,
      expected: 0,
    },
  ])('$name', ({ columns, rows, expected }) => {
    expect(duplicateShare(columns, rows)).toBeCloseTo(expected, 12);
  });

  it('counts duplicates exactly on 200k rows', () => {
    const n = 200_000;
    const a = new Float64Array(n);
    const b: string[] = [];
    for (let i = 0; i < n; i++) {
      a[i] = i % 150_000;
      b.push(`k${i % 150_000}`);
    }
    // Rows i and i + 150000 repeat: 50,000 duplicates.
    expect(
      duplicateShare(
        [
          { type: 'number', values: a },
          { type: 'string', values: b },
        ],
        n,
      ),
    ).toBe(50_000 / n);
  });
});
