import { describe, expect, it } from 'vitest';
import { cat, errorCode, num, run, seq } from './testdata/columns.js';
import { goldenCases, runGolden } from './testdata/golden.js';

describe('ks', () => {
  it.each(goldenCases('ks'))('matches scipy: $name', (c) => {
    const r = runGolden(c);
    expect(r.effectSize).toEqual({ name: 'ks_d', value: r.statistic });
  });

  it('flags drift when p equals the threshold (<=)', () => {
    const r = run(num([1, 2, 3, 4, 5]), num([6, 7, 8, 9, 10]), {
      method: 'ks',
      threshold: 2 / 252,
    });
    expect(r.pValue).toBeCloseTo(2 / 252, 15);
    expect(r.drifted).toBe(true);
  });

  it('does not sort the caller arrays', () => {
    const ref = num([3, 1, 2]);
    run(ref, num([0, 5, 4]), { method: 'ks' });
    expect(Array.from(ref.kind === 'numerical' ? ref.values : [])).toEqual([3, 1, 2]);
  });

  it('rejects categorical columns', () => {
    expect(errorCode(cat(['a', 'b']), cat(['a']), { method: 'ks' })).toBe('WRONG_KIND');
  });

  it('gives D = 1 for disjoint samples of any size', () => {
    expect(run(num(seq(50)), num(seq(70, 100)), { method: 'ks' }).statistic).toBe(1);
  });
});
