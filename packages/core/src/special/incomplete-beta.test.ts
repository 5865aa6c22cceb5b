import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { betaSf } from './distributions.js';
import { betaInc, betaIncComplement } from './incomplete-beta.js';
import { checkSpecialRows } from './testdata/compare.js';
import type { SpecialGolden } from './testdata/golden.js';

const golden: SpecialGolden = JSON.parse(
  readFileSync(new URL('./testdata/special.golden.json', import.meta.url), 'utf8'),
);

type Tol = number | ((args: number[]) => number);
type GoldenCase = { name: string; fn: (...args: number[]) => number; truthTol: Tol; scipyTol: Tol };

// Tolerances by shape: with a parameter below 1/2 (1e-5, 0.01 in the grid) and x within 1e-3 of
// the end where that tail is small, the small tail is 1 minus a value near 1 (measured <= 2e-11,
// bound 1e-10); with a parameter >= 1e4 the continued fraction runs O(sqrt(max(a, b))) steps,
// whose rounding adds up (measured <= 4e-12, bound 5e-12); elsewhere 1e-12.
// Arguments: [a, b, x] (betaSf: [x, a, b]).
const skewedTol = (a: number, b: number) => {
  if (Math.min(a, b) < 0.5) return 1e-10;
  return Math.max(a, b) >= 1e4 ? 5e-12 : 1e-12;
};
const incTol = (args: number[]) => skewedTol(args[0], args[1]);
const sfTol = (args: number[]) => skewedTol(args[1], args[2]);

// The grid spans a, b in [1e-5, 1e6] and x from 1e-300 to 1 - 1e-10. Where the answer is
// ill-conditioned (d log I / d log x ~ |a - (a+b) x| reaches 1e4 for a, b ~ 1e6) a double
// computation from the exact x loses about that many ulps, hence the truth tolerance; scipy's cephes
// betainc is off by up to 1e-9 (and by far more for b -> 0, x -> 1), where we must be closer.
const goldenCases: GoldenCase[] = [
  { name: 'betaInc', fn: betaInc, truthTol: incTol, scipyTol: incTol },
  { name: 'betaIncComplement', fn: betaIncComplement, truthTol: incTol, scipyTol: incTol },
  { name: 'betaSf', fn: betaSf, truthTol: sfTol, scipyTol: sfTol },
];

describe('regularized incomplete beta vs scipy 1.10 and mpmath', () => {
  it.each(goldenCases)('$name', ({ name, fn, truthTol, scipyTol }) => {
    const summary = checkSpecialRows(fn, golden[name], truthTol, scipyTol);
    expect(summary.rows).toBeGreaterThan(50);
    expect(summary.failures).toEqual([]);
  });
});

type EdgeCase = { name: string; got: () => number; expected: number };

const edgeCases: EdgeCase[] = [
  { name: 'betaInc(2, 3, 0) = 0', got: () => betaInc(2, 3, 0), expected: 0 },
  { name: 'betaInc(2, 3, 1) = 1', got: () => betaInc(2, 3, 1), expected: 1 },
  { name: 'betaIncComplement(2, 3, 0) = 1', got: () => betaIncComplement(2, 3, 0), expected: 1 },
  { name: 'betaIncComplement(2, 3, 1) = 0', got: () => betaIncComplement(2, 3, 1), expected: 0 },
  { name: 'betaInc(0, 1, 0.5) is NaN', got: () => betaInc(0, 1, 0.5), expected: Number.NaN },
  { name: 'betaInc(1, -1, 0.5) is NaN', got: () => betaInc(1, -1, 0.5), expected: Number.NaN },
  { name: 'betaInc(1, 1, -0.1) is NaN', got: () => betaInc(1, 1, -0.1), expected: Number.NaN },
  { name: 'betaInc(1, 1, 1.1) is NaN', got: () => betaInc(1, 1, 1.1), expected: Number.NaN },
  {
    name: 'betaIncComplement(1, 1, NaN) is NaN',
    got: () => betaIncComplement(1, 1, NaN),
    expected: NaN,
  },
  { name: 'betaSf(-1, 2, 3) = 1', got: () => betaSf(-1, 2, 3), expected: 1 },
  { name: 'betaSf(2, 2, 3) = 0', got: () => betaSf(2, 2, 3), expected: 0 },
  { name: 'betaSf(0.5, 0, 3) is NaN', got: () => betaSf(0.5, 0, 3), expected: Number.NaN },
  { name: 'betaSf(NaN, 2, 3) is NaN', got: () => betaSf(Number.NaN, 2, 3), expected: Number.NaN },
];

describe('incomplete beta edge policy', () => {
  it.each(edgeCases)('$name', ({ got, expected }) => {
    expect(got()).toBe(expected);
  });

  it('worked examples: I_0.4(2, 3) = 0.5248 and the far tail keeps relative precision', () => {
    expect(betaInc(2, 3, 0.4)).toBeCloseTo(0.5248, 15);
    expect(betaIncComplement(2, 3, 0.4)).toBeCloseTo(0.4752, 15);
    expect(Math.abs(betaInc(2, 3, 1e-150) / 6e-300 - 1)).toBeLessThan(1e-13);
    // 1 - I_x(3, 2) at x = 1 - 2^-40 is I_{2^-40}(2, 3) = 6 * 2^-80 (1 - O(2^-40)).
    expect(Math.abs(betaIncComplement(3, 2, 1 - 2 ** -40) / (6 * 2 ** -80) - 1)).toBeLessThan(
      1e-11,
    );
  });
});
