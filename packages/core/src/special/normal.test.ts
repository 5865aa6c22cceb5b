import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { erfc } from './erf.js';
import { normalCdf, normalIsf, normalPpf, normalSf } from './normal.js';
import { checkSpecialRows } from './testdata/compare.js';
import type { SpecialGolden } from './testdata/golden.js';

const golden: SpecialGolden = JSON.parse(
  readFileSync(new URL('./testdata/special.golden.json', import.meta.url), 'utf8'),
);

type GoldenCase = {
  name: string;
  fn: (...args: number[]) => number;
  truthTol: number;
  scipyTol: number;
};

// normalCdf/Sf: relative error of z/sqrt(2) (1 ulp) is amplified by z^2 in the far tail
// (37^2 * 1.1e-16 = 1.5e-13 at 5.7e-300); scipy's ndtr has the same rounding, so agreement is tighter.
const goldenCases: GoldenCase[] = [
  { name: 'erfc', fn: erfc, truthTol: 2e-15, scipyTol: 1e-14 },
  { name: 'normalCdf', fn: normalCdf, truthTol: 2e-13, scipyTol: 1e-13 },
  { name: 'normalSf', fn: normalSf, truthTol: 2e-13, scipyTol: 1e-13 },
  { name: 'normalPpf', fn: normalPpf, truthTol: 1e-15, scipyTol: 1e-14 },
  { name: 'normalIsf', fn: normalIsf, truthTol: 1e-15, scipyTol: 1e-14 },
];

describe('normal distribution and erfc vs scipy 1.10 and mpmath', () => {
  it.each(goldenCases)('$name', ({ name, fn, truthTol, scipyTol }) => {
    const summary = checkSpecialRows(fn, golden[name], truthTol, scipyTol);
    expect(summary.rows).toBeGreaterThan(20);
    expect(summary.failures).toEqual([]);
  });
});

type EdgeCase = { name: string; got: () => number; expected: number };

const edgeCases: EdgeCase[] = [
  { name: 'erfc(NaN) is NaN', got: () => erfc(Number.NaN), expected: Number.NaN },
  { name: 'erfc(-inf) = 2', got: () => erfc(Number.NEGATIVE_INFINITY), expected: 2 },
  { name: 'erfc(inf) = 0', got: () => erfc(Number.POSITIVE_INFINITY), expected: 0 },
  { name: 'erfc(0) = 1', got: () => erfc(0), expected: 1 },
  { name: 'erfc(28) underflows to 0', got: () => erfc(28), expected: 0 },
  { name: 'erfc(1) worked example', got: () => erfc(1), expected: 0.15729920705028513 },
  { name: 'normalCdf(NaN) is NaN', got: () => normalCdf(Number.NaN), expected: Number.NaN },
  { name: 'normalCdf(-inf) = 0', got: () => normalCdf(Number.NEGATIVE_INFINITY), expected: 0 },
  { name: 'normalCdf(inf) = 1', got: () => normalCdf(Number.POSITIVE_INFINITY), expected: 1 },
  { name: 'normalSf(0) = 0.5', got: () => normalSf(0), expected: 0.5 },
  { name: 'normalPpf(0) = -inf', got: () => normalPpf(0), expected: Number.NEGATIVE_INFINITY },
  { name: 'normalPpf(1) = inf', got: () => normalPpf(1), expected: Number.POSITIVE_INFINITY },
  { name: 'normalPpf(-0.1) is NaN', got: () => normalPpf(-0.1), expected: Number.NaN },
  { name: 'normalPpf(1.5) is NaN', got: () => normalPpf(1.5), expected: Number.NaN },
  { name: 'normalPpf(NaN) is NaN', got: () => normalPpf(Number.NaN), expected: Number.NaN },
  { name: 'normalPpf(0.5) = 0', got: () => normalPpf(0.5), expected: 0 },
  { name: 'normalIsf(0) = inf', got: () => normalIsf(0), expected: Number.POSITIVE_INFINITY },
  { name: 'normalIsf(1) = -inf', got: () => normalIsf(1), expected: Number.NEGATIVE_INFINITY },
];

describe('normal distribution edge policy', () => {
  it.each(edgeCases)('$name', ({ got, expected }) => {
    expect(got()).toBe(expected);
  });

  it('normalSf(37) keeps relative precision at 5.7e-300 (no 1 - cdf)', () => {
    expect(normalSf(37) / 5.725571222524e-300 - 1).toBeLessThan(1e-12);
    expect(normalSf(37)).toBe(normalCdf(-37));
  });

  // Round trip: a 1e-16 error in z moves the tail by z^2 * 1e-16 (1.5e-13 at p = 1e-300).
  it('normalPpf and normalCdf invert each other across the range', () => {
    for (const p of [1e-300, 1e-100, 1e-10, 0.001, 0.2, 0.5, 0.8, 0.999]) {
      expect(Math.abs(normalCdf(normalPpf(p)) / p - 1)).toBeLessThan(1e-12);
      expect(Math.abs(normalSf(normalIsf(p)) / p - 1)).toBeLessThan(1e-12);
    }
  });
});
