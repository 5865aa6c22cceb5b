import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { besselK } from './bessel-k.js';
import { checkSpecialRows } from './testdata/compare.js';
import type { SpecialGolden } from './testdata/golden.js';

const golden: SpecialGolden = JSON.parse(
  readFileSync(new URL('./testdata/special.golden.json', import.meta.url), 'utf8'),
);

describe('besselK vs scipy 1.10 (AMOS kv) and mpmath', () => {
  // Orders 0 .. 10, x in [1e-3, 700]: trapezoid error below 1e-16, a few ulps of rounding.
  it('matches to 1e-14 relative', () => {
    const summary = checkSpecialRows(besselK, golden.besselK, 1e-14, 1e-13);
    expect(summary.rows).toBeGreaterThan(70);
    expect(summary.failures).toEqual([]);
  });
});

type EdgeCase = { name: string; got: () => number; expected: number };

const edgeCases: EdgeCase[] = [
  { name: 'K(0.25, 0) = inf', got: () => besselK(0.25, 0), expected: Number.POSITIVE_INFINITY },
  { name: 'K(0.25, -1) is NaN', got: () => besselK(0.25, -1), expected: Number.NaN },
  { name: 'K(NaN, 1) is NaN', got: () => besselK(Number.NaN, 1), expected: Number.NaN },
  { name: 'K(0.25, NaN) is NaN', got: () => besselK(0.25, Number.NaN), expected: Number.NaN },
  { name: 'K(0.25, inf) = 0', got: () => besselK(0.25, Number.POSITIVE_INFINITY), expected: 0 },
  { name: 'K(-0.25, 1) = K(0.25, 1)', got: () => besselK(-0.25, 1), expected: besselK(0.25, 1) },
];

describe('besselK edge policy', () => {
  it.each(edgeCases)('$name', ({ got, expected }) => {
    expect(got()).toBe(expected);
  });

  it('K_{1/2}(x) = sqrt(pi / (2x)) e^-x', () => {
    for (const x of [0.01, 1, 30, 600]) {
      const exact = Math.sqrt(Math.PI / (2 * x)) * Math.exp(-x);
      expect(Math.abs(besselK(0.5, x) / exact - 1)).toBeLessThan(1e-14);
    }
    // mpmath: 0.4307397744485855 (scipy's AMOS kv gives ...5814, 9e-15 low).
    expect(besselK(0.25, 1)).toBeCloseTo(0.4307397744485855, 15);
  });
});
