import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random/index.js';
import type { CoreErrorCode } from '../result.js';
import type { BootstrapMethod, BootstrapStatisticName } from './bootstrap.js';
import { bootstrapCI } from './bootstrap.js';
import type { StatisticFn } from './bootstrap-plans.js';

interface Dataset {
  name: string;
  statistic: BootstrapStatisticName | null;
  custom: 'std' | 'ratio' | null;
  paired: boolean;
  samples: number[][];
}
interface Case {
  name: string;
  dataset: number;
  method: BootstrapMethod;
  level: number;
  expected: {
    lower: number;
    upper: number;
    standardError: number;
    estimate: number;
    acceleration?: number;
    biasCorrection?: number;
  };
}
const golden: { scipyResamples: number; datasets: Dataset[]; cases: Case[] } = JSON.parse(
  readFileSync(new URL('./testdata/bootstrap.golden.json', import.meta.url), 'utf8'),
);

const mean = (x: Float64Array): number => x.reduce((s, v) => s + v, 0) / x.length;
const CUSTOM: Record<'std' | 'ratio', StatisticFn> = {
  // numpy.std (population, ddof = 0)
  std: (x) => {
    const m = mean(x);
    return Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / x.length);
  },
  ratio: (a, b) => mean(a) / mean(b),
};

const OUR_RESAMPLES = 50_000;

/**
 * Monte Carlo tolerance for an interval endpoint, in units of the bootstrap standard error σ_b.
 * An endpoint at quantile level q from B replicates has MC standard error ≈ √(q(1 − q)/B)·σ_b/φ(z_q),
 * 0.012σ_b for our 50,000 and 0.008σ_b for scipy's 200,000 replicates at q = 0.025; the BCa ẑ₀ adds
 * about as much again. 0.1σ_b is ≥ 4 combined standard errors. Discrete statistics (median of
 * 51 values, difference of 0/1 rates) jump between attainable values, so one lattice step (the
 * largest gap between nearby attainable values) is added for them.
 */
const ENDPOINT_TOLERANCE_SE = 0.1;

function latticeStep(
  d: Dataset,
  estimate: number,
  endpoint: number,
  method: BootstrapMethod,
): number {
  if (d.statistic === 'pass rate difference') return 1 / d.samples[0].length;
  if (d.statistic !== 'median') return 0;
  // Median replicates of an odd-sized sample are data values: use the local gap of the sorted data.
  const q = method === 'basic' ? 2 * estimate - endpoint : endpoint;
  const sorted = Float64Array.from(d.samples[0]).sort();
  let i = sorted.findIndex((v) => v >= q);
  if (i < 0) i = sorted.length - 1;
  let gap = 0;
  for (let k = Math.max(1, i - 2); k <= Math.min(sorted.length - 1, i + 2); k++) {
    gap = Math.max(gap, sorted[k] - sorted[k - 1]);
  }
  return gap;
}

function run(d: Dataset, c: Case) {
  const statistic = d.custom !== null ? CUSTOM[d.custom] : (d.statistic as BootstrapStatisticName);
  const data =
    d.samples.length === 1 ? d.samples[0] : { a: d.samples[0], b: d.samples[1], paired: d.paired };
  return bootstrapCI(data, statistic, {
    method: c.method,
    level: c.level,
    resamples: OUR_RESAMPLES,
    seed: 7 + c.dataset,
  });
}

