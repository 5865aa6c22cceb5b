import { describe, expect, it } from 'vitest';
import { fisherTwoSided } from './fisher-exact.js';
import { errorCode, repeat, run } from './testdata/columns.js';
import { goldenCases, runGolden } from './testdata/golden.js';

describe('fisher_exact', () => {
  it.each(goldenCases('fisher_exact'))('matches scipy: $name', (c) => {
    runGolden(c);
  });

  // scipy.stats.fisher_exact two-sided p-values.
  it.each([
    { name: 'textbook', table: [8, 2, 1, 5], p: 0.034965034965034975 },
    { name: 'balanced', table: [5, 5, 5, 5], p: 1 },
    { name: 'zero row', table: [0, 0, 3, 4], p: 1 },
    { name: 'zero column', table: [0, 3, 0, 4], p: 1 },
    { name: 'extreme', table: [10, 0, 0, 10], p: 1.082508822446903e-5 },
  ])('two-sided p: $name', ({ table, p }) => {
    const [a, b, c, d] = table;
    expect(fisherTwoSided(a, b, c, d)).toBeCloseTo(p, 14);
    expect(Math.abs(fisherTwoSided(a, b, c, d) - p) <= 1e-12 * p).toBe(true);
  });

  it('is symmetric under swapping rows and columns', () => {
    expect(fisherTwoSided(3, 9, 7, 2)).toBeCloseTo(fisherTwoSided(7, 2, 3, 9), 14);
    expect(fisherTwoSided(3, 9, 7, 2)).toBeCloseTo(fisherTwoSided(9, 3, 2, 7), 14);
  });

  it('accepts samples of different sizes (Evidently requires equal sizes)', () => {
    const r = run(repeat(['a', 4], ['b', 6]), repeat(['a', 30], ['b', 20]), {
      method: 'fisher_exact',
    });
    expect(r.referenceCount).not.toBe(r.currentCount);
    expect(r.pValue).toBeGreaterThan(0);
  });

  it('rejects more than two categories', () => {
    expect(
      errorCode(repeat(['a', 2], ['b', 2]), repeat(['c', 3]), { method: 'fisher_exact' }),
    ).toBe('INVALID_ARGUMENT');
  });
});
