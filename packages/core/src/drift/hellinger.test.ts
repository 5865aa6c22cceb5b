import { describe, expect, it } from 'vitest';
import { num, repeat, run } from './testdata/columns.js';
import { goldenCases, runGolden } from './testdata/golden.js';

describe('hellinger', () => {
  it.each(goldenCases('hellinger'))('matches Evidently: $name', (c) => {
    runGolden(c);
  });

  it('works on the worked example', () => {
    const r = run(repeat(['a', 50], ['b', 50]), repeat(['a', 90], ['b', 10]), {
      method: 'hellinger',
    });
    expect(r.score).toBeCloseTo(Math.sqrt(1 - (Math.sqrt(0.45) + Math.sqrt(0.05))), 14);
  });

  it('is 1 for disjoint numerical samples', () => {
    expect(run(num([0, 0.1, 0.2]), num([10, 10.1, 10.2]), { method: 'hellinger' }).score).toBe(1);
  });
});
