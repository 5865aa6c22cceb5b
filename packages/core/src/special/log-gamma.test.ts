import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logBeta, logChoose, logFactorial } from './log-beta.js';
import { logGamma } from './log-gamma.js';
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

// logGamma near its zeros (x = 1, 2) is compared relative to a tiny value: fdlibm keeps it to
// a few ulps there. logChoose's scipy column is the naive gammaln difference (it loses digits for
// large n), so only the exact value (math.comb) binds tightly.
const goldenCases: GoldenCase[] = [
  { name: 'logGamma', fn: logGamma, truthTol: 2e-15, scipyTol: 1e-12 },
  { name: 'logBeta', fn: logBeta, truthTol: 1e-14, scipyTol: 1e-12 },
  { name: 'logFactorial', fn: logFactorial, truthTol: 1e-15, scipyTol: 1e-14 },
  { name: 'logChoose', fn: logChoose, truthTol: 1e-14, scipyTol: 1e-12 },
];

describe('log-gamma family vs scipy 1.10 and mpmath', () => {
  it.each(goldenCases)('$name', ({ name, fn, truthTol, scipyTol }) => {
    const summary = checkSpecialRows(fn, golden[name], truthTol, scipyTol);
    expect(summary.rows).toBeGreaterThan(10);
    expect(summary.failures).toEqual([]);
  });
});

type EdgeCase = { name: string; got: () => number; expected: number };

const edgeCases: EdgeCase[] = [
  { name: 'logGamma(0) = inf', got: () => logGamma(0), expected: Number.POSITIVE_INFINITY },
  {
    name: 'logGamma(-3) = inf (pole)',
    got: () => logGamma(-3),
    expected: Number.POSITIVE_INFINITY,
  },
  {
    name: 'logGamma(inf) = inf',
    got: () => logGamma(Number.POSITIVE_INFINITY),
    expected: Infinity,
  },
  { name: 'logGamma(-inf) is NaN', got: () => logGamma(Number.NEGATIVE_INFINITY), expected: NaN },
  { name: 'logGamma(NaN) is NaN', got: () => logGamma(Number.NaN), expected: Number.NaN },
  { name: 'logGamma(1) = 0', got: () => logGamma(1), expected: 0 },
  { name: 'logGamma(2) = 0', got: () => logGamma(2), expected: 0 },
  { name: 'logGamma(0.5) = log sqrt(pi)', got: () => logGamma(0.5), expected: 0.5723649429247001 },
  { name: 'logBeta(0, 1) = inf', got: () => logBeta(0, 1), expected: Number.POSITIVE_INFINITY },
  { name: 'logBeta(-1, 1) is NaN', got: () => logBeta(-1, 1), expected: Number.NaN },
  { name: 'logBeta(1, NaN) is NaN', got: () => logBeta(1, Number.NaN), expected: Number.NaN },
  {
    name: 'logBeta(0.5, 0.5) = log pi',
    got: () => logBeta(0.5, 0.5),
    expected: 1.1447298858494002,
  },
  { name: 'logFactorial(-1) is NaN', got: () => logFactorial(-1), expected: Number.NaN },
  { name: 'logFactorial(0) = 0', got: () => logFactorial(0), expected: 0 },
  {
    name: 'logChoose(5, 6) = -inf',
    got: () => logChoose(5, 6),
    expected: Number.NEGATIVE_INFINITY,
  },
  { name: 'logChoose(5, -1) = -inf', got: () => logChoose(5, -1), expected: -Infinity },
  { name: 'logChoose(-5, 1) is NaN', got: () => logChoose(-5, 1), expected: Number.NaN },
  { name: 'logChoose(5, NaN) is NaN', got: () => logChoose(5, Number.NaN), expected: Number.NaN },
  { name: 'logChoose(7, 0) = 0', got: () => logChoose(7, 0), expected: 0 },
  { name: 'logChoose(7, 7) = 0', got: () => logChoose(7, 7), expected: 0 },
];

describe('log-gamma family edge policy', () => {
  it.each(edgeCases)('$name', ({ got, expected }) => {
    expect(got()).toBe(expected);
  });

  it('logChoose(5, 2) = log 10 and logChoose(1e9, 1) = log 1e9 to full precision', () => {
    expect(logChoose(5, 2)).toBeCloseTo(Math.log(10), 15);
    expect(logFactorial(10)).toBeCloseTo(Math.log(3628800), 14);
    expect(Math.abs(logChoose(1e9, 1) / Math.log(1e9) - 1)).toBeLessThan(1e-15);
  });
});
