import { describe, expect, it } from 'vitest';
import { num, run } from './testdata/columns.js';
import { goldenCases, runGolden } from './testdata/golden.js';

describe('ed', () => {
  it.each(goldenCases('ed'))('matches scipy: $name', (c) => {
    runGolden(c);
  });

  it('drifts only strictly above the threshold (>)', () => {
    const at = run(num([0]), num([1]), { method: 'ed', threshold: Math.SQRT2 });
    expect(at.score).toBe(Math.SQRT2);
    expect(at.drifted).toBe(false);
  });

  it("equals sqrt(2 E|X-Y| - E|X-X'| - E|Y-Y'|)", () => {
    const x = [0, 1, 3];
    const y = [2, 5];
    const mean = (a: number[], b: number[]) =>
      a.reduce((s, u) => s + b.reduce((t, v) => t + Math.abs(u - v), 0), 0) / (a.length * b.length);
    const want = Math.sqrt(2 * mean(x, y) - mean(x, x) - mean(y, y));
    expect(run(num(x), num(y), { method: 'ed' }).score).toBeCloseTo(want, 14);
  });
});
