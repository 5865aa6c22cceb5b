import { describe, expect, it } from 'vitest';
import { errorCode, num, repeat, run } from './testdata/columns.js';
import { goldenCases, runGolden } from './testdata/golden.js';

describe('g_test', () => {
  it.each(goldenCases('g_test'))('matches scipy: $name', (c) => {
    runGolden(c);
  });

  it('has default threshold 0.1', () => {
    const r = run(repeat(['a', 50], ['b', 50]), repeat(['a', 60], ['b', 40]), { method: 'g_test' });
    expect(r.threshold).toBe(0.1);
    expect(r.statistic).toBeCloseTo(4.027102710137, 9);
    expect(r.drifted).toBe(true);
  });

  it('is 0 with p = 1 for identical shares', () => {
    const r = run(repeat(['a', 10], ['b', 30]), repeat(['a', 5], ['b', 15]), { method: 'g_test' });
    expect(r.statistic).toBe(0);
    expect(r.pValue).toBe(1);
  });

  it.each([
    {
      name: 'single category',
      ref: repeat(['a', 3]),
      cur: repeat(['a', 4]),
      code: 'SINGLE_CATEGORY',
    },
    { name: 'numerical column', ref: num([1, 2]), cur: num([1, 3]), code: 'WRONG_KIND' },
  ])('rejects $name', ({ ref, cur, code }) => {
    expect(errorCode(ref, cur, { method: 'g_test' })).toBe(code);
  });
});
