// Model performance on labelled windows: any core metric from pairs, classification metrics from
// confusion counts, compared with the baseline's value.
import type { MonitorSpec } from '@vigil/contracts';
import {
  type AverageMethod,
  accuracy,
  err,
  f1Score,
  type Label,
  type LabelArray,
  logLoss,
  mae,
  mape,
  mse,
  ok,
  precisionScore,
  type Result,
  r2,
  recallScore,
  rmse,
  rocAuc,
} from '@vigil/core';
import { computedCheck, conditionCheck, failedCheck, summarize, tooFewCheck } from './checks.js';
import type { CheckResult, MonitorEvaluation } from './types.js';

/** PerformanceSpec is the spec of a `performance` monitor. */
export type PerformanceSpec = Extract<MonitorSpec, { type: 'performance' }>;
/** PerformanceMetric is a metric a performance monitor can watch. */
export type PerformanceMetric = PerformanceSpec['metric'];

/**
 * PerformanceData is a labelled window: confusion counts (classification metrics only) or pairs
 * (every metric; `scores` are positive-class scores for roc_auc, probabilities for log_loss).
 */
export type PerformanceData =
  | {
      readonly kind: 'confusion';
      /** Class labels in row/column order; matrix[i][j] = true labels[i] predicted labels[j]. */
      readonly labels: readonly Label[];
      readonly matrix: ReadonlyArray<ReadonlyArray<number>>;
    }
  | {
      readonly kind: 'pairs';
      readonly yTrue: LabelArray;
      readonly yPred?: LabelArray;
      readonly scores?: ArrayLike<number> | ReadonlyArray<ArrayLike<number>>;
    };

/** PerformanceOptions sets the averaging of precision/recall/f1 (sklearn's defaults: binary, 1). */
export interface PerformanceOptions {
  readonly average?: AverageMethod;
  readonly posLabel?: Label;
}

/** PerformanceInput is the baseline's metric value plus the window's labelled data. */
export interface PerformanceInput extends PerformanceOptions {
  readonly baselineValue: number;
  readonly current: PerformanceData;
}

const LOWER_IS_BETTER: ReadonlySet<PerformanceMetric> = new Set([
  'log_loss',
  'mae',
  'mse',
  'rmse',
  'mape',
]);

function fromConfusion(
  metric: PerformanceMetric,
  labels: readonly Label[],
  m: ReadonlyArray<ReadonlyArray<number>>,
  options: PerformanceOptions,
): Result<number> {
  const k = labels.length;
  if (k === 0 || m.length !== k || m.some((row) => row.length !== k)) {
    return err('LENGTH_MISMATCH', 'confusion matrix must be k × k for k labels');
  }
  const tp = new Float64Array(k);
  const predicted = new Float64Array(k);
  const actual = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const c = m[i][j];
      if (!(c >= 0 && Number.isFinite(c))) return err('INVALID_ARGUMENT', 'counts must be >= 0');
      total += c;
      actual[i] += c;
      predicted[j] += c;
    }
    tp[i] = m[i][i];
  }
  if (total === 0) return err('EMPTY_SAMPLE', 'no labelled rows');
  if (metric === 'accuracy') return ok(tp.reduce((a, b) => a + b, 0) / total);
  if (metric !== 'precision' && metric !== 'recall' && metric !== 'f1') {
    return err('WRONG_KIND', `${metric} needs pairs (scores or values), not confusion counts`);
  }
  // Per class, as sklearn with zero_division → 0: P = tp/pred, R = tp/actual, F1 = 2PR/(P + R).
  const score = (i: number): number => {
    const p = predicted[i] === 0 ? 0 : tp[i] / predicted[i];
    const r = actual[i] === 0 ? 0 : tp[i] / actual[i];
    if (metric === 'precision') return p;
    if (metric === 'recall') return r;
    return p + r === 0 ? 0 : (2 * p * r) / (p + r);
  };
  const average = options.average ?? 'binary';
  if (average === 'binary') {
    const pos = labels.indexOf(options.posLabel ?? 1);
    if (k > 2 || pos < 0)
      return err('INVALID_ARGUMENT', 'binary average needs <= 2 labels incl. posLabel');
    return ok(score(pos));
  }
  if (average === 'micro') {
    // Micro-averaged P = R = F1 = accuracy for single-label classification.
    return ok(tp.reduce((a, b) => a + b, 0) / total);
  }
  let sum = 0;
  let weight = 0;
  for (let i = 0; i < k; i++) {
    const w = average === 'weighted' ? actual[i] : 1;
    sum += w * score(i);
    weight += w;
  }
  return ok(weight === 0 ? 0 : sum / weight);
}

