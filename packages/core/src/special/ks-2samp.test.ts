import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Ks2sampMethod } from './ks-2samp.js';
import { ks2sampPValue } from './ks-2samp.js';
import { scaledError } from './testdata/compare.js';
import type { KsGolden } from './testdata/golden.js';

const golden: KsGolden = JSON.parse(
  readFileSync(new URL('./testdata/ks.golden.json', import.meta.url), 'utf8'),
);

// The exact paths repeat scipy's operations in the same order (bit-identical in practice); the
// asymptotic path inherits kstwoSf's agreement. The brief requires better than 1e-10.
const TOL = 1e-12;

describe('ks2sampPValue vs scipy 1.10 ks_2samp', () => {
  it('reproduces p-value, snapped statistic and method from D (grid incl. sizes around 10000)', () => {
    const failures: string[] = [];
    for (const [d, n1, n2, method, p, stat, mode] of golden.ks2sampFromD) {
      const r = ks2sampPValue({ d, n1, n2, method: method as Ks2sampMethod });
      const e = scaledError(r.pValue, p ?? Number.NaN);
      const statOk = stat === null ? Number.isNaN(r.statistic) : r.statistic === stat;
      if (!(e <= TOL) || !statOk || r.method !== mode) {
        failures.push(
          `${JSON.stringify([d, n1, n2, method])}: ${JSON.stringify(r)} vs ${p}, ${stat}, ${mode}`,
        );
      }
    }
    expect(golden.ks2sampFromD.length).toBeGreaterThan(500);
    expect(failures).toEqual([]);
  });

  it('reproduces real ks_2samp runs on seeded samples', () => {
    const failures: string[] = [];
    for (const [stat, n1, n2, method, p] of golden.ks2sampData) {
      const r = ks2sampPValue({ d: stat, n1, n2, method: method as Ks2sampMethod });
      const e = scaledError(r.pValue, p);
      if (!(e <= TOL) || r.statistic !== stat) {
        failures.push(`${JSON.stringify([stat, n1, n2, method])}: ${JSON.stringify(r)} vs ${p}`);
      }
    }
    expect(golden.ks2sampData.length).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  });
});

type Case = {
  name: string;
  options: Parameters<typeof ks2sampPValue>[0];
  expected: { pValue: number; statistic: number; method: 'exact' | 'asymp' };
};

const cases: Case[] = [
  {
    name: 'worked example n1 = n2 = 10, D = 0.5',
    options: { d: 0.5, n1: 10, n2: 10 },
    expected: { pValue: 0.16782134274394334, statistic: 0.5, method: 'exact' },
  },
  {
    name: 'D below half a lattice step snaps to 0 with p = 1',
    options: { d: 1e-9, n1: 30, n2: 40 },
    expected: { pValue: 1, statistic: 0, method: 'exact' },
  },
  {
    name: "explicit 'exact' falls back to asymp when lcm overflows int32",
    options: { d: 0.01, n1: 50000, n2: 49999, method: 'exact' },
    expected: {
      pValue: ks2sampPValue({ d: 0.01, n1: 50000, n2: 49999, method: 'asymp' }).pValue,
      statistic: 0.01,
      method: 'asymp',
    },
  },
  {
    name: 'n1 = n2 = 1 asymp is NaN like scipy (round(0.5) = 0)',
    options: { d: 1, n1: 1, n2: 1, method: 'asymp' },
    expected: { pValue: Number.NaN, statistic: 1, method: 'asymp' },
  },
  {
    name: 'invalid n1 gives NaN',
    options: { d: 0.2, n1: 0, n2: 5 },
    expected: { pValue: Number.NaN, statistic: 0.2, method: 'exact' },
  },
  {
    name: 'non-integer n2 gives NaN',
    options: { d: 0.2, n1: 3, n2: 5.5 },
    expected: { pValue: Number.NaN, statistic: 0.2, method: 'exact' },
  },
  {
    name: 'D outside [0, 1] gives NaN',
    options: { d: 1.5, n1: 3, n2: 5 },
    expected: { pValue: Number.NaN, statistic: 1.5, method: 'exact' },
  },
  {
    name: 'NaN D gives NaN',
    options: { d: Number.NaN, n1: 3, n2: 5, method: 'asymp' },
    expected: { pValue: Number.NaN, statistic: Number.NaN, method: 'asymp' },
  },
];

describe('ks2sampPValue policy', () => {
  it.each(cases)('$name', ({ options, expected }) => {
    expect(ks2sampPValue(options)).toEqual(expected);
  });

  // Speed of the exact paths is measured in bench/core.mjs, not here (no timed tests).
  it('the O(n1 n2) band recursion at its worst case (9999 vs 10000, D = 0.9) underflows to 0', () => {
    const r = ks2sampPValue({ d: 0.9, n1: 9999, n2: 10000 });
    expect(r).toEqual({ pValue: 0, statistic: 0.9, method: 'exact' });
  });
});
