import { describe, expect, it } from 'vitest';
import { errorCode, num, repeat, run } from './testdata/columns.js';
import { goldenCases, runGolden } from './testdata/golden.js';

describe('chisquare', () => {
  it.each(goldenCases('chisquare'))('matches scipy: $name', (c) => {
    runGolden(c);
  });

  it('reports an infinite statistic and p = 0 for a category absent from the reference', () => {
    const r = run(repeat(['a', 30], ['b', 20]), repeat(['a', 25], ['b', 20], ['c', 3]), {
      method: 'chisquare',
    });
    expect(r.statistic).toBe(Number.POSITIVE_INFINITY);
    expect(r.score).toBe(0);
    expect(r.drifted).toBe(true);
    expect(r.effectSize?.name).toBe('cramers_v');
    expect(r.effectSize?.value).toBeGreaterThan(0);
    expect(r.effectSize?.value).toBeLessThan(1);
  });

  it('works on the worked example', () => {
    const r = run(repeat(['a', 50], ['b', 50]), repeat(['a', 60], ['b', 40]), {
      method: 'chisquare',
    });
    expect(r.statistic).toBeCloseTo(4, 12);
    expect(r.pValue).toBeCloseTo(0.0455002638963584, 12);
  });

  it.each([
    { name: 'one category', ref: repeat(['a', 5]), cur: repeat(['a', 3]) },
    { name: 'one number', ref: num([2, 2, 2]), cur: num([2, 2]) },
  ])('needs two categories: $name', ({ ref, cur }) => {
    expect(errorCode(ref, cur, { method: 'chisquare' })).toBe('SINGLE_CATEGORY');
  });
});
