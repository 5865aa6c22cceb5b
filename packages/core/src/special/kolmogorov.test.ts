import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kolmogorovSf } from './kolmogorov.js';
import { kstwoSf } from './kstwo.js';
import { smirnovSf } from './smirnov.js';
import { scaledError } from './testdata/compare.js';
import type { KsGolden } from './testdata/golden.js';

const golden: KsGolden = JSON.parse(
  readFileSync(new URL('./testdata/ks.golden.json', import.meta.url), 'utf8'),
);

type GoldenCase = {
  name: 'kolmogorovSf' | 'smirnovSf' | 'kstwoSf';
  fn: (...args: number[]) => number;
  tol: number;
};

// kstwoSf: where scipy returns 1 - CDF (Durbin/Pomeranz, p >= 6e-4) the two CDFs differ in their
// last ulps (numpy's convolution order, long double scaling), i.e. up to ~1.4e-12 relative in p.
const goldenCases: GoldenCase[] = [
  { name: 'kolmogorovSf', fn: kolmogorovSf, tol: 1e-14 },
  { name: 'smirnovSf', fn: smirnovSf, tol: 1e-13 },
  { name: 'kstwoSf', fn: kstwoSf, tol: 2e-12 },
];

describe('Kolmogorov-Smirnov distributions vs scipy 1.10', () => {
  it.each(goldenCases)('$name', ({ name, fn, tol }) => {
    const failures: string[] = [];
    for (const row of golden[name]) {
      const args = row.slice(0, -1);
      const expected = row[row.length - 1];
      const got = fn(...args);
      const e = scaledError(got, expected);
      if (!(e <= tol)) failures.push(`${JSON.stringify(args)}: ${got} vs ${expected} (${e})`);
    }
    expect(golden[name].length).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  });
});

type EdgeCase = { name: string; got: () => number; expected: number };

const edgeCases: EdgeCase[] = [
  { name: 'kolmogorovSf(0) = 1', got: () => kolmogorovSf(0), expected: 1 },
  { name: 'kolmogorovSf(-1) = 1', got: () => kolmogorovSf(-1), expected: 1 },
  { name: 'kolmogorovSf(inf) = 0', got: () => kolmogorovSf(Number.POSITIVE_INFINITY), expected: 0 },
  { name: 'kolmogorovSf(NaN) is NaN', got: () => kolmogorovSf(Number.NaN), expected: Number.NaN },
  { name: 'smirnovSf(5, 0) = 1', got: () => smirnovSf(5, 0), expected: 1 },
  { name: 'smirnovSf(5, 1) = 0', got: () => smirnovSf(5, 1), expected: 0 },
  { name: 'smirnovSf(1, 0.3) = 0.7', got: () => smirnovSf(1, 0.3), expected: 0.7 },
  { name: 'smirnovSf(5, 0.3) = 0.34282', got: () => smirnovSf(5, 0.3), expected: 0.34282 },
  { name: 'smirnovSf(0, 0.3) is NaN', got: () => smirnovSf(0, 0.3), expected: Number.NaN },
  { name: 'smirnovSf(5.5, 0.3) is NaN', got: () => smirnovSf(5.5, 0.3), expected: Number.NaN },
  { name: 'smirnovSf(5, -0.1) is NaN', got: () => smirnovSf(5, -0.1), expected: Number.NaN },
  { name: 'smirnovSf(5, 1.5) is NaN', got: () => smirnovSf(5, 1.5), expected: Number.NaN },
  { name: 'kstwoSf(0.01, 10) = 1 (d <= 1/2n)', got: () => kstwoSf(0.01, 10), expected: 1 },
  { name: 'kstwoSf(1, 10) = 0', got: () => kstwoSf(1, 10), expected: 0 },
  { name: 'kstwoSf(1.5, 10) = 0', got: () => kstwoSf(1.5, 10), expected: 0 },
  { name: 'kstwoSf(0.1, 0) is NaN', got: () => kstwoSf(0.1, 0), expected: Number.NaN },
  { name: 'kstwoSf(0.1, 2.5) is NaN', got: () => kstwoSf(0.1, 2.5), expected: Number.NaN },
  { name: 'kstwoSf(NaN, 10) is NaN', got: () => kstwoSf(Number.NaN, 10), expected: Number.NaN },
];

describe('Kolmogorov-Smirnov edge policy', () => {
  it.each(edgeCases)('$name', ({ got, expected }) => {
    expect(got()).toBe(expected);
  });

  it('worked example: kstwoSf(0.3, 20) = 0.0430670666585162 (Pomeranz branch, 1 - cdf)', () => {
    expect(kstwoSf(0.3, 20)).toBeCloseTo(0.04306706665851623, 14);
  });

  it('smirnovSf(1e6, d) sums ~1e6 terms exactly (its speed is measured in bench/core.mjs)', () => {
    const p = smirnovSf(1_000_000, 0.0015);
    expect(Math.abs(p / 0.011097879215320433 - 1)).toBeLessThan(1e-13);
  });
});