describe('bootstrapCI', () => {
  it.each(golden.cases)('$name agrees with scipy within Monte Carlo tolerance', (c) => {
    const d = golden.datasets[c.dataset];
    const r = run(d, c);
    if (!r.ok) throw new Error(r.error.message);
    const v = r.value;
    const e = c.expected;
    expect(Math.abs(v.estimate - e.estimate)).toBeLessThanOrEqual(
      1e-12 * Math.abs(e.estimate) + 1e-15,
    );
    // σ_b from B replicates has relative MC error ≈ 1/√(2B) = 0.3 %: allow 2 %.
    expect(Math.abs(v.standardError / e.standardError - 1)).toBeLessThan(0.02);
    for (const key of ['lower', 'upper'] as const) {
      const tol =
        ENDPOINT_TOLERANCE_SE * e.standardError + latticeStep(d, e.estimate, e[key], c.method);
      expect(Math.abs(v.confidenceInterval[key] - e[key])).toBeLessThanOrEqual(tol);
    }
    if (e.acceleration !== undefined && e.biasCorrection !== undefined) {
      // â comes from the jackknife, no randomness: tight. ẑ₀ = Φ⁻¹(share of replicates below θ̂)
      // has MC standard error ≈ 1.25·√(1/B₁ + 1/B₂) ≈ 0.006: allow 0.03.
      expect(Math.abs((v.acceleration ?? Number.NaN) - e.acceleration)).toBeLessThanOrEqual(
        1e-9 * Math.abs(e.acceleration) + 1e-13,
      );
      expect(Math.abs((v.biasCorrection ?? Number.NaN) - e.biasCorrection)).toBeLessThan(0.03);
    } else {
      expect([v.acceleration, v.biasCorrection]).toEqual([null, null]);
    }
  });

  it('is deterministic for a seed and changes with it', () => {
    const x = [3.1, 0.4, 2.2, 5.9, 1.1, 0.7, 4.4, 2.8, 1.9, 3.3];
    const a = bootstrapCI(x, 'median', { seed: 11, resamples: 2000 });
    const b = bootstrapCI(x, 'median', { seed: 11, resamples: 2000 });
    const c = bootstrapCI(x, 'mean', { seed: 12, resamples: 2000, method: 'percentile' });
    const d = bootstrapCI(x, 'mean', { seed: 13, resamples: 2000, method: 'percentile' });
    expect(a).toEqual(b);
    if (!c.ok || !d.ok) throw new Error('unexpected error');
    expect(c.value.confidenceInterval).not.toEqual(d.value.confidenceInterval);
  });

  it('percentile CI covers the true mean at about the nominal rate (seeded simulation)', () => {
    // 1,000 samples of n = 50 from N(3, 2²), 1,000 resamples each. The percentile interval of
    // a mean is known to under-cover slightly at small n (≈ 0.94 here); the binomial SE is 0.007.
    const rng = createRng(31_337);
    const sims = 1000;
    let covered = 0;
    const x = new Float64Array(50);
    for (let s = 0; s < sims; s++) {
      for (let i = 0; i < x.length; i++) x[i] = 3 + 2 * rng.normal();
      const r = bootstrapCI(x, 'mean', { method: 'percentile', resamples: 1000, seed: s });
      if (!r.ok) throw new Error(r.error.message);
      if (r.value.confidenceInterval.lower <= 3 && 3 <= r.value.confidenceInterval.upper) covered++;
    }
    expect(covered / sims).toBeGreaterThan(0.92);
    expect(covered / sims).toBeLessThan(0.97);
  });

  type Pair = {
    name: string;
    named: BootstrapStatisticName;
    fn: StatisticFn;
    two: boolean;
    paired: boolean;
  };
  const pairs: Pair[] = [
    { name: 'mean', named: 'mean', fn: mean, two: false, paired: false },
    {
      name: 'median',
      named: 'median',
      fn: (x) => {
        const s = x.slice().sort();
        const m = s.length >> 1;
        return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
      },
      two: false,
      paired: false,
    },
    {
      name: 'difference of means, paired',
      named: 'difference of means',
      fn: (a, b) => mean(a) - mean(b),
      two: true,
      paired: true,
    },
    {
      name: 'difference of means, independent',
      named: 'difference of means',
      fn: (a, b) => mean(a) - mean(b),
      two: true,
      paired: false,
    },
  ];
  it.each(pairs)(
    'named $name equals the same statistic as a function',
    ({ named, fn, two, paired }) => {
      const rng = createRng(3);
      const a = Array.from({ length: 24 }, () => rng.normal());
      const b = Array.from({ length: 24 }, () => rng.normal() + 0.5);
      const data = two ? { a, b, paired } : a;
      for (const method of ['percentile', 'bca'] as const) {
        const x = bootstrapCI(data, named, { method, resamples: 3000, seed: 5 });
        const y = bootstrapCI(data, fn, { method, resamples: 3000, seed: 5 });
        if (!x.ok || !y.ok) throw new Error('unexpected error');
        // Same indices drawn in the same order; only summation order differs.
        expect(x.value.confidenceInterval.lower).toBeCloseTo(y.value.confidenceInterval.lower, 12);
        expect(x.value.confidenceInterval.upper).toBeCloseTo(y.value.confidenceInterval.upper, 12);
        expect(x.value.acceleration ?? 0).toBeCloseTo(y.value.acceleration ?? 0, 12);
      }
    },
  );

  type Bad = {
    name: string;
    data: number[] | { a: number[]; b: number[]; paired: boolean };
    statistic: BootstrapStatisticName | StatisticFn;
    options?: object;
    code: CoreErrorCode;
  };
  const bad: Bad[] = [
    { name: 'empty sample', data: [], statistic: 'mean', code: 'TOO_FEW_VALUES' },
    { name: 'one value', data: [1], statistic: 'mean', code: 'TOO_FEW_VALUES' },
    { name: 'NaN value', data: [1, Number.NaN], statistic: 'mean', code: 'INVALID_ARGUMENT' },
    {
      name: 'level 1',
      data: [1, 2, 3],
      statistic: 'mean',
      options: { level: 1 },
      code: 'INVALID_ARGUMENT',
    },
    {
      name: 'level -0.5',
      data: [1, 2, 3],
      statistic: 'mean',
      options: { level: -0.5 },
      code: 'INVALID_ARGUMENT',
    },
    {
      name: 'one resample',
      data: [1, 2, 3],
      statistic: 'mean',
      options: { resamples: 1 },
      code: 'INVALID_ARGUMENT',
    },
    {
      name: 'fractional seed',
      data: [1, 2, 3],
      statistic: 'mean',
      options: { seed: 0.5 },
      code: 'INVALID_ARGUMENT',
    },
    {
      name: 'unknown method',
      data: [1, 2, 3],
      statistic: 'mean',
      options: { method: 'studentized' },
      code: 'INVALID_ARGUMENT',
    },
    {
      name: 'unknown statistic',
      data: [1, 2, 3],
      statistic: 'mode' as BootstrapStatisticName,
      code: 'UNKNOWN_METHOD',
    },
    {
      name: 'mean of two samples',
      data: { a: [1, 2], b: [3, 4], paired: false },
      statistic: 'mean',
      code: 'INVALID_ARGUMENT',
    },
    {
      name: 'difference of one sample',
      data: [1, 2, 3],
      statistic: 'difference of means',
      code: 'INVALID_ARGUMENT',
    },
    {
      name: 'pass rate of non-binary values',
      data: { a: [1, 0, 2], b: [0, 1, 1], paired: true },
      statistic: 'pass rate difference',
      code: 'INVALID_ARGUMENT',
    },
    {
      name: 'paired lengths differ',
      data: { a: [1, 0, 1], b: [0, 1], paired: true },
      statistic: 'difference of means',
      code: 'LENGTH_MISMATCH',
    },
    { name: 'BCa on constant data', data: [2, 2, 2, 2], statistic: 'mean', code: 'CONSTANT' },
    {
      name: 'statistic not finite on a resample',
      data: [1, 0, 2, 3],
      statistic: (x) => 1 / x[0],
      options: { method: 'percentile', resamples: 200 },
      code: 'NOT_COMPUTABLE',
    },
  ];
  it.each(bad)('returns $code for $name', ({ data, statistic, options, code }) => {
    const r = bootstrapCI(data, statistic, options);
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
  });

  it('percentile on constant data is the point itself', () => {
    const r = bootstrapCI([2, 2, 2, 2], 'mean', { method: 'percentile', resamples: 100 });
    expect(r.ok && r.value.confidenceInterval).toEqual({ lower: 2, upper: 2, level: 0.95 });
  });
});
