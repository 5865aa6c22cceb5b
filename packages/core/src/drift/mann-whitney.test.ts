import { describe, expect, it } from 'vitest';
import { mannWhitneyExactCdf } from './mann-whitney.js';
import { num, run } from './testdata/columns.js';
import { goldenCases, runGolden } from './testdata/golden.js';

describe('mannw', () => {
  it.each(goldenCases('mannw'))('matches scipy: $name', (c) => {
    runGolden(c);
  });

  // P(U <= k) from scipy's _mwu_state.cdf.
  it.each([
    { k: 0, n1: 3, n2: 3, want: 0.05 },
    { k: 4, n1: 3, n2: 3, want: 0.5 },
    { k: 8, n1: 3, n2: 3, want: 0.95 },
    { k: 10, n1: 4, n2: 7, want: 0.2636363636363636 },
    { k: 3, n1: 1, n2: 5, want: 4 / 6 },
  ])('exact cdf P(U <= $k | $n1, $n2)', ({ k, n1, n2, want }) => {
    expect(mannWhitneyExactCdf(k, n1, n2)).toBeCloseTo(want, 14);
    expect(mannWhitneyExactCdf(k, n2, n1)).toBeCloseTo(want, 14);
  });

  it('exact cdf sums to 1 and stays accurate for one tiny sample and one large', () => {
    expect(mannWhitneyExactCdf(8 * 5000, 8, 5000)).toBe(1);
    // P(U = 0) = 1 / C(5008, 8).
    let c = 1;
    for (let i = 1; i <= 8; i++) c = (c * (5000 + i)) / i;
    expect(mannWhitneyExactCdf(0, 8, 5000) * c).toBeCloseTo(1, 9);
  });

  it('flags a current sample shifted up (Evidently alternative "less")', () => {
    const up = run(
      num([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
      num([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]),
      { method: 'mannw' },
    );
    const down = run(
      num([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]),
      num([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
      { method: 'mannw' },
    );
    expect(up.drifted).toBe(true);
    expect(down.drifted).toBe(false);
    expect(up.effectSize).toEqual({ name: 'rank_biserial', value: -1 });
    expect(down.effectSize).toEqual({ name: 'rank_biserial', value: 1 });
  });

  it('gives p = 1 when every value is tied', () => {
    expect(
      run(num([2, 2, 2, 2, 2, 2, 2, 2, 2]), num([2, 2, 2, 2, 2, 2, 2, 2, 2, 2]), {
        method: 'mannw',
      }).pValue,
    ).toBe(1);
  });
});
