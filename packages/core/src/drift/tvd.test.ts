import { describe, expect, it } from 'vitest';
import { errorCode, num, repeat, run } from './testdata/columns.js';
import { goldenCases, runGolden } from './testdata/golden.js';
import { totalVariation } from './tvd.js';

describe('TVD', () => {
  it.each(goldenCases('TVD'))('statistic matches Evidently: $name', (c) => {
    const r = runGolden(c);
    expect(r.effectSize).toEqual({ name: 'tvd', value: r.statistic });
  });

  it('computes half the L1 distance of the shares', () => {
    expect(totalVariation(Float64Array.of(1, 1), Float64Array.of(2, 0), 2, 2)).toBe(0.5);
  });

  it('gives p = 1 for identical shares and p = 0 for a large shift', () => {
    const same = run(repeat(['a', 40], ['b', 60]), repeat(['a', 20], ['b', 30]), { method: 'TVD' });
    expect(same.statistic).toBe(0);
    expect(same.pValue).toBe(1);
    expect(same.drifted).toBe(false);
    const shift = run(repeat(['a', 500], ['b', 500]), repeat(['a', 900], ['b', 100]), {
      method: 'TVD',
    });
    expect(shift.pValue).toBe(0);
    expect(shift.drifted).toBe(true);
  });

  it('gives a p-value close to the exact one (Monte Carlo, 1000 permutations)', () => {
    // 2 categories: TVD = |p1 − p2|; the permutation distribution is hypergeometric, p ≈ Fisher's
    // two-sided p-value computed by scipy: fisher_exact([[30, 20], [20, 30]]) = 0.0713.
    const r = run(repeat(['a', 30], ['b', 20]), repeat(['a', 20], ['b', 30]), { method: 'TVD' });
    expect(Math.abs((r.pValue ?? 0) - 0.07134)).toBeLessThan(0.03);
  });

  it('is reproducible for a seed', () => {
    const ref = repeat(['a', 30], ['b', 25], ['c', 10]);
    const cur = repeat(['a', 25], ['b', 30], ['c', 12]);
    const a = run(ref, cur, { method: 'TVD', seed: 7 });
    const b = run(ref, cur, { method: 'TVD', seed: 7 });
    expect(a.pValue).toBe(b.pValue);
  });

  it('rejects numerical columns', () => {
    expect(errorCode(num([1, 2]), num([2, 3]), { method: 'TVD' })).toBe('WRONG_KIND');
  });
});
