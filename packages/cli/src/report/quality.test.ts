import type { ColumnData } from '@vigil/core';
import { describe, expect, it } from 'vitest';
import type { Converted } from '../drift/column-data.js';
import { columnQuality, duplicateFinding, sortFindings } from './quality.js';

const num = (...v: number[]): Converted => ({
  data: { kind: 'numerical', values: Float64Array.from(v) },
  unreadable: 0,
});
const cat = (...v: (string | null)[]): Converted => ({
  data: { kind: 'categorical', values: v } as ColumnData,
  unreadable: 0,
});
const repeat = <T>(x: T, n: number): T[] => Array.from({ length: n }, () => x);

type Case = { name: string; reference: Converted; current: Converted; checks: [string, string][] };

const cases: Case[] = [
  {
    name: 'clean column: no findings',
    reference: num(1, 2, 3, 4),
    current: num(2, 3, 1, 4),
    checks: [],
  },
  {
    name: 'missing values rise by 25 points: critical',
    reference: num(1, 2, 3, 4),
    current: num(1, Number.NaN, 3, 4),
    checks: [['missing_values', 'critical']],
  },
  {
    name: 'stable missing share: info',
    reference: num(...repeat(1, 50), ...repeat(2, 49), Number.NaN),
    current: num(...repeat(2, 50), ...repeat(1, 49), Number.NaN),
    checks: [['missing_values', 'info']],
  },
  {
    name: 'all missing in current',
    reference: num(1, 2),
    current: num(Number.NaN, Number.NaN),
    checks: [['missing_values', 'critical']],
  },
  {
    name: 'out of range: 1 of 4 values',
    reference: num(0, 1, 2, 3),
    current: num(0, 1, 2, 10),
    checks: [['out_of_range', 'critical']],
  },
  {
    name: 'becomes constant',
    reference: num(1, 2, 3, 4),
    current: num(2, 2, 2, 2),
    checks: [['constant', 'critical']],
  },
  {
    name: 'almost constant in current only',
    reference: num(...Array.from({ length: 100 }, (_, i) => i)),
    current: num(...repeat(5, 96), 1, 2, 3, 4),
    checks: [['almost_constant', 'warning']],
  },
  {
    name: 'new categories',
    reference: cat(...repeat('a', 50), ...repeat('b', 50)),
    current: cat(...repeat('a', 45), ...repeat('b', 45), ...repeat('c', 10)),
    checks: [['new_categories', 'critical']],
  },
  {
    name: 'unreadable numbers',
    reference: num(1, 2),
    current: { ...num(1, Number.NaN), unreadable: 1, example: 'abc' },
    checks: [
      ['missing_values', 'critical'],
      ['unreadable_values', 'critical'],
    ],
  },
];

describe('columnQuality', () => {
  it.each(cases)('$name', ({ reference, current, checks }) => {
    const { findings } = columnQuality({
      name: 'x',
      kind: reference.data.kind,
      reference,
      current,
    });
    expect(findings.map((f) => [f.check, f.severity])).toEqual(checks);
  });

  it('summarises both sides', () => {
    const { quality } = columnQuality({
      name: 'x',
      kind: 'numerical',
      reference: num(1, 2, 2, Number.NaN),
      current: num(5, 5, 5, 5),
    });
    expect(quality.reference).toEqual({
      missing_share: 0.25,
      min: 1,
      max: 2,
      distinct: 2,
      top_share: 2 / 3,
    });
    expect(quality.current).toEqual({
      missing_share: 0,
      min: 5,
      max: 5,
      distinct: 1,
      top_share: 1,
    });
    expect(quality.out_of_range_share).toBe(1);
  });

  it('lists new categories by frequency', () => {
    const { quality, findings } = columnQuality({
      name: 'c',
      kind: 'categorical',
      reference: cat('a', 'b'),
      current: cat('a', 'y', 'z', 'z', null),
    });
    expect(quality.new_categories).toEqual(['z', 'y']);
    expect(findings.find((f) => f.check === 'new_categories')?.message).toBe(
      "2 new categories in current ('z', 'y'), 75.0% of values",
    );
  });
});

describe('findings', () => {
  it('sorts critical first, stable within a severity', () => {
    const f = (check: string, severity: 'info' | 'warning' | 'critical') => ({
      column: 'x',
      check,
      severity,
      message: '',
    });
    expect(
      sortFindings([f('a', 'info'), f('b', 'critical'), f('c', 'warning'), f('d', 'critical')]).map(
        (x) => x.check,
      ),
    ).toEqual(['b', 'd', 'c', 'a']);
  });

  it.each([
    { ref: 0, cur: 0, expected: null },
    { ref: 0, cur: 0.01, expected: 'info' },
    { ref: 0.01, cur: 0.2, expected: 'warning' },
  ])('duplicates $ref -> $cur', ({ ref, cur, expected }) => {
    expect(duplicateFinding(ref, cur)?.severity ?? null).toBe(expected);
  });
});
