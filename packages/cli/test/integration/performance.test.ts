// The performance block: metrics on each side, their change, the concept-drift rule (configurable)
// and prediction drift. Expected metrics are computed here by hand from their definitions.
import { afterAll, describe, expect, it } from 'vitest';
import type { DriftReport } from '../../src/report/types.js';
import { runCli } from '../helpers/run-cli.js';
import { TempDir } from '../helpers/temp.js';

const dir = new TempDir();
afterAll(() => dir.remove());

function csv(header: string[], rows: (string | number | null)[][]): string {
  return `${header.join(',')}\n${rows.map((r) => r.map((v) => v ?? '').join(',')).join('\n')}\n`;
}

async function drift(args: string[]): Promise<DriftReport> {
  const r = await runCli(['drift', ...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

// Labels: `wrong` of every 100 rows are misclassified; feature x is a plain column.
function labelled(n: number, wrong: number): (string | number | null)[][] {
  return Array.from({ length: n }, (_, i) => {
    const y = i % 2 === 0 ? 'yes' : 'no';
    const flip = i % 100 < wrong;
    return [(i * 37) % 101, y, flip ? (y === 'yes' ? 'no' : 'yes') : y];
  });
}

describe('classification with labels', () => {
  const ref = dir.write('cls-ref.csv', csv(['x', 'y', 'pred'], labelled(400, 10)));
  const cur = dir.write('cls-cur.csv', csv(['x', 'y', 'pred'], labelled(400, 20)));

  it('computes accuracy, precision, recall, F1 and flags the accuracy drop', async () => {
    const r = await drift([ref, cur, '--target', 'y', '--prediction', 'pred']);
    const p = r.performance!;
    expect(p.task).toBe('classification');
    expect(r.columns.map((c) => c.column)).toEqual(['x']);
    expect(p.reference.accuracy).toBeCloseTo(0.9, 12);
    expect(p.current.accuracy).toBeCloseTo(0.8, 12);
    expect(p.change.accuracy).toBeCloseTo(-0.1, 12);
    // Flips hit rows i % 100 < k: half are 'yes' rows predicted 'no' and half the reverse, so
    // precision = recall = accuracy for the positive class 'yes'.
    expect(p.reference.precision).toBeCloseTo(0.9, 12);
    expect(p.reference.recall).toBeCloseTo(0.9, 12);
    expect(p.reference.f1).toBeCloseTo(0.9, 12);
    expect(p.concept_drift).toBe(true);
    expect(p.rule).toBe('accuracy falls by more than 3% of its reference value');
    expect(p.prediction_drift?.column).toBe('pred');
    expect(p.prediction_drift?.type).toBe('categorical');
  });

  it('takes the allowed drop from --max-accuracy-drop', async () => {
    const r = await drift([
      ref,
      cur,
      '--target',
      'y',
      '--prediction',
      'pred',
      '--max-accuracy-drop',
      '0.2',
    ]);
    expect(r.performance?.concept_drift).toBe(false);
    expect(r.performance?.rule).toBe('accuracy falls by more than 20% of its reference value');
  });
});

describe('classification with probabilities', () => {
  const rows = (n: number, seed: number) =>
    Array.from({ length: n }, (_, i) => {
      const y = (i * 7 + seed) % 3 === 0 ? 1 : 0;
      const score =
        Math.round((((i * 7919 + seed * 104729) % 1000) / 1000) * 0.6 * 1000) / 1000 +
        (y ? 0.35 : 0.02);
      return [y, score];
    });
  const refRows = rows(300, 1);
  const curRows = rows(300, 2).map(([y, s]) => [
    y,
    Math.round(Math.min(0.999, s * 1.3) * 1000) / 1000,
  ]);
  const ref = dir.write('prob-ref.csv', csv(['label', 'score'], refRows));
  const cur = dir.write('prob-cur.csv', csv(['label', 'score'], curRows));

  function expected(data: number[][]) {
    const acc = data.filter(([y, s]) => (s >= 0.5 ? 1 : 0) === y).length / data.length;
    const pos = data.filter(([y]) => y === 1).map(([, s]) => s);
    const neg = data.filter(([y]) => y === 0).map(([, s]) => s);
    let u = 0;
    for (const a of pos) for (const b of neg) u += a > b ? 1 : a === b ? 0.5 : 0;
    const loss =
      -data.reduce((sum, [y, s]) => sum + Math.log(y === 1 ? s : 1 - s), 0) / data.length;
    return { acc, auc: u / (pos.length * neg.length), loss };
  }

  it('thresholds at 0.5 for the labels and reports ROC AUC and log loss', async () => {
    const r = await drift([
      ref,
      cur,
      '--target',
      'label',
      '--prediction',
      'score',
      '--task',
      'classification',
    ]);
    const p = r.performance!;
    const e = expected(refRows);
    expect(p.reference.accuracy).toBeCloseTo(e.acc, 12);
    expect(p.reference.roc_auc).toBeCloseTo(e.auc, 12);
    expect(p.reference.log_loss).toBeCloseTo(e.loss, 10);
    expect(p.current.roc_auc).toBeCloseTo(expected(curRows).auc, 12);
    expect(p.prediction_drift?.type).toBe('numerical');
    expect(r.columns).toEqual([]);
  });
});

describe('regression', () => {
  const rows = (n: number, noise: number) =>
    Array.from({ length: n }, (_, i) => {
      const y = (i % 50) * 2.5;
      const e = (((i * 31) % 11) - 5) * noise;
      return [i % 7, y, i % 13 === 0 ? null : y + e];
    });
  const refRows = rows(500, 0.2);
  const curRows = rows(500, 0.3);
  const ref = dir.write('reg-ref.csv', csv(['f', 'target', 'prediction'], refRows));
  const cur = dir.write('reg-cur.csv', csv(['f', 'target', 'prediction'], curRows));
  const mae = (data: (number | null)[][]) => {
    const kept = data.filter((r) => r[2] !== null) as number[][];
    return kept.reduce((s, [, y, p]) => s + Math.abs(y - p), 0) / kept.length;
  };

  it('reports MAE, RMSE, MAPE, R2 on rows with both values and flags a 50 % error increase', async () => {
    const r = await drift([ref, cur, '--target', 'target', '--prediction', 'prediction']);
    const p = r.performance!;
    expect(p.task).toBe('regression');
    expect(Object.keys(p.reference)).toEqual(['mae', 'rmse', 'mape', 'r2']);
    expect(p.reference.mae).toBeCloseTo(mae(refRows), 12);
    expect(p.current.mae).toBeCloseTo(mae(curRows), 12);
    expect(p.current.mae / p.reference.mae).toBeCloseTo(1.5, 12);
    expect(p.concept_drift).toBe(true);
    expect(p.rule).toBe('MAE grows by more than 10% of its reference value');
  });

  it('takes the allowed increase from --max-error-increase', async () => {
    const r = await drift([
      ref,
      cur,
      '--target',
      'target',
      '--prediction',
      'prediction',
      '--max-error-increase',
      '0.6',
    ]);
    expect(r.performance?.concept_drift).toBe(false);
  });

  it('shows the block in the table', async () => {
    const r = await runCli([
      'drift',
      ref,
      cur,
      '--target',
      'target',
      '--prediction',
      'prediction',
      '--format',
      'table',
    ]);
    expect(r.stdout).toMatch(/Performance \(regression: target target, prediction prediction\)/);
    expect(r.stdout).toMatch(/concept drift: YES/);
  });
});
