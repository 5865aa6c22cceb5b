// Model performance on each side (--target, --prediction), its change, the concept-drift rule and
// prediction drift. Metrics come from @vigil/core (scikit-learn definitions).

import type { Result } from '@vigil/core';
import {
  accuracy,
  f1Score,
  logLoss,
  mae,
  mape,
  precisionScore,
  r2,
  recallScore,
  rmse,
  rocAuc,
} from '@vigil/core';
import type { Converted } from '../drift/column-data.js';
import { toColumnData } from '../drift/column-data.js';
import type { ColumnPlan } from '../drift/plan.js';
import { inferKind } from '../drift/plan.js';
import type { DataTable, RawColumn } from '../io/table.js';
import { testColumn } from './column-drift.js';
import type { Performance } from './types.js';

/** PerformanceRequest configures the performance block. */
export interface PerformanceRequest {
  readonly task?: 'classification' | 'regression';
  readonly target: string;
  readonly prediction: string;
  /** maxAccuracyDrop: concept drift when accuracy falls by more than this fraction of its reference value. */
  readonly maxAccuracyDrop: number;
  /** maxErrorIncrease: concept drift when MAE grows by more than this fraction of its reference value. */
  readonly maxErrorIncrease: number;
  /** predictionPlan is how prediction drift is tested (kind, method, threshold). */
  readonly predictionPlan: ColumnPlan;
  readonly bins?: number;
  readonly seed?: number;
  readonly distributions: boolean;
}

type Labels = number[] | string[];

function pct(x: number): string {
  return `${Number((x * 100).toFixed(2))}%`;
}

/** inferTask: a numerical target (many distinct values or non-integers) means regression. */
export function inferTask(target: RawColumn): 'classification' | 'regression' {
  return target.type === 'number' && inferKind(target) === 'numerical'
    ? 'regression'
    : 'classification';
}

/** isProbability tells whether a numeric prediction column holds scores in [0, 1] rather than labels. */
function isProbability(column: RawColumn): boolean {
  if (column.type !== 'number') return false;
  let fractional = false;
  const v = column.values;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (Number.isNaN(x)) continue;
    if (x < 0 || x > 1) return false;
    if (!Number.isInteger(x)) fractional = true;
  }
  return fractional;
}

