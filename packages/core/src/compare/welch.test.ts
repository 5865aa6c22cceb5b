import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CoreErrorCode } from '../result.js';
import type { Alternative } from './types.js';
import { welchTTest } from './welch.js';

interface Expected {
  statistic: number;
  pValue: number;
  df: number;
  meanDifference: number;
  standardError: number;
  lower: number | null;
  upper: number | null;
  cohensD: number;
  hedgesG: number;
}
interface Case {
  name: string;
  dataset: number;
  alternative: Alternative;
  level: number;
  expected: Expected;
}
const golden: { datasets: { a: number[]; b: number[] }[]; cases: Case[] } = JSON.parse(
  readFileSync(new URL('./testdata/welch.golden.json', import.meta.url), 'utf8'),
);

function close(actual: number, expected: number, rel: number, abs = 0): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected) + abs);
}

describe('welchTTest', () => {
  it.each(golden.cases)('$name matches scipy', ({ dataset, alternative, level, expected }) => {
    const { a, b } = golden.datasets[dataset];
    const r = welchTTest(a, b, { alternative, level });
    if (!r.ok) throw new Error(r.error.message);
    const v = r.value;
    // Relative 1e-12 on moments; the 1e9-offset data set carries ~1e-16·1e9/σ rounding from the
    // mean itself, hence the 1e-9 relative allowance on quantities divided by the spread.
    close(v.meanDifference, expected.meanDifference, 1e-9, 1e-12);
    close(v.standardError, expected.standardError, 1e-9);
    close(v.statistic, expected.statistic, 1e-9);
    close(v.df, expected.df, 1e-9);
    close(v.cohensD, expected.cohensD, 1e-9);
    close(v.hedgesG, expected.hedgesG, 1e-9);
    // p-values: relative 1e-9 (the t tail down to 1e-60 is relatively accurate) or 1e-15 absolute.
    close(v.pValue, expected.pValue, 1e-9, 1e-15);
    const lower = expected.lower ?? Number.NEGATIVE_INFINITY;
    const upper = expected.upper ?? Number.POSITIVE_INFINITY;
    if (Number.isFinite(lower)) close(v.confidenceInterval.lower, lower, 1e-9, 1e-12);
    else expect(v.confidenceInterval.lower).toBe(lower);
    if (Number.isFinite(upper)) close(v.confidenceInterval.upper, upper, 1e-9, 1e-12);
    else expect(v.confidenceInterval.upper).toBe(upper);
    expect(v.confidenceInterval.level).toBe(level);
  });

  type BadCase = { name: string; a: number[]; b: number[]; options?: object; code: CoreErrorCode };
  const bad: BadCase[] = [
    { name: 'empty a', a: [], b: [1, 2], code: 'TOO_FEW_VALUES' },
    { name: 'one value in b', a: [1, 2], b: [3], code: 'TOO_FEW_VALUES' },
    { name: 'NaN', a: [1, Number.NaN, 3], b: [1, 2], code: 'INVALID_ARGUMENT' },
    { name: 'Infinity', a: [1, 2], b: [1, Number.POSITIVE_INFINITY], code: 'INVALID_ARGUMENT' },
    { name: 'both constant', a: [2, 2, 2], b: [3, 3], code: 'CONSTANT' },
    { name: 'level 1', a: [1, 2], b: [3, 4], options: { level: 1 }, code: 'INVALID_ARGUMENT' },
    { name: 'level 0', a: [1, 2], b: [3, 4], options: { level: 0 }, code: 'INVALID_ARGUMENT' },
    {
      name: 'unknown alternative',
      a: [1, 2],
      b: [3, 4],
      options: { alternative: 'bigger' },
      code: 'INVALID_ARGUMENT',
    },
  ];
  it.each(bad)('returns $code for $name', ({ a, b, options, code }) => {
    const r = welchTTest(a, b, options);
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
  });

  it('accepts typed arrays and is antisymmetric in (a, b)', () => {
    const a = Float64Array.of(1, 2, 3, 4);
    const b = Float64Array.of(2, 4, 6, 8, 10);
    const ab = welchTTest(a, b);
    const ba = welchTTest(b, a);
    if (!ab.ok || !ba.ok) throw new Error('unexpected error');
    expect(ba.value.statistic).toBeCloseTo(-ab.value.statistic, 14);
    expect(ba.value.pValue).toBeCloseTo(ab.value.pValue, 14);
    expect(ba.value.hedgesG).toBeCloseTo(-ab.value.hedgesG, 14);
  });
});
