import { describe, expect, it } from 'vitest';
import { cramersV, distanceOutput, testOutput } from './output.js';
import type { CategoryCounts } from './types.js';

function counts(ref: number[], cur: number[]): CategoryCounts {
  const total = (v: number[]) => v.reduce((s, x) => s + x, 0);
  return {
    keys: ref.map((_, i) => `k${i}`),
    reference: Float64Array.from(ref),
    current: Float64Array.from(cur),
    referenceTotal: total(ref),
    currentTotal: total(cur),
    ordered: true,
  };
}

describe('output', () => {
  it.each([
    { name: 'disjoint', ref: [10, 0], cur: [0, 10], want: 1 },
    { name: 'same shares', ref: [10, 30], cur: [5, 15], want: 0 },
    { name: '2 × 2, χ² = 4 over 100 rows', ref: [30, 20], cur: [20, 30], want: 0.2 },
    { name: 'single category', ref: [4], cur: [7], want: 0 },
  ])('cramersV: $name', ({ ref, cur, want }) => {
    expect(cramersV(counts(ref, cur))).toBeCloseTo(want, 14);
  });

  it('turns a NaN p-value into NOT_COMPUTABLE and clamps the rest to [0, 1]', () => {
    const nan = testOutput('x', 1, Number.NaN, 'e', 0);
    expect(nan.ok ? 'ok' : nan.error.code).toBe('NOT_COMPUTABLE');
    const high = testOutput('x', 1, 1 + 1e-15, 'e', 0);
    expect(high.ok && high.value.score).toBe(1);
  });

  it('rejects a non-finite distance', () => {
    const r = distanceOutput('psi', Number.POSITIVE_INFINITY);
    expect(r.ok ? 'ok' : r.error.code).toBe('NOT_COMPUTABLE');
  });
});
