import { monitorSpecSchema } from '@vigil/contracts';
import { describe, expect, it } from 'vitest';
import {
  aggregateOutcome,
  type BusinessSpec,
  type CustomSpec,
  evaluateBusiness,
  evaluateCustom,
} from './series.js';
import { repeat, sketchOnly } from './testdata/profiles.js';

describe('evaluateBusiness', () => {
  const spec = monitorSpecSchema.parse({
    type: 'business',
    model: 'm',
    outcome: 'click',
    groupBy: ['model_version'],
    minSampleSize: 100,
    condition: { below: 0.02 },
  }) as BusinessSpec;
  it('checks every group and names the breaching one', () => {
    const e = evaluateBusiness('ctr', spec, {
      points: [
        { labels: { model_version: 'v2' }, value: 0.031, sampleSize: 5000 },
        { labels: { model_version: 'v3' }, value: 0.011, sampleSize: 4000 },
        { labels: { model_version: 'v4' }, value: 0.0, sampleSize: 12 },
      ],
    });
    expect(e.status).toBe('BREACH');
    expect(e.checks.map((c) => [c.subject, c.status])).toEqual([
      ['model_version=v2', 'OK'],
      ['model_version=v3', 'BREACH'],
      ['model_version=v4', 'NO_DATA'],
    ]);
    expect(e.value).toBe(0.011);
    expect(e.direction).toBe('below');
  });
});

describe('evaluateCustom', () => {
  type Case = {
    name: string;
    condition: unknown;
    value: number;
    reference?: number[];
    status: string;
  };
  const cases: Case[] = [
    { name: 'fixed above: 13 > 12', condition: { above: 12 }, value: 13, status: 'BREACH' },
    { name: 'fixed above: equal is not above', condition: { above: 12 }, value: 12, status: 'OK' },
    {
      name: 'learned: 13 outside [7.88, 12.12]',
      condition: { learned: { stdMultiplier: 3 } },
      reference: [10, 11, 9, 10],
      value: 13,
      status: 'BREACH',
    },
    {
      name: 'learned: 7 below the lower bound',
      condition: { learned: { stdMultiplier: 3 } },
      reference: [10, 11, 9, 10],
      value: 7,
      status: 'BREACH',
    },
    {
      name: 'learned: 12 inside',
      condition: { learned: { stdMultiplier: 3 } },
      reference: [10, 11, 9, 10],
      value: 12,
      status: 'OK',
    },
    {
      name: 'learned without reference values: ERROR',
      condition: { learned: {} },
      value: 12,
      status: 'ERROR',
    },
  ];
  it.each(cases)('$name', (c) => {
    const spec = monitorSpecSchema.parse({
      type: 'custom',
      model: 'm',
      series: 'queue_depth',
      minSampleSize: 1,
      condition: c.condition,
    }) as CustomSpec;
    const e = evaluateCustom('q', spec, {
      points: [{ labels: {}, value: c.value, sampleSize: 1 }],
      referenceValues: c.reference,
    });
    expect(e.status).toBe(c.status);
  });
});

describe('aggregateOutcome', () => {
  const clicks = sketchOnly(repeat([1, 0, 0, 0], 400));
  const cases = [
    { name: 'mean (CTR)', aggregate: 'mean' as const, expected: 0.25 },
    { name: 'sum', aggregate: 'sum' as const, expected: 100 },
    { name: 'count', aggregate: 'count' as const, expected: 400 },
    { name: 'rate per second over 50 s', aggregate: 'rate' as const, expected: 2 },
  ];
  it.each(cases)('$name', ({ aggregate, expected }) => {
    const r = aggregateOutcome(clicks, aggregate, 50_000);
    expect(r.ok && r.value).toBeCloseTo(expected, 12);
  });
  it('mean of an empty profile is null', () => {
    expect(aggregateOutcome(sketchOnly([]), 'mean', 1000)).toEqual({ ok: true, value: null });
  });
  it('per_prediction divides the sum by the prediction count', () => {
    // 100 clicks over 2,000 impressions.
    const r = aggregateOutcome(clicks, 'per_prediction', 50_000, 2000);
    expect(r.ok && r.value).toBeCloseTo(0.05, 12);
    expect(aggregateOutcome(sketchOnly([]), 'per_prediction', 1000, 10)).toEqual({
      ok: true,
      value: 0,
    });
    expect(aggregateOutcome(clicks, 'per_prediction', 1000, 0)).toEqual({ ok: true, value: null });
    expect(aggregateOutcome(clicks, 'per_prediction', 1000).ok).toBe(false);
  });
});
