import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CoreErrorCode } from '../result.js';
import type { ProportionSample } from './proportions.js';
import { twoProportionZTest } from './proportions.js';
import type { Alternative } from './types.js';

interface Case {
  name: string;
  a: ProportionSample;
  b: ProportionSample;
  alternative: Alternative;
  level: number;
  expected: {
    statistic: number;
    pValue: number;
    difference: number;
    standardError: number;
    lower: number | null;
    upper: number | null;
    relativeLift: number | null;
  };
}
const golden: { cases: Case[] } = JSON.parse(
  readFileSync(new URL('./testdata/proportions.golden.json', import.meta.url), 'utf8'),
);

function close(actual: number, expected: number, rel: number, abs = 0): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected) + abs);
}

describe('twoProportionZTest', () => {
  it.each(golden.cases)('$name matches the statsmodels formulas', (c) => {
    const r = twoProportionZTest(c.a, c.b, { alternative: c.alternative, level: c.level });
    if (!r.ok) throw new Error(r.error.message);
    const v = r.value;
    const e = c.expected;
    // Same closed forms in both: only rounding differs (relative 1e-12); normal tails to 1e-13.
    close(v.statistic, e.statistic, 1e-12);
    close(v.pValue, e.pValue, 1e-11, 1e-300);
    close(v.difference, e.difference, 1e-12, 1e-16);
    close(v.standardError, e.standardError, 1e-12);
    const lower = e.lower ?? Number.NEGATIVE_INFINITY;
    const upper = e.upper ?? Number.POSITIVE_INFINITY;
    if (Number.isFinite(lower)) close(v.confidenceInterval.lower, lower, 1e-12, 1e-15);
    else expect(v.confidenceInterval.lower).toBe(lower);
    if (Number.isFinite(upper)) close(v.confidenceInterval.upper, upper, 1e-12, 1e-15);
    else expect(v.confidenceInterval.upper).toBe(upper);
    if (e.relativeLift === null) expect(v.relativeLift).toBeNull();
    else close(v.relativeLift ?? Number.NaN, e.relativeLift, 1e-12, 1e-16);
  });

  type BadCase = {
    name: string;
    a: ProportionSample;
    b: ProportionSample;
    options?: object;
    code: CoreErrorCode;
  };
  const bad: BadCase[] = [
    {
      name: 'zero trials',
      a: { successes: 0, trials: 0 },
      b: { successes: 1, trials: 5 },
      code: 'INVALID_ARGUMENT',
    },
    {
      name: 'negative count',
      a: { successes: -1, trials: 5 },
      b: { successes: 1, trials: 5 },
      code: 'INVALID_ARGUMENT',
    },
    {
      name: 'successes > trials',
      a: { successes: 6, trials: 5 },
      b: { successes: 1, trials: 5 },
      code: 'INVALID_ARGUMENT',
    },
    {
      name: 'fractional count',
      a: { successes: 1.5, trials: 5 },
      b: { successes: 1, trials: 5 },
      code: 'INVALID_ARGUMENT',
    },
    {
      name: 'no successes anywhere',
      a: { successes: 0, trials: 50 },
      b: { successes: 0, trials: 40 },
      code: 'CONSTANT',
    },
    {
      name: 'only successes',
      a: { successes: 50, trials: 50 },
      b: { successes: 40, trials: 40 },
      code: 'CONSTANT',
    },
    {
      name: 'level outside (0, 1)',
      a: { successes: 3, trials: 50 },
      b: { successes: 4, trials: 40 },
      options: { level: 1.5 },
      code: 'INVALID_ARGUMENT',
    },
  ];
  it.each(bad)('returns $code for $name', ({ a, b, options, code }) => {
    const r = twoProportionZTest(a, b, options);
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
  });
});