function compareLabels(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

interface Side {
  target: Labels;
  prediction: Labels;
  scores: number[] | null;
}

/** pairs keeps rows where both target and prediction are present. */
function pairs(
  target: RawColumn,
  prediction: RawColumn,
  asStrings: boolean,
  probability: boolean,
): Side {
  const t: (number | string)[] = [];
  const p: (number | string)[] = [];
  const scores: number[] = [];
  for (let i = 0; i < target.values.length; i++) {
    const tv = target.values[i];
    const pv = prediction.values[i];
    if (
      tv === null ||
      pv === null ||
      (typeof tv === 'number' && Number.isNaN(tv)) ||
      (typeof pv === 'number' && Number.isNaN(pv))
    ) {
      continue;
    }
    t.push(asStrings ? String(tv) : tv);
    if (probability) scores.push(pv as number);
    else p.push(asStrings ? String(pv) : pv);
  }
  return { target: t as Labels, prediction: p as Labels, scores: probability ? scores : null };
}

function metric(
  out: Record<string, number>,
  name: string,
  r: Result<number | { score: number }>,
): void {
  if (r.ok) out[name] = typeof r.value === 'number' ? r.value : r.value.score;
}

function classificationMetrics(side: Side, classes: (number | string)[]): Record<string, number> {
  const out: Record<string, number> = {};
  if (side.target.length === 0) return out;
  let predicted = side.prediction;
  if (side.scores !== null) {
    const [negative, positive] = classes;
    predicted = side.scores.map((s) => (s >= 0.5 ? positive : negative)) as Labels;
  }
  metric(out, 'accuracy', accuracy(side.target, predicted));
  const options =
    classes.length <= 2
      ? { average: 'binary' as const, posLabel: classes[classes.length - 1] }
      : { average: 'macro' as const };
  metric(out, 'precision', precisionScore(side.target, predicted, options));
  metric(out, 'recall', recallScore(side.target, predicted, options));
  metric(out, 'f1', f1Score(side.target, predicted, options));
  if (side.scores !== null) {
    metric(out, 'roc_auc', rocAuc(side.target, side.scores));
    metric(out, 'log_loss', logLoss(side.target, side.scores, { labels: classes }));
  }
  return out;
}

function regressionMetrics(target: Converted, prediction: Converted): Record<string, number> {
  const out: Record<string, number> = {};
  if (target.data.kind !== 'numerical' || prediction.data.kind !== 'numerical') return out;
  const t: number[] = [];
  const p: number[] = [];
  const tv = target.data.values;
  const pv = prediction.data.values;
  for (let i = 0; i < tv.length; i++) {
    if (Number.isFinite(tv[i]) && Number.isFinite(pv[i])) {
      t.push(tv[i]);
      p.push(pv[i]);
    }
  }
  if (t.length === 0) return out;
  metric(out, 'mae', mae(t, p));
  metric(out, 'rmse', rmse(t, p));
  metric(out, 'mape', mape(t, p));
  metric(out, 'r2', r2(t, p));
  return out;
}

/** keepCommon keeps the metrics computed on both sides. */
function keepCommon(a: Record<string, number>, b: Record<string, number>): void {
  for (const k of Object.keys(a)) if (!(k in b)) delete a[k];
  for (const k of Object.keys(b)) if (!(k in a)) delete b[k];
}

/**
 * buildPerformance computes the metrics on both sides, their change (current - reference) and the
 * concept-drift decision: classification drifts when accuracy falls by more than maxAccuracyDrop of
 * its reference value (relative, 0.03 = 3 %); regression when MAE grows by more than
 * maxErrorIncrease of its reference value (0.10 = 10 %).
 */
export function buildPerformance(
  req: PerformanceRequest,
  reference: DataTable,
  current: DataTable,
): Performance {
  const refTarget = reference.columns.get(req.target)!;
  const curTarget = current.columns.get(req.target)!;
  const refPred = reference.columns.get(req.prediction)!;
  const curPred = current.columns.get(req.prediction)!;
  const task = req.task ?? inferTask(refTarget);
  let refMetrics: Record<string, number>;
  let curMetrics: Record<string, number>;
  let conceptDrift = false;
  let rule: string;
  if (task === 'regression') {
    refMetrics = regressionMetrics(
      toColumnData(refTarget, 'numerical'),
      toColumnData(refPred, 'numerical'),
    );
    curMetrics = regressionMetrics(
      toColumnData(curTarget, 'numerical'),
      toColumnData(curPred, 'numerical'),
    );
    keepCommon(refMetrics, curMetrics);
    rule = `MAE grows by more than ${pct(req.maxErrorIncrease)} of its reference value`;
    if (refMetrics.mae !== undefined) {
      const base = refMetrics.mae;
      conceptDrift =
        base === 0 ? curMetrics.mae > 0 : (curMetrics.mae - base) / base > req.maxErrorIncrease;
    } else {
      rule = `not computable: no rows with a numeric target and prediction on both sides (${rule})`;
    }
  } else {
    const probability = isProbability(refPred) && isProbability(curPred);
    const asStrings =
      refTarget.type === 'string' ||
      curTarget.type === 'string' ||
      (!probability && (refPred.type === 'string' || curPred.type === 'string'));
    const ref = pairs(refTarget, refPred, asStrings, probability);
    const cur = pairs(curTarget, curPred, asStrings, probability);
    const classes = [
      ...new Set<number | string>([
        ...ref.target,
        ...cur.target,
        ...(probability ? [] : [...ref.prediction, ...cur.prediction]),
      ]),
    ].sort(compareLabels);
    if (probability && classes.length !== 2) {
      rule = `not computable: probability predictions need a binary target, found ${classes.length} classes`;
      refMetrics = {};
      curMetrics = {};
    } else {
      refMetrics = classificationMetrics(ref, classes);
      curMetrics = classificationMetrics(cur, classes);
      keepCommon(refMetrics, curMetrics);
      rule = `accuracy falls by more than ${pct(req.maxAccuracyDrop)} of its reference value`;
      if (refMetrics.accuracy !== undefined) {
        const base = refMetrics.accuracy;
        conceptDrift = base > 0 && (base - curMetrics.accuracy) / base > req.maxAccuracyDrop;
      } else {
        rule = `not computable: no rows with both target and prediction on both sides (${rule})`;
      }
    }
  }
  const change: Record<string, number> = {};
  for (const k of Object.keys(refMetrics)) change[k] = curMetrics[k] - refMetrics[k];

  const plan = req.predictionPlan;
  const predictionDrift = testColumn(
    plan,
    toColumnData(refPred, plan.kind),
    toColumnData(curPred, plan.kind),
    req,
  );
  return {
    task,
    target: req.target,
    prediction: req.prediction,
    reference: refMetrics,
    current: curMetrics,
    change,
    concept_drift: conceptDrift,
    rule,
    prediction_drift: predictionDrift,
  };
}