function fromPairs(
  metric: PerformanceMetric,
  d: Extract<PerformanceData, { kind: 'pairs' }>,
  options: PerformanceOptions,
): Result<number> {
  const prf = { average: options.average ?? 'binary', posLabel: options.posLabel ?? 1 };
  const need = <T>(x: T | undefined, what: string): Result<T> =>
    x === undefined ? err('INVALID_ARGUMENT', `${metric} needs ${what}`) : ok(x);
  const score = (r: Result<{ readonly score: number }>): Result<number> =>
    r.ok ? ok(r.value.score) : r;
  const yPred = need(d.yPred, 'yPred');
  const scores = need(d.scores, 'scores');
  const numbers = d.yTrue as ArrayLike<number>;
  switch (metric) {
    case 'accuracy':
      return yPred.ok ? accuracy(d.yTrue, yPred.value) : yPred;
    case 'precision':
      return yPred.ok ? score(precisionScore(d.yTrue, yPred.value, prf)) : yPred;
    case 'recall':
      return yPred.ok ? score(recallScore(d.yTrue, yPred.value, prf)) : yPred;
    case 'f1':
      return yPred.ok ? score(f1Score(d.yTrue, yPred.value, prf)) : yPred;
    case 'roc_auc':
      return scores.ok ? rocAuc(d.yTrue, scores.value as ArrayLike<number>) : scores;
    case 'log_loss':
      return scores.ok ? logLoss(d.yTrue, scores.value) : scores;
    default: {
      if (!yPred.ok) return yPred;
      const p = yPred.value as ArrayLike<number>;
      const fn = { mae, mse, rmse, mape, r2 }[metric];
      return fn(numbers, p);
    }
  }
}

/**
 * performanceMetric computes one metric of a labelled window with the core's sklearn-compatible
 * metrics (pairs) or from confusion counts (accuracy, precision, recall, f1; per-class 0/0 → 0,
 * averages binary on posLabel (default 1), micro, macro or weighted, as sklearn).
 * Example: confusion [[50, 10], [5, 35]] over labels [0, 1] → accuracy 0.85, precision 0.7778.
 */
export function performanceMetric(
  metric: PerformanceMetric,
  data: PerformanceData,
  options: PerformanceOptions = {},
): Result<number> {
  return data.kind === 'confusion'
    ? fromConfusion(metric, data.labels, data.matrix, options)
    : fromPairs(metric, data, options);
}

function rowCount(d: PerformanceData): number {
  if (d.kind === 'pairs') return d.yTrue.length;
  let n = 0;
  for (const row of d.matrix) for (const c of row) n += c;
  return n;
}

/**
 * evaluatePerformance compares the window's metric with the baseline value b. Relative drop
 * rule with r = maxRelativeDrop (default 0.03): for higher-is-better metrics (accuracy,
 * precision, recall, f1, roc_auc, r2) breach when value < b − r·|b|; for lower-is-better ones
 * (log_loss, mae, mse, rmse, mape) when value > b + r·|b|. An optional `condition` is a second,
 * absolute check. Fewer than minSampleSize labelled rows → NO_DATA.
 * Example: baseline accuracy 0.90, window 0.86 < 0.873 → BREACH.
 */
export function evaluatePerformance(
  name: string,
  spec: PerformanceSpec,
  input: PerformanceInput,
): MonitorEvaluation {
  const n = rowCount(input.current);
  const lower = LOWER_IS_BETTER.has(spec.metric);
  const base = {
    subject: spec.metric,
    check: 'relative_drop',
    direction: lower ? 'above' : 'below',
  } as const;
  const checks: CheckResult[] = [];
  if (n < spec.minSampleSize) {
    checks.push(tooFewCheck(base, n, spec.minSampleSize));
    return summarize(name, 'performance', checks);
  }
  const v = performanceMetric(spec.metric, input.current, input);
  if (!v.ok) {
    checks.push(failedCheck(base, 'ERROR', n, `${v.error.code}: ${v.error.message}`));
    return summarize(name, 'performance', checks);
  }
  const b = input.baselineValue;
  const slack = spec.maxRelativeDrop * Math.abs(b);
  const bound = lower ? b + slack : b - slack;
  checks.push(computedCheck(base, v.value, bound, lower ? v.value > bound : v.value < bound, n));
  if (spec.condition !== undefined) {
    checks.push(
      conditionCheck({ subject: spec.metric, check: 'condition' }, spec.condition, v.value, n),
    );
  }
  return summarize(name, 'performance', checks);
}
