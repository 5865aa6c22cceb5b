import { monitorSpecSchema } from '@vigil/contracts';
import { accuracy, f1Score, type Label, precisionScore, recallScore } from '@vigil/core';
import { describe, expect, it } from 'vitest';
import {
  evaluatePerformance,
  type PerformanceData,
  type PerformanceSpec,
  performanceMetric,
} from './performance.js';

function spec(extra: Record<string, unknown>): PerformanceSpec {
  return monitorSpecSchema.parse({
    type: 'performance',
    model: 'm',
    minSampleSize: 10,
    ...extra,
  }) as PerformanceSpec;
}

/** Expand confusion counts into label pairs, to check against the core's sklearn metrics. */
function pairs(labels: Label[], matrix: number[][]): { yTrue: Label[]; yPred: Label[] } {
  const yTrue: Label[] = [];
  const yPred: Label[] = [];
  matrix.forEach((row, i) => {
    row.forEach((c, j) => {
      for (let n = 0; n < c; n++) {
        yTrue.push(labels[i]);
        yPred.push(labels[j]);
      }
    });
  });
  return { yTrue, yPred };
}

describe('performanceMetric from confusion counts equals the core on the expanded pairs', () => {
  const binary = {
    labels: [0, 1],
    matrix: [
      [50, 10],
      [5, 35],
    ],
  };
  const multi = {
    labels: ['cat', 'dog', 'pig'],
    matrix: [
      [5, 2, 0],
      [1, 0, 3],
      [0, 0, 4],
    ],
  };
  type Case = {
    name: string;
    cm: typeof binary | typeof multi;
    metric: 'accuracy' | 'precision' | 'recall' | 'f1';
    average?: 'binary' | 'macro' | 'micro' | 'weighted';
    posLabel?: Label;
  };
  const cases: Case[] = [
    { name: 'binary accuracy', cm: binary, metric: 'accuracy' },
    { name: 'binary precision', cm: binary, metric: 'precision' },
    { name: 'binary recall', cm: binary, metric: 'recall' },
    { name: 'binary f1', cm: binary, metric: 'f1' },
    { name: 'binary f1, posLabel 0', cm: binary, metric: 'f1', posLabel: 0 },
    { name: 'multi accuracy', cm: multi, metric: 'accuracy' },
    {
      name: 'multi macro precision (class with no prediction → 0)',
      cm: multi,
      metric: 'precision',
      average: 'macro',
    },
    { name: 'multi weighted recall', cm: multi, metric: 'recall', average: 'weighted' },
    { name: 'multi micro f1', cm: multi, metric: 'f1', average: 'micro' },
    { name: 'multi macro f1', cm: multi, metric: 'f1', average: 'macro' },
  ];
  it.each(cases)('$name', (c) => {
    const opts = { average: c.average ?? 'binary', posLabel: c.posLabel ?? 1 };
    const got = performanceMetric(c.metric, { kind: 'confusion', ...c.cm }, opts);
    const { yTrue, yPred } = pairs(c.cm.labels, c.cm.matrix);
    const t = yTrue as string[];
    const p = yPred as string[];
    const want =
      c.metric === 'accuracy'
        ? accuracy(t, p)
        : { precision: precisionScore, recall: recallScore, f1: f1Score }[c.metric](t, p, opts);
    expect(got.ok && want.ok).toBe(true);
    if (!got.ok || !want.ok) return;
    const w = typeof want.value === 'number' ? want.value : want.value.score;
    expect(got.value).toBeCloseTo(w, 14);
  });

  it('binary example of the doc: accuracy 0.85, precision 0.7778', () => {
    const d: PerformanceData = { kind: 'confusion', ...binary };
    expect(performanceMetric('accuracy', d)).toEqual({ ok: true, value: 0.85 });
    const p = performanceMetric('precision', d);
    expect(p.ok && p.value).toBeCloseTo(35 / 45, 15);
  });

  it('roc_auc cannot come from confusion counts', () => {
    const r = performanceMetric('roc_auc', { kind: 'confusion', ...binary });
    expect(r.ok).toBe(false);
  });
});

describe('evaluatePerformance', () => {
  const yTrue = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
  type Case = {
    name: string;
    spec: Record<string, unknown>;
    baselineValue: number;
    current: PerformanceData;
    status: string;
    value: number | null;
    threshold: number | null;
  };
  const cases: Case[] = [
    {
      name: 'accuracy 0.8 vs baseline 0.9: below 0.873 → BREACH',
      spec: { metric: 'accuracy' },
      baselineValue: 0.9,
      current: { kind: 'pairs', yTrue, yPred: [0, 0, 0, 0, 1, 1, 1, 1, 1, 0] },
      status: 'BREACH',
      value: 0.8,
      threshold: 0.873,
    },
    {
      name: 'accuracy 0.9 vs baseline 0.92: within 3 %',
      spec: { metric: 'accuracy' },
      baselineValue: 0.92,
      current: { kind: 'pairs', yTrue, yPred: [0, 0, 0, 0, 0, 1, 1, 1, 1, 0] },
      status: 'OK',
      value: 0.9,
      threshold: 0.8924,
    },
    {
      name: 'mae is lower-is-better: 0.5 vs baseline 0.4 → BREACH above 0.412',
      spec: { metric: 'mae' },
      baselineValue: 0.4,
      current: {
        kind: 'pairs',
        yTrue: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        yPred: [1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5],
      },
      status: 'BREACH',
      value: 0.5,
      threshold: 0.412,
    },
    {
      name: 'roc_auc from scores',
      spec: { metric: 'roc_auc' },
      baselineValue: 0.8,
      current: {
        kind: 'pairs',
        yTrue,
        scores: [0.1, 0.2, 0.3, 0.4, 0.6, 0.5, 0.7, 0.8, 0.9, 0.95],
      },
      status: 'OK',
      value: 0.96,
      threshold: 0.776,
    },
    {
      name: 'too few labelled rows: NO_DATA',
      spec: { metric: 'accuracy', minSampleSize: 100 },
      baselineValue: 0.9,
      current: { kind: 'pairs', yTrue, yPred: yTrue },
      status: 'NO_DATA',
      value: null,
      threshold: null,
    },
    {
      name: 'roc_auc without scores: ERROR',
      spec: { metric: 'roc_auc' },
      baselineValue: 0.8,
      current: { kind: 'pairs', yTrue, yPred: yTrue },
      status: 'ERROR',
      value: null,
      threshold: null,
    },
  ];
  it.each(cases)('$name', (c) => {
    const e = evaluatePerformance('perf', spec(c.spec), {
      baselineValue: c.baselineValue,
      current: c.current,
    });
    expect(e.status).toBe(c.status);
    if (c.value === null) expect(e.value).toBeNull();
    else expect(e.value).toBeCloseTo(c.value, 12);
    if (c.threshold === null) expect(e.threshold).toBeNull();
    else expect(e.checks[0].threshold).toBeCloseTo(c.threshold, 12);
  });

  it('an absolute condition is a second check', () => {
    const e = evaluatePerformance(
      'perf',
      spec({ metric: 'accuracy', condition: { below: 0.95 } }),
      {
        baselineValue: 0.9,
        current: { kind: 'pairs', yTrue, yPred: [0, 0, 0, 0, 0, 1, 1, 1, 1, 0] },
      },
    );
    expect(e.checks.map((c) => [c.check, c.breach])).toEqual([
      ['relative_drop', false],
      ['condition', true],
    ]);
    expect(e.status).toBe('BREACH');
  });
});
