import { describe, expect, it } from 'vitest';
import { errorCode, num, run } from './testdata/columns.js';
import { goldenCases, runGolden } from './testdata/golden.js';

describe('t_test', () => {
  it.each(goldenCases('t_test'))('matches scipy: $name', (c) => {
    runGolden(c);
  });

  it("reports Cohen's d", () => {
    const r = run(num([1, 2, 3, 4]), num([3, 4, 5, 6]), { method: 't_test' });
    expect(r.effectSize?.name).toBe('cohens_d');
    expect(r.effectSize?.value).toBeCloseTo(-2 / Math.sqrt(5 / 3), 14);
  });

  it('gives p = 0 for two different constants', () => {
    const r = run(num([1, 1, 1]), num([2, 2]), { method: 't_test' });
    expect(r.pValue).toBe(0);
    expect(r.statistic).toBe(Number.NEGATIVE_INFINITY);
    expect(r.effectSize).toBeNull();
  });

  it.each([
    { name: 'equal constants', ref: [3, 3, 3], cur: [3, 3], code: 'CONSTANT' },
    { name: 'one value', ref: [1], cur: [1, 2, 3], code: 'TOO_FEW_VALUES' },
  ])('rejects $name', ({ ref, cur, code }) => {
    expect(errorCode(num(ref), num(cur), { method: 't_test' })).toBe(code);
  });
});
