import { describe, expect, it } from 'vitest';
import { defaultMethod, inferColumnKind } from './select.js';
import type { ColumnKind, DriftMethodName } from './types.js';

describe('defaultMethod', () => {
  it.each<{ kind: ColumnKind; rows: number; distinct: number; want: DriftMethodName }>([
    { kind: 'numerical', rows: 1000, distinct: 1, want: 'z' },
    { kind: 'numerical', rows: 1000, distinct: 2, want: 'z' },
    { kind: 'numerical', rows: 1000, distinct: 3, want: 'chisquare' },
    { kind: 'numerical', rows: 1000, distinct: 5, want: 'chisquare' },
    { kind: 'numerical', rows: 1000, distinct: 6, want: 'ks' },
    { kind: 'numerical', rows: 1001, distinct: 5, want: 'jensenshannon' },
    { kind: 'numerical', rows: 1001, distinct: 6, want: 'wasserstein' },
    { kind: 'categorical', rows: 1000, distinct: 2, want: 'z' },
    { kind: 'categorical', rows: 1000, distinct: 3, want: 'chisquare' },
    { kind: 'categorical', rows: 1001, distinct: 2, want: 'jensenshannon' },
    { kind: 'text', rows: 10, distinct: 40, want: 'ks' },
    { kind: 'text', rows: 5000, distinct: 40, want: 'wasserstein' },
  ])('$kind, $rows rows, $distinct values → $want', ({ kind, rows, distinct, want }) => {
    expect(defaultMethod(kind, rows, distinct)).toBe(want);
  });
});

describe('inferColumnKind', () => {
  const many = Array.from({ length: 30 }, (_, i) => `id-${i}`);
  it.each<{ name: string; values: unknown[]; want: ColumnKind }>([
    { name: 'floats', values: [1.5, 2, 3.25, null], want: 'numerical' },
    { name: 'numeric strings (CSV)', values: ['1.5', ' 2 ', '-3e2', ''], want: 'numerical' },
    { name: 'few integers', values: [0, 1, 1, 0, 2], want: 'categorical' },
    { name: 'eleven integers', values: Array.from({ length: 11 }, (_, i) => i), want: 'numerical' },
    { name: 'labels', values: ['a', 'b', 'a', 'a'], want: 'categorical' },
    { name: 'mostly unique strings', values: many, want: 'text' },
    { name: 'mixed numbers and labels', values: [1, 'x', 1, 'x'], want: 'categorical' },
    { name: 'booleans', values: [true, false, true, true], want: 'categorical' },
    {
      name: 'NaN and infinities are missing',
      values: [Number.NaN, Number.POSITIVE_INFINITY, 0.5, 0.25, 1.5],
      want: 'numerical',
    },
    { name: 'all missing', values: [null, '', undefined], want: 'categorical' },
  ])('$name → $want', ({ values, want }) => {
    expect(inferColumnKind(values)).toBe(want);
  });
});
