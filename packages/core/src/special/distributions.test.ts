import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fSf, studentTCdf, studentTSf, studentTTwoSidedP } from './distributions.js';
import { normalSf } from './normal.js';
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

// x = df / (df + t^2) and its complement are each formed to a few ulps; a tail then moves by about
// (df/2) * |log x| * those ulps. scipy 1.10's fdtrc is off by up to 4e-7 (F(1, 1e6) near f = 0).
const goldenCases: GoldenCase[] = [
  { name: 'studentTSf', fn: studentTSf, truthTol: 1e-12, scipyTol: 1e-12 },
  { name: 'studentTCdf', fn: studentTCdf, truthTol: 1e-12, scipyTol: 1e-12 },
  { name: 'studentTTwoSidedP', fn: studentTTwoSidedP, truthTol: 1e-12, scipyTol: 1e-12 },
  { name: 'fSf', fn: fSf, truthTol: 1e-12, scipyTol: 1e-12 },
];

describe('t and F tails vs scipy 1.10 and mpmath', () => {
  it.each(goldenCases)('$name', ({ name, fn, truthTol, scipyTol }) => {
    const summary = checkSpecialRows(fn, golden[name], truthTol, scipyTol);
    expect(summary.rows).toBeGreaterThan(100);
    expect(summary.failures).toEqual([]);
  });
});

type EdgeCase = { name: string; got: () => number; expected: number };

const edgeCases: EdgeCase[] = [
  { name: 'studentTSf(0, 5) = 0.5', got: () => studentTSf(0, 5), expected: 0.5 },
  {
    name: 'studentTSf(inf, 5) = 0',
    got: () => studentTSf(Number.POSITIVE_INFINITY, 5),
    expected: 0,
  },
  { name: 'studentTSf(-inf, 5) = 1', got: () => studentTSf(-Infinity, 5), expected: 1 },
  { name: 'studentTSf(1, 0) is NaN', got: () => studentTSf(1, 0), expected: Number.NaN },
  { name: 'studentTSf(1, -1) is NaN', got: () => studentTSf(1, -1), expected: Number.NaN },
  { name: 'studentTSf(NaN, 3) is NaN', got: () => studentTSf(Number.NaN, 3), expected: Number.NaN },
  {
    name: 'studentTSf(2, inf) = normalSf(2)',
    got: () => studentTSf(2, Infinity),
    expected: normalSf(2),
  },
  { name: 'studentTCdf(-2, 10)', got: () => studentTCdf(-2, 10), expected: studentTSf(2, 10) },
  { name: 'studentTTwoSidedP(0, 3) = 1', got: () => studentTTwoSidedP(0, 3), expected: 1 },
  { name: 'studentTTwoSidedP(1, 0) is NaN', got: () => studentTTwoSidedP(1, 0), expected: NaN },
  { name: 'fSf(-1, 2, 3) = 1', got: () => fSf(-1, 2, 3), expected: 1 },
  { name: 'fSf(0, 2, 3) = 1', got: () => fSf(0, 2, 3), expected: 1 },
  { name: 'fSf(inf, 2, 3) = 0', got: () => fSf(Number.POSITIVE_INFINITY, 2, 3), expected: 0 },
  { name: 'fSf(1, 0, 3) is NaN', got: () => fSf(1, 0, 3), expected: Number.NaN },
  { name: 'fSf(1, 2, -3) is NaN', got: () => fSf(1, 2, -3), expected: Number.NaN },
  { name: 'fSf(NaN, 2, 3) is NaN', got: () => fSf(Number.NaN, 2, 3), expected: Number.NaN },
];

describe('t and F edge policy', () => {
  it.each(edgeCases)('$name', ({ got, expected }) => {
    expect(got()).toBe(expected);
  });

  it('worked examples', () => {
    expect(studentTSf(2, 10)).toBeCloseTo(0.036694017385370196, 16);
    expect(studentTTwoSidedP(2, 10)).toBeCloseTo(0.07338803477074039, 16);
    expect(fSf(3, 5, 10)).toBeCloseTo(0.06555756209384413, 15);
    // Cauchy tail: P(T > t) = atan(1/t)/pi, so 1e100 gives 3.183e-101 (no 1 - cdf).
    expect(Math.abs(studentTSf(1e100, 1) / (1 / Math.PI / 1e100) - 1)).toBeLessThan(1e-14);
    // Past t^2/df = 1e300 the leading term x^a / (a B) is used; it continues the t^-df power law.
    const far = studentTSf(1e200, 0.3);
    expect(far).toBeGreaterThan(0);
    expect(Math.abs(far / studentTSf(1e140, 0.3) / 1e-18 - 1)).toBeLessThan(1e-12);
  });
});
