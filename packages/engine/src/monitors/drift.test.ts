import { monitorSpecSchema } from '@vigil/contracts';
import { mergeAllProfiles, type NumericProfile, profileDrift } from '@vigil/core';
import { describe, expect, it } from 'vitest';
import {
  type DataDriftSpec,
  evaluateDataDrift,
  evaluatePredictionDrift,
  learnDriftThreshold,
  type PredictionDriftSpec,
} from './drift.js';
import { learnedBounds } from './learned.js';
import { baselineOf, categories, normals, repeat, windowLike } from './testdata/profiles.js';

function driftSpec(extra: Record<string, unknown> = {}): DataDriftSpec {
  return monitorSpecSchema.parse({
    type: 'data_drift',
    model: 'fraud',
    minSampleSize: 100,
    ...extra,
  }) as DataDriftSpec;
}

const ageRef = normals(2000, 1, 40, 10);
const incomeRef = normals(2000, 2, 50, 5);
const baseline = {
  age: baselineOf(ageRef),
  income: baselineOf(incomeRef),
  city: categories(repeat(['paris', 'lyon', 'nice', 'lille'], 2000)),
};
const same = {
  age: windowLike(baseline.age, normals(1000, 11, 40, 10)),
  income: windowLike(baseline.income, normals(1000, 12, 50, 5)),
  city: categories(repeat(['paris', 'lyon', 'nice', 'lille'], 1000)),
};
const shifted = {
  age: windowLike(baseline.age, normals(1000, 13, 48, 10)),
  income: windowLike(baseline.income, normals(1000, 14, 50, 5)),
  city: categories(repeat(['paris', 'paris', 'paris', 'lyon'], 1000)),
};

function psi(ref: NumericProfile | ReturnType<typeof categories>, cur: typeof ref): number {
  const r = profileDrift(ref, cur, { method: 'psi' });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.score;
}

describe('evaluateDataDrift', () => {
  type Case = {
    name: string;
    spec: Record<string, unknown>;
    current: Record<string, NumericProfile | ReturnType<typeof categories>>;
    status: string;
    breaching: string[];
    checks: Record<string, string>;
  };
  const cases: Case[] = [
    {
      name: 'no drift: every PSI under 0.2',
      spec: {},
      current: same,
      status: 'OK',
      breaching: [],
      checks: { age: 'OK', income: 'OK', city: 'OK' },
    },
    {
      name: 'age and city drift (PSI > 0.2)',
      spec: {},
      current: shifted,
      status: 'BREACH',
      breaching: ['age', 'city'],
      checks: { age: 'BREACH', income: 'OK', city: 'BREACH' },
    },
    {
      name: 'minDriftedFeatures 3: two drifted features do not breach',
      spec: { minDriftedFeatures: 3 },
      current: shifted,
      status: 'OK',
      breaching: ['age', 'city'],
      checks: { age: 'BREACH', income: 'OK', city: 'BREACH' },
    },
    {
      name: 'a feature absent from the window is NO_DATA, the others are evaluated',
      spec: {},
      current: { age: shifted.age, income: same.income },
      status: 'BREACH',
      breaching: ['age'],
      checks: { age: 'BREACH', income: 'OK', city: 'NO_DATA' },
    },
    {
      name: 'below minSampleSize every feature is NO_DATA, so the monitor is NO_DATA',
      spec: { minSampleSize: 5000 },
      current: shifted,
      status: 'NO_DATA',
      breaching: [],
      checks: { age: 'NO_DATA', income: 'NO_DATA', city: 'NO_DATA' },
    },
    {
      name: 'a listed feature without baseline profile is an ERROR check',
      spec: { features: ['age', 'zip'] },
      current: shifted,
      status: 'BREACH',
      breaching: ['age'],
      checks: { age: 'BREACH', zip: 'ERROR' },
    },
    {
      name: 'a fixed threshold replaces the default',
      spec: { threshold: 5 },
      current: shifted,
      status: 'OK',
      breaching: [],
      checks: { age: 'OK', income: 'OK', city: 'OK' },
    },
    {
      name: 'ks on numbers: drift when p <= 0.01; on categories an ERROR (WRONG_KIND)',
      spec: { method: 'ks' },
      current: shifted,
      status: 'BREACH',
      breaching: ['age'],
      checks: { age: 'BREACH', income: 'OK', city: 'ERROR' },
    },
  ];
  it.each(cases)('$name', (c) => {
    const e = evaluateDataDrift('drift', driftSpec(c.spec), { baseline, current: c.current });
    expect(e.status).toBe(c.status);
    expect(e.checks.filter((x) => x.breach).map((x) => x.subject)).toEqual(c.breaching);
    expect(Object.fromEntries(e.checks.map((x) => [x.subject, x.status]))).toEqual(c.checks);
  });

  it('reports the core PSI, the default threshold 0.2 and the worst feature as headline', () => {
    const e = evaluateDataDrift('drift', driftSpec(), { baseline, current: shifted });
    const age = e.checks.find((x) => x.subject === 'age');
    expect(age?.value).toBe(psi(baseline.age, shifted.age));
    expect(age?.threshold).toBe(0.2);
    const worst = Math.max(...e.checks.map((x) => x.value ?? -1));
    expect(e.value).toBe(worst);
    expect(e.breachCount).toBe(2);
  });

  it('ks checks point below: threshold is the p-value 0.01', () => {
    const e = evaluateDataDrift('drift', driftSpec({ method: 'ks', features: ['age'] }), {
      baseline,
      current: shifted,
    });
    expect(e.checks[0]).toMatchObject({ direction: 'below', threshold: 0.01, breach: true });
    expect(e.value).toBeLessThan(0.01);
  });

  it('top N by importance picks the most important features', () => {
    const e = evaluateDataDrift('drift', driftSpec({ features: { top: 2 } }), {
      baseline,
      current: shifted,
      features: [
        { name: 'age', kind: 'numerical', importance: 0.2 },
        { name: 'income', kind: 'numerical', importance: 0.7 },
        { name: 'city', kind: 'categorical', importance: 0.5 },
      ],
    });
    expect(e.checks.map((x) => x.subject)).toEqual(['income', 'city']);
  });

  it('top N without any importance is an ERROR evaluation', () => {
    const e = evaluateDataDrift('drift', driftSpec({ features: { top: 2 } }), {
      baseline,
      current: shifted,
    });
    expect(e.status).toBe('ERROR');
    expect(e.message).toContain('importance');
  });
});

