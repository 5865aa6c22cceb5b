import { describe, expect, it } from 'vitest';
import { andersonPValue, quadraticFit } from './anderson.js';
import { errorCode, num, run, seq } from './testdata/columns.js';
import { goldenCases, runGolden } from './testdata/golden.js';

describe('anderson', () => {
  it.each(goldenCases('anderson'))('matches scipy: $name', (c) => {
    runGolden(c);
  });

  it('fits a quadratic exactly when the data is quadratic', () => {
    const x = [0.5, 1, 2, 3, 4.5];
    const [a, b, c] = quadraticFit(
      x,
      x.map((v) => 2 * v * v - 3 * v + 0.25),
    );
    expect(a).toBeCloseTo(2, 12);
    expect(b).toBeCloseTo(-3, 12);
    expect(c).toBeCloseTo(0.25, 12);
  });

  it('caps the p-value to [0.001, 0.25] like scipy', () => {
    expect(andersonPValue(-5)).toBe(0.25);
    expect(andersonPValue(50)).toBe(0.001);
    const mid = andersonPValue(2);
    expect(mid).toBeGreaterThan(0.001);
    expect(mid).toBeLessThan(0.25);
  });

  it('works on the worked example', () => {
    const r = run(num(seq(10, 1)), num(seq(10, 11)), { method: 'anderson' });
    expect(r.statistic).toBeCloseTo(9.85747217001257, 12);
    expect(r.pValue).toBe(0.001);
  });

  it.each([
    { name: 'constant', ref: [2, 2, 2], cur: [2, 2], code: 'CONSTANT' },
    { name: 'three values', ref: [1, 2], cur: [3], code: 'TOO_FEW_VALUES' },
  ])('rejects $name', ({ ref, cur, code }) => {
    expect(errorCode(num(ref), num(cur), { method: 'anderson' })).toBe(code);
  });
});
