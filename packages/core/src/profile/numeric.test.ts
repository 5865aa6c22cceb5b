import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createNumericProfile, updateNumeric } from './numeric.js';
import { profileSummary } from './summary.js';
import type { NumericProfile, NumericProfileOptions } from './types.js';

const golden = JSON.parse(
  readFileSync(new URL('./testdata/profile.golden.json', import.meta.url), 'utf8'),
);

function make(options: NumericProfileOptions = {}): NumericProfile {
  const r = createNumericProfile(options);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('updateNumeric', () => {
  it('counts, skips missing values and keeps moments', () => {
    const p = make();
    updateNumeric(p, [1, 2, Number.NaN, 3, null, Number.POSITIVE_INFINITY, undefined]);
    expect(p.count).toBe(3);
    expect(p.missing).toBe(4);
    expect(p.centeredMean).toBe(2);
    expect(p.m2).toBe(2);
    expect(p.min).toBe(1);
    expect(p.max).toBe(3);
  });

  it('accepts empty and all-missing batches', () => {
    const p = make({ edges: [0, 1] });
    updateNumeric(p, new Float64Array(0));
    updateNumeric(p, [Number.NaN, Number.NEGATIVE_INFINITY]);
    expect(p.count).toBe(0);
    expect(p.missing).toBe(2);
    expect(p.min).toBe(Number.POSITIVE_INFINITY);
    expect(p.histogram?.counts).toEqual(new Float64Array([0]));
  });

  type MomentCase = { name: string; values: number[]; mean: number; var: number };
  it.each(golden.moments as MomentCase[])('moments match numpy: $name', (c) => {
    const p = make();
    updateNumeric(p, Float64Array.from(c.values));
    const s = profileSummary(p);
    if (s.kind !== 'numeric') throw new Error('kind');
    // Corrected two-pass: within a few ulps of numpy's pairwise mean/var.
    expect(Math.abs((s.mean ?? 0) - c.mean)).toBeLessThanOrEqual(1e-15 * Math.abs(c.mean) + 1e-300);
    expect(Math.abs(p.m2 / p.count - c.var)).toBeLessThanOrEqual(1e-12 * c.var);
  });

  // Chunked updates merge batches with Chan's formula. Documented bound: relative error of m2
  // <= 1e-12 + 1e-16·|mean − center|/std (the rounding of each batch mean, about ulp(mean − c)).
  const chunkCases = (golden.moments as MomentCase[]).flatMap((c) => [
    { ...c, name: `${c.name}, center 0`, center: 0 },
    { ...c, name: `${c.name}, center at first value`, center: c.values[0] },
  ]);
  it.each(chunkCases)('chunked updates equal one pass: $name', (c) => {
    const xs = Float64Array.from(c.values);
    const whole = make({ sketchCenter: c.center });
    updateNumeric(whole, xs);
    const chunked = make({ sketchCenter: c.center });
    for (let i = 0; i < xs.length; i += 37) updateNumeric(chunked, xs.subarray(i, i + 37));
    expect(chunked.count).toBe(whole.count);
    const std = Math.sqrt(whole.m2 / whole.count);
    // Squares of 1e-200 underflow: m2 is 0 in both, and so is the tolerance.
    const cond = std > 0 ? Math.abs(whole.centeredMean) / std : 0;
    expect(Math.abs(chunked.centeredMean - whole.centeredMean)).toBeLessThanOrEqual(
      1e-15 * Math.abs(whole.centeredMean) + 1e-15 * std,
    );
    expect(Math.abs(chunked.m2 - whole.m2)).toBeLessThanOrEqual((1e-12 + 1e-16 * cond) * whole.m2);
    expect(chunked.sketch).toEqual(whole.sketch);
    expect(chunked.hll).toEqual(whole.hll);
  });

  type HistCase = {
    name: string;
    values: number[];
    edges: number[];
    counts: number[];
    underflow: number;
    overflow: number;
  };
  it.each(golden.histogram as HistCase[])('histogram matches numpy: $name', (c) => {
    const p = make({ edges: c.edges });
    updateNumeric(p, Float64Array.from(c.values));
    expect(Array.from(p.histogram?.counts ?? [])).toEqual(c.counts);
    expect(p.histogram?.underflow).toBe(c.underflow);
    expect(p.histogram?.overflow).toBe(c.overflow);
  });

  it('treats -0 and 0 as one distinct value', () => {
    const a = make();
    updateNumeric(a, [0, -0, 0]);
    const b = make();
    updateNumeric(b, [0]);
    expect(a.hll.registers).toEqual(b.hll.registers);
  });
});

describe('createNumericProfile', () => {
  type Bad = { name: string; options: NumericProfileOptions };
  const bad: Bad[] = [
    { name: 'one edge', options: { edges: [1] } },
    { name: 'decreasing edges', options: { edges: [0, 2, 1] } },
    { name: 'repeated edge', options: { edges: [0, 1, 1] } },
    { name: 'NaN edge', options: { edges: [0, Number.NaN] } },
    { name: 'accuracy 0', options: { sketchAccuracy: 0 } },
    { name: 'accuracy 0.5', options: { sketchAccuracy: 0.5 } },
    { name: 'infinite center', options: { sketchCenter: Number.POSITIVE_INFINITY } },
    { name: 'few buckets', options: { sketchMaxBuckets: 8 } },
    { name: 'precision 3', options: { hllPrecision: 3 } },
    { name: 'precision 12.5', options: { hllPrecision: 12.5 } },
  ];
  it.each(bad)('rejects $name', ({ options }) => {
    const r = createNumericProfile(options);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('INVALID_ARGUMENT');
  });
});
