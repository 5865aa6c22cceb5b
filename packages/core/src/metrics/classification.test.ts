import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AverageMethod, Label } from './index.js';
import {
  accuracy,
  confusionMatrix,
  f1Score,
  fbetaScore,
  precisionRecallFscore,
  precisionScore,
  recallScore,
} from './index.js';

// scikit-learn 1.2.1 values, from scripts/gen-metrics-golden.py. Each score is [value, warned].
interface ScoreRow {
  average: AverageMethod;
  posLabel: Label | null;
  precision: [number, boolean];
  recall: [number, boolean];
  f1: [number, boolean];
  f2: [number, boolean];
  f05: [number, boolean];
}
interface Case {
  name: string;
  yTrue: Label[];
  yPred: Label[];
  accuracy: number;
  labels: Label[];
  confusion: number[][];
  scores: ScoreRow[];
}
const golden = JSON.parse(
  readFileSync(new URL('./testdata/classification.golden.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

const REL = 1e-12;
function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(REL * Math.abs(expected));
}
const value = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const asLabels = (x: Label[]) => x as number[] | string[];

describe('accuracy and confusionMatrix vs scikit-learn 1.2.1', () => {
  it('has the golden cases', () => expect(golden.cases.length).toBe(13));
  it.each(golden.cases)('$name', (c) => {
    expectClose(value(accuracy(asLabels(c.yTrue), asLabels(c.yPred))), c.accuracy);
    expect(value(confusionMatrix(asLabels(c.yTrue), asLabels(c.yPred)))).toEqual({
      labels: c.labels,
      matrix: c.confusion,
    });
  });
  it('accepts typed arrays', () => {
    expect(value(accuracy(Int32Array.of(0, 1, 2, 3), Float64Array.of(0, 2, 1, 3)))).toBe(0.5);
  });
});

const rows = golden.cases.flatMap((c) =>
  c.scores.map((s) => ({ ...s, name: `${c.name} [${s.average}]`, yTrue: c.yTrue, yPred: c.yPred })),
);

describe('precision, recall, F1, F-beta and zero-division flags vs scikit-learn 1.2.1', () => {
  it.each(rows)('$name', (row) => {
    const t = asLabels(row.yTrue);
    const p = asLabels(row.yPred);
    const opts = {
      average: row.average,
      ...(row.posLabel === null ? {} : { posLabel: row.posLabel }),
    };
    const check = (
      got: { score: number; zeroDivision: boolean },
      [v, warned]: [number, boolean],
    ) => {
      expectClose(got.score, v);
      expect(got.zeroDivision).toBe(warned);
    };
    check(value(precisionScore(t, p, opts)), row.precision);
    check(value(recallScore(t, p, opts)), row.recall);
    check(value(f1Score(t, p, opts)), row.f1);
    check(value(fbetaScore(t, p, { ...opts, beta: 2 })), row.f2);
    check(value(fbetaScore(t, p, { ...opts, beta: 0.5 })), row.f05);
    const all = value(precisionRecallFscore(t, p, opts));
    expectClose(all.precision, row.precision[0]);
    expectClose(all.recall, row.recall[0]);
    expectClose(all.fscore, row.f1[0]);
  });

  it('β = 0 is precision and β = Infinity is recall', () => {
    const t = [0, 1, 1, 0, 1];
    const p = [0, 1, 0, 1, 1];
    expect(value(fbetaScore(t, p, { beta: 0 })).score).toBe(value(precisionScore(t, p)).score);
    expect(value(fbetaScore(t, p, { beta: Infinity })).score).toBe(value(recallScore(t, p)).score);
  });
});

describe('classification errors', () => {
  type Bad = { name: string; run: () => { ok: boolean; error?: { code: string } }; code: string };
  const cases: Bad[] = [
    { name: 'length mismatch', run: () => accuracy([0, 1], [0]), code: 'LENGTH_MISMATCH' },
    { name: 'empty', run: () => confusionMatrix([], []), code: 'EMPTY_SAMPLE' },
    { name: 'mixed label kinds', run: () => accuracy([0, 1], ['0', '1']), code: 'WRONG_KIND' },
    { name: 'continuous labels', run: () => accuracy([0.5, 1], [0.5, 1]), code: 'WRONG_KIND' },
    { name: 'NaN label', run: () => accuracy([Number.NaN], [1]), code: 'WRONG_KIND' },
    {
      name: "average 'binary' on 3 classes",
      run: () => f1Score([0, 1, 2], [0, 1, 2]),
      code: 'INVALID_ARGUMENT',
    },
    {
      name: 'posLabel not among two labels',
      run: () => precisionScore(['a', 'b'], ['a', 'b']),
      code: 'INVALID_ARGUMENT',
    },
    {
      name: 'unknown average',
      run: () => recallScore([0, 1], [0, 1], { average: 'samples' as AverageMethod }),
      code: 'INVALID_ARGUMENT',
    },
    {
      name: 'negative beta',
      run: () => fbetaScore([0, 1], [0, 1], { beta: -1 }),
      code: 'INVALID_ARGUMENT',
    },
  ];
  it.each(cases)('$name → $code', ({ run, code }) => {
    const r = run();
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe(code);
  });
});