describe('learned drift thresholds (leave-one-out)', () => {
  const chunks = Array.from({ length: 6 }, (_, i) =>
    windowLike(baseline.age, normals(500, 100 + i, 40, 10)),
  );

  it('equals mean + k·std of each chunk against the merge of the others', () => {
    const scores = chunks.map((chunk, i) => {
      const rest = mergeAllProfiles(chunks.filter((_, j) => j !== i));
      if (!rest.ok) throw new Error(rest.error.message);
      return psi(rest.value, chunk);
    });
    const b = learnedBounds(scores, 3);
    if (!b.ok) throw new Error(b.error.message);
    const t = learnDriftThreshold(chunks, 'psi', 3);
    expect(t.ok && t.value).toBeCloseTo(b.value.upper, 12);
  });

  it('p-value methods learn a lower bound clamped to [0, 1]', () => {
    const t = learnDriftThreshold(chunks, 'ks', 3);
    expect(t.ok).toBe(true);
    if (t.ok) expect(t.value).toBeGreaterThanOrEqual(0);
  });

  it('a data_drift monitor with a learned threshold uses the chunks of each feature', () => {
    const spec = driftSpec({
      features: ['age'],
      threshold: { learned: { chunks: 6, stdMultiplier: 3 } },
    });
    const e = evaluateDataDrift('drift', spec, {
      baseline,
      current: shifted,
      referenceChunks: { age: chunks },
    });
    const t = learnDriftThreshold(chunks, 'psi', 3);
    expect(e.checks[0].threshold).toBe(t.ok ? t.value : null);
    expect(e.status).toBe('BREACH');
  });

  it('a precomputed learned threshold wins over chunks; none at all is an ERROR', () => {
    const spec = driftSpec({ features: ['age'], threshold: { learned: {} } });
    const pre = evaluateDataDrift('drift', spec, {
      baseline,
      current: shifted,
      learnedThresholds: { age: 9 },
    });
    expect(pre.checks[0]).toMatchObject({ threshold: 9, status: 'OK' });
    const none = evaluateDataDrift('drift', spec, { baseline, current: shifted });
    expect(none.status).toBe('ERROR');
  });
});

describe('evaluatePredictionDrift', () => {
  const ref = baselineOf(repeat([0.2, 0.4], 1000)); // mean 0.3, std 0.1
  const spec = (extra: Record<string, unknown> = {}) =>
    monitorSpecSchema.parse({
      type: 'prediction_drift',
      model: 'fraud',
      ...extra,
    }) as PredictionDriftSpec;
  type Case = {
    name: string;
    spec: Record<string, unknown>;
    window: number[];
    value: number | null;
    status: string;
  };
  const cases: Case[] = [
    {
      name: 'mean 0.55 is 2.5 std away: breach (> 2)',
      spec: {},
      window: repeat([0.5, 0.6], 500),
      value: 2.5,
      status: 'BREACH',
    },
    {
      name: 'mean 0.45 is 1.5 std away: ok',
      spec: {},
      window: repeat([0.4, 0.5], 500),
      value: 1.5,
      status: 'OK',
    },
    {
      name: 'meanShiftStd 3 raises the bar',
      spec: { meanShiftStd: 3 },
      window: repeat([0.5, 0.6], 500),
      value: 2.5,
      status: 'OK',
    },
    {
      name: 'too few predictions: NO_DATA',
      spec: {},
      window: repeat([0.5, 0.6], 50),
      value: null,
      status: 'NO_DATA',
    },
  ];
  it.each(cases)('$name', (c) => {
    const e = evaluatePredictionDrift('pred', spec(c.spec), {
      baseline: ref,
      current: windowLike(ref, c.window),
    });
    expect(e.status).toBe(c.status);
    if (c.value === null) expect(e.value).toBeNull();
    else expect(e.value).toBeCloseTo(c.value, 10);
  });

  it('a constant baseline floors the std at 0.001', () => {
    const flat = baselineOf(repeat([1], 500));
    const e = evaluatePredictionDrift('pred', spec(), {
      baseline: flat,
      current: windowLike(flat, repeat([1.0015], 500)),
    });
    expect(e.value).toBeCloseTo(1.5, 9);
    expect(e.status).toBe('OK');
  });

  it('distribution tests run on the prediction profile', () => {
    const cur = windowLike(ref, repeat([0.4, 0.4, 0.4, 0.2], 1000));
    const e = evaluatePredictionDrift('pred', spec({ method: 'psi' }), {
      baseline: ref,
      current: cur,
    });
    expect(e.value).toBe(psi(ref, cur));
    expect(e.checks[0]).toMatchObject({ check: 'psi', threshold: 0.2 });
  });

  it('categorical predictions cannot use mean_shift: ERROR', () => {
    const c = categories(repeat(['a', 'b'], 500));
    const e = evaluatePredictionDrift('pred', spec(), { baseline: c, current: c });
    expect(e.status).toBe('ERROR');
  });
});
