import { describe, expect, it } from 'vitest';
import { percentileLinear } from './epps-singleton.js';
import { errorCode, num, seq } from './testdata/columns.js';
import { goldenCases, runGolden } from './testdata/golden.js';

describe('es', () => {
  it.each(goldenCases('es'))('matches scipy: $name', (c) => {
    runGolden(c);
  });

  it.each([
    { q: 25, want: 1.75 },
    { q: 50, want: 2.5 },
    { q: 75, want: 3.25 },
    { q: 100, want: 4 },
  ])('percentileLinear of [1, 2, 3, 4] at $q', ({ q, want }) => {
    expect(percentileLinear(Float64Array.of(1, 2, 3, 4), q)).toBe(want);
  });

  it.each([
    { name: 'zero IQR', ref: [1, 5, 5, 5, 5, 5, 5, 9], cur: [5, 5, 5, 5, 5, 5], code: 'CONSTANT' },
    { name: 'four values', ref: [1, 2, 3, 4], cur: seq(10), code: 'TOO_FEW_VALUES' },
  ])('rejects $name', ({ ref, cur, code }) => {
    expect(errorCode(num(ref), num(cur), { method: 'es' })).toBe(code);
  });
});
