import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CoreErrorCode } from '../result.js';
import { sampleRatioMismatch } from './srm.js';

interface Case {
  name: string;
  counts: number[];
  weights: number[];
  expected: { statistic: number; pValue: number; df: number; expected: number[] };
}
const golden: { cases: Case[] } = JSON.parse(
  readFileSync(new URL('./testdata/srm.golden.json', import.meta.url), 'utf8'),
);

describe('sampleRatioMismatch', () => {
  it.each(golden.cases)('$name matches scipy.stats.chisquare', ({ counts, weights, expected }) => {
    const r = sampleRatioMismatch(counts, weights);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.df).toBe(expected.df);
    // Statistic: relative 1e-12 (a sum of k terms). p: relative 1e-10 down to 1e-300 (chi² tail).
    expect(Math.abs(r.value.statistic - expected.statistic)).toBeLessThanOrEqual(
      1e-12 * expected.statistic + 1e-12,
    );
    expect(Math.abs(r.value.pValue - expected.pValue)).toBeLessThanOrEqual(
      1e-10 * expected.pValue + 1e-300,
    );
    expect(r.value.mismatch).toBe(expected.pValue < 0.001);
    expected.expected.forEach((e, i) => {
      expect(r.value.expected[i]).toBeCloseTo(e, 9);
    });
  });

  it('alpha sets the flag', () => {
    const r = sampleRatioMismatch([5100, 4900], [1, 1], { alpha: 0.05 });
    expect(r.ok && r.value.mismatch).toBe(true); // χ² = 4, p = 0.0455
  });

  it('traffic on a zero-weight variant is a certain mismatch', () => {
    const r = sampleRatioMismatch([700, 300, 2], [0.7, 0.3, 0]);
    if (!r.ok) throw new Error(r.error.message);
    expect([r.value.statistic, r.value.pValue, r.value.mismatch]).toEqual([Infinity, 0, true]);
  });

  type Bad = {
    name: string;
    counts: number[];
    weights: number[];
    options?: object;
    code: CoreErrorCode;
  };
  const bad: Bad[] = [
    { name: 'negative count', counts: [-1, 5], weights: [1, 1], code: 'INVALID_ARGUMENT' },
    { name: 'fractional count', counts: [1.5, 5], weights: [1, 1], code: 'INVALID_ARGUMENT' },
    { name: 'weights sum to 0', counts: [1, 5], weights: [0, 0], code: 'INVALID_ARGUMENT' },
    { name: 'negative weight', counts: [1, 5], weights: [-1, 2], code: 'INVALID_ARGUMENT' },
    { name: 'NaN weight', counts: [1, 5], weights: [Number.NaN, 2], code: 'INVALID_ARGUMENT' },
    { name: 'one positive weight', counts: [1, 5], weights: [0, 2], code: 'INVALID_ARGUMENT' },
    { name: 'lengths differ', counts: [1, 5], weights: [1, 1, 1], code: 'LENGTH_MISMATCH' },
    { name: 'no observations', counts: [0, 0], weights: [1, 1], code: 'EMPTY_SAMPLE' },
    { name: 'empty', counts: [], weights: [], code: 'INVALID_ARGUMENT' },
    {
      name: 'alpha 0',
      counts: [1, 5],
      weights: [1, 1],
      options: { alpha: 0 },
      code: 'INVALID_ARGUMENT',
    },
  ];
  it.each(bad)('returns $code for $name', ({ counts, weights, options, code }) => {
    const r = sampleRatioMismatch(counts, weights, options);
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
  });
});
