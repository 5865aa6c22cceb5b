import { describe, expect, it } from 'vitest';
import { cdfDistance, ksStatistic, meanAndVariance } from './ecdf.js';

const f = (v: number[]) => Float64Array.from(v);

describe('ecdf', () => {
  it.each([
    { a: [1, 2, 3], b: [2, 3, 4], want: 1 / 3 },
    { a: [1, 2, 3], b: [1, 2, 3], want: 0 },
    { a: [1, 1, 1, 2], b: [1, 2, 2, 2], want: 0.5 },
    { a: [0], b: [5], want: 1 },
  ])('ksStatistic($a, $b) = $want', ({ a, b, want }) => {
    expect(ksStatistic(f(a), f(b))).toBeCloseTo(want, 15);
  });

  it.each([
    { a: [0], b: [1], p: 1 as const, want: 1 },
    { a: [0, 1, 2, 3], b: [1, 2, 3, 4], p: 1 as const, want: 1 },
    { a: [0, 2], b: [1], p: 2 as const, want: 0.5 },
    { a: [1, 1], b: [1], p: 1 as const, want: 0 },
  ])('cdfDistance p=$p', ({ a, b, p, want }) => {
    expect(cdfDistance(f(a), f(b), p)).toBeCloseTo(want, 15);
  });

  it('computes mean and variance with ddof', () => {
    expect(meanAndVariance(f([1, 2, 3, 4]), 0)).toEqual({ mean: 2.5, variance: 1.25 });
    expect(meanAndVariance(f([1, 2, 3, 4]), 1).variance).toBeCloseTo(5 / 3, 15);
  });
});
