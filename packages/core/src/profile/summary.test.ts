import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCategoricalProfile, updateCategorical } from './categorical.js';
import { createNumericProfile, updateNumeric } from './numeric.js';
import { profileQuantile, profileSummary } from './summary.js';
import type { NumericProfile } from './types.js';

const golden = JSON.parse(
  readFileSync(new URL('./testdata/profile.golden.json', import.meta.url), 'utf8'),
);

type QuantileCase = { name: string; values: number[]; q: number[]; expected: number[] };

function numeric(values: ArrayLike<number>, center: number, alpha = 0.01): NumericProfile {
  const p = createNumericProfile({ sketchCenter: center, sketchAccuracy: alpha });
  if (!p.ok) throw new Error(p.error.message);
  updateNumeric(p.value, Float64Array.from(values));
  return p.value;
}

const cases = (golden.quantiles as QuantileCase[]).flatMap((c) =>
  [0, 3.5].flatMap((center) =>
    [0.01, 0.001].map((alpha) => ({
      ...c,
      center,
      alpha,
      name: `${c.name}, c=${center}, α=${alpha}`,
    })),
  ),
);

describe('profileQuantile', () => {
  // Documented bound: |Q̂ − Q_numpy| <= α · max(|x_⌊h⌋ − c|, |x_⌈h⌉ − c|), h = q(n − 1).
  it.each(cases)('is within the DDSketch bound of numpy.quantile: $name', (c) => {
    const p = numeric(c.values, c.center, c.alpha);
    const sorted = Float64Array.from(c.values).sort();
    c.q.forEach((q, i) => {
      const r = profileQuantile(p, q);
      if (!r.ok) throw new Error(r.error.message);
      const h = q * (sorted.length - 1);
      const lo = sorted[Math.floor(h)];
      const hi = sorted[Math.ceil(h)];
      const bound = c.alpha * Math.max(Math.abs(lo - c.center), Math.abs(hi - c.center));
      expect(Math.abs(r.value - c.expected[i])).toBeLessThanOrEqual(bound * (1 + 1e-9) + 1e-12);
    });
  });

  it('returns the exact min and max at q = 0 and 1', () => {
    const p = numeric([3.25, -1.5, 8.125], 0);
    expect(profileQuantile(p, 0)).toEqual({ ok: true, value: -1.5 });
    expect(profileQuantile(p, 1)).toEqual({ ok: true, value: 8.125 });
  });

  it('is exact for the center and for a constant column', () => {
    const p = numeric([5, 5, 5], 5);
    expect(profileQuantile(p, 0.5)).toEqual({ ok: true, value: 5 });
  });

  const cat = createCategoricalProfile();
  const bad = [
    { name: 'categorical profile', p: cat.ok ? cat.value : null, q: 0.5, code: 'WRONG_KIND' },
    { name: 'q > 1', p: numeric([1], 0), q: 1.5, code: 'INVALID_ARGUMENT' },
    { name: 'q NaN', p: numeric([1], 0), q: Number.NaN, code: 'INVALID_ARGUMENT' },
    { name: 'empty profile', p: numeric([], 0), q: 0.5, code: 'EMPTY_SAMPLE' },
  ];
  it.each(bad)('errs on $name', ({ p, q, code }) => {
    if (p === null) throw new Error('setup');
    const r = profileQuantile(p, q);
    expect(r.ok ? null : r.error.code).toBe(code);
  });
});

describe('profileSummary', () => {
  it('summarises numbers', () => {
    const s = profileSummary(numeric([1, 2, 3, Number.NaN], 0));
    expect(s).toMatchObject({ kind: 'numeric', count: 3, missing: 1, min: 1, max: 3, mean: 2 });
    if (s.kind !== 'numeric') throw new Error('kind');
    expect(s.std).toBeCloseTo(Math.sqrt(2 / 3), 15);
    expect(s.distinct).toBeCloseTo(3, 1);
    expect(s.quantiles.map((x) => x.q)).toEqual([0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]);
  });

  it('reports nulls, not NaN, for an empty numeric profile', () => {
    const s = profileSummary(numeric([Number.NaN], 0));
    expect(s).toMatchObject({ count: 0, missing: 1, min: null, max: null, mean: null, std: null });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('summarises categories, exact while under capacity', () => {
    const p = createCategoricalProfile({ capacity: 3 });
    if (!p.ok) throw new Error(p.error.message);
    updateCategorical(p.value, ['b', 'a', 'b', null, '', 'c', 'b']);
    expect(profileSummary(p.value)).toEqual({
      kind: 'categorical',
      count: 5,
      missing: 2,
      distinct: 3,
      distinctStandardError: 0,
      itemsExact: true,
      topItems: [
        { value: 'b', count: 3 },
        { value: 'a', count: 1 },
        { value: 'c', count: 1 },
      ],
      itemCountError: 0,
    });
  });
});
