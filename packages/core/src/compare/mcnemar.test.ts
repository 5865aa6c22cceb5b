import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CoreErrorCode } from '../result.js';
import type { McNemarInput, McNemarOptions } from './mcnemar.js';
import { mcnemarTest } from './mcnemar.js';

interface Case {
  name: string;
  b: number;
  c: number;
  method: 'exact' | 'chi-squared';
  correction: boolean;
  expected: { statistic: number; pValue: number };
}
const golden: { cases: Case[] } = JSON.parse(
  readFileSync(new URL('./testdata/mcnemar.golden.json', import.meta.url), 'utf8'),
);

describe('mcnemarTest', () => {
  it.each(golden.cases)('$name matches scipy', ({ b, c, method, correction, expected }) => {
    const r = mcnemarTest({ b, c }, { method, correction });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.method).toBe(method);
    expect(Math.abs(r.value.statistic - expected.statistic)).toBeLessThanOrEqual(
      1e-13 * expected.statistic,
    );
    // Relative 1e-10: the exact sum inherits log C(n, k)'s absolute error (~1e-16 · log size).
    expect(Math.abs(r.value.pValue - expected.pValue)).toBeLessThanOrEqual(
      1e-10 * expected.pValue + 1e-300,
    );
  });

  const first = [true, true, true, false, false, true, false, true, true, true];
  const second = [false, true, false, false, true, false, false, false, true, false];
  type Row = {
    name: string;
    input: McNemarInput;
    options?: McNemarOptions;
    method: string;
    b: number;
    c: number;
  };
  const rows: Row[] = [
    {
      name: 'paired booleans count b and c',
      input: { first, second },
      method: 'exact',
      b: 5,
      c: 1,
    },
    { name: 'auto picks exact below 25', input: { b: 20, c: 4 }, method: 'exact', b: 20, c: 4 },
    {
      name: 'auto picks chi-squared at 25',
      input: { b: 20, c: 5 },
      method: 'chi-squared',
      b: 20,
      c: 5,
    },
    {
      name: 'exactBelow moves the switch',
      input: { b: 20, c: 5 },
      options: { exactBelow: 100 },
      method: 'exact',
      b: 20,
      c: 5,
    },
  ];
  it.each(rows)('$name', ({ input, options, method, b, c }) => {
    const r = mcnemarTest(input, options);
    if (!r.ok) throw new Error(r.error.message);
    expect([r.value.method, r.value.b, r.value.c]).toEqual([method, b, c]);
  });

  it('no discordant pair: exact p = 1', () => {
    const r = mcnemarTest({ first: [true, false], second: [true, false] });
    expect(r.ok && r.value.pValue).toBe(1);
  });

  type Bad = { name: string; input: McNemarInput; options?: McNemarOptions; code: CoreErrorCode };
  const bad: Bad[] = [
    { name: 'negative count', input: { b: -1, c: 3 }, code: 'INVALID_ARGUMENT' },
    { name: 'fractional count', input: { b: 1.5, c: 3 }, code: 'INVALID_ARGUMENT' },
    {
      name: 'length mismatch',
      input: { first: [true], second: [true, false] },
      code: 'LENGTH_MISMATCH',
    },
    {
      name: 'chi-squared without discordance',
      input: { b: 0, c: 0 },
      options: { method: 'chi-squared' },
      code: 'CONSTANT',
    },
  ];
  it.each(bad)('returns $code for $name', ({ input, options, code }) => {
    const r = mcnemarTest(input, options);
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
  });
});
