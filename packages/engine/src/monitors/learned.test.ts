import { describe, expect, it } from 'vitest';
import { learnedBounds } from './learned.js';
import { selectFeatures } from './select.js';

describe('learnedBounds', () => {
  // numpy: np.mean, np.std (ddof=0).
  type Case = {
    name: string;
    values: number[];
    k: number;
    expected: { mean: number; std: number } | null;
  };
  const cases: Case[] = [
    {
      name: '[1, 2, 3], k 3',
      values: [1, 2, 3],
      k: 3,
      expected: { mean: 2, std: Math.sqrt(2 / 3) },
    },
    {
      name: '[10, 11, 9, 10], k 3',
      values: [10, 11, 9, 10],
      k: 3,
      expected: { mean: 10, std: Math.sqrt(0.5) },
    },
    { name: 'constant values: std 0', values: [4, 4, 4], k: 3, expected: { mean: 4, std: 0 } },
    { name: 'one value is not enough', values: [1], k: 3, expected: null },
    { name: 'non-finite value', values: [1, Number.NaN], k: 3, expected: null },
    { name: 'k must be > 0', values: [1, 2], k: 0, expected: null },
  ];
  it.each(cases)('$name', (c) => {
    const r = learnedBounds(c.values, c.k);
    if (c.expected === null) {
      expect(r.ok).toBe(false);
      return;
    }
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.mean).toBeCloseTo(c.expected.mean, 14);
    expect(r.value.std).toBeCloseTo(c.expected.std, 14);
    expect(r.value.upper).toBeCloseTo(c.expected.mean + c.k * c.expected.std, 14);
    expect(r.value.lower).toBeCloseTo(c.expected.mean - c.k * c.expected.std, 14);
  });
});

describe('selectFeatures', () => {
  const specs = [
    { name: 'a', kind: 'numerical' as const, importance: 0.5 },
    { name: 'b', kind: 'numerical' as const, importance: 0.9 },
    { name: 'c', kind: 'numerical' as const, importance: 0.5 },
    { name: 'd', kind: 'numerical' as const },
  ];
  type Case = {
    name: string;
    selection: 'all' | string[] | { top: number };
    expected: string[] | null;
  };
  const cases: Case[] = [
    { name: 'all: baseline order', selection: 'all', expected: ['x', 'y'] },
    { name: 'a list as given', selection: ['y', 'zz'], expected: ['y', 'zz'] },
    { name: 'top 2, ties by name', selection: { top: 2 }, expected: ['b', 'a'] },
    {
      name: 'top 10 keeps only features with importance',
      selection: { top: 10 },
      expected: ['b', 'a', 'c'],
    },
  ];
  it.each(cases)('$name', (c) => {
    expect(selectFeatures(c.selection, ['x', 'y'], specs)).toEqual({ ok: true, value: c.expected });
  });
  it('top N without importance is an error', () => {
    expect(selectFeatures({ top: 1 }, ['x'], []).ok).toBe(false);
  });
});
