import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import { countMatrix } from './classification.js';
import type { Label, LabelArray } from './labels.js';
import { checkPair, encodeLabels } from './labels.js';

/** AverageMethod selects how per-class scores combine, as scikit-learn's `average`. */
export type AverageMethod = 'binary' | 'macro' | 'micro' | 'weighted';

/** PrfOptions are the options of precisionScore, recallScore, f1Score and fbetaScore. */
export interface PrfOptions {
  /** average: 'binary' (default, sklearn's), 'macro', 'micro' or 'weighted'. */
  readonly average?: AverageMethod;
  /** posLabel: the positive class for average 'binary'. Default 1. */
  readonly posLabel?: Label;
}

/** FlaggedScore is a score plus whether a 0/0 was replaced by 0 (sklearn's UndefinedMetricWarning). */
export interface FlaggedScore {
  readonly score: number;
  /** zeroDivision: true exactly when scikit-learn 1.2.1 would warn for this call. */
  readonly zeroDivision: boolean;
}

/** PrecisionRecallFscore holds the three averaged scores of one call and their flags. */
export interface PrecisionRecallFscore {
  readonly precision: number;
  readonly recall: number;
  readonly fscore: number;
  readonly zeroDivision: {
    readonly precision: boolean;
    readonly recall: boolean;
    readonly fscore: boolean;
  };
}

/**
 * precisionRecallFscore computes averaged precision, recall and F-beta in one pass, following
 * scikit-learn 1.2.1's `precision_recall_fscore_support` with its default `zero_division="warn"`.
 *
 * Per class c: precision = tp/(tp + fp), recall = tp/(tp + fn),
 * F_β = (1 + β²)·P·R / (β²·P + R). A 0/0 precision or recall becomes 0 (flagged), and F is 0 when
 * its denominator is 0. Averages: 'binary' scores `posLabel` only (labels must be ≤ 2 classes,
 * and posLabel one of them unless only one class is present); 'micro' pools tp, fp and fn over
 * classes; 'macro' is the unweighted mean over the sorted union of labels; 'weighted' weighs each
 * class by its support. Flags mirror sklearn's warnings: precision when some class has no
 * prediction, recall when some class has no true sample, F only when both hold for a class.
 * Errors: LENGTH_MISMATCH, EMPTY_SAMPLE, WRONG_KIND, INVALID_ARGUMENT (bad average, posLabel or β).
 * Example: yTrue [cat, dog, pig, cat, dog, pig], yPred [cat, pig, dog, cat, cat, dog], macro →
 * precision 0.2222, recall 0.3333, F1 0.2667.
 */
export function precisionRecallFscore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: PrfOptions & { readonly beta?: number } = {},
): Result<PrecisionRecallFscore> {
  const { average = 'binary', posLabel = 1, beta = 1 } = options;
  if (!(beta >= 0)) return err('INVALID_ARGUMENT', `beta must be >= 0, got ${beta}`);
  if (!['binary', 'macro', 'micro', 'weighted'].includes(average)) {
    return err('INVALID_ARGUMENT', `unknown average '${String(average)}'`);
  }
  const bad = checkPair(yTrue, yPred);
  if (bad) return bad;
  const enc = encodeLabels(yTrue, yPred);
  if (!enc.ok) return enc;
  const { classes, codes } = enc.value;
  const k = classes.length;
  const counts = countMatrix(codes[0], codes[1], k);

  // Per-class true positives, predicted totals and true totals, for the classes being scored.
  let used: number[];
  if (average === 'binary') {
    if (k > 2) {
      return err(
        'INVALID_ARGUMENT',
        `average 'binary' needs at most 2 classes, got ${k}; use 'macro', 'micro' or 'weighted'`,
      );
    }
    const pos = classes.indexOf(posLabel);
    if (pos < 0 && k >= 2) {
      return err(
        'INVALID_ARGUMENT',
        `posLabel ${String(posLabel)} is not one of the labels ${classes.map(String).join(', ')}`,
      );
    }
    used = [pos];
  } else {
    used = Array.from({ length: k }, (_, c) => c);
  }
  const m = used.length;
  let tp = new Float64Array(m);
  let predSum = new Float64Array(m);
  let trueSum = new Float64Array(m);
  for (let u = 0; u < m; u++) {
    const c = used[u];
    if (c < 0) continue; // posLabel absent from a one-class problem: all counts 0, as sklearn.
    tp[u] = counts[c * k + c];
    for (let j = 0; j < k; j++) {
      predSum[u] += counts[j * k + c];
      trueSum[u] += counts[c * k + j];
    }
  }
  if (average === 'micro') {
    tp = Float64Array.of(sum(tp));
    predSum = Float64Array.of(sum(predSum));
    trueSum = Float64Array.of(sum(trueSum));
  }

  const n = tp.length;
  const precision = new Float64Array(n);
  const recall = new Float64Array(n);
  const fscore = new Float64Array(n);
  const flags = { precision: false, recall: false, fscore: false };
  const beta2 = beta * beta;
  for (let i = 0; i < n; i++) {
    if (predSum[i] === 0) flags.precision = true;
    else precision[i] = tp[i] / predSum[i];
    if (trueSum[i] === 0) flags.recall = true;
    else recall[i] = tp[i] / trueSum[i];
    if (predSum[i] === 0 && trueSum[i] === 0) flags.fscore = true;
    if (beta === Number.POSITIVE_INFINITY) {
      fscore[i] = recall[i];
    } else {
      const denom = beta2 * precision[i] + recall[i];
      // Same operation order as sklearn so results agree to the last bit where possible.
      fscore[i] = denom === 0 ? 0 : ((1 + beta2) * precision[i] * recall[i]) / denom;
    }
  }

  const weights = average === 'weighted' ? trueSum : null;
  return ok({
    precision: mean(precision, weights),
    recall: mean(recall, weights),
    fscore: mean(fscore, weights),
    zeroDivision: flags,
  });
}

function sum(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

function mean(x: Float64Array, weights: Float64Array | null): number {
  if (weights === null) return sum(x) / x.length;
  let num = 0;
  for (let i = 0; i < x.length; i++) num += x[i] * weights[i];
  // Weighted averages are only asked for over all present classes, so the support total is n > 0.
  return num / sum(weights);
}

/**
 * precisionScore is tp / (tp + fp) averaged as requested, scikit-learn's `precision_score`.
 *
 * See precisionRecallFscore for the averaging and zero-division policy (0/0 → 0, flagged when a
 * class has no prediction). Example: precisionScore([0, 1, 1, 0], [0, 1, 0, 1]) → 0.5.
 */
export function precisionScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: PrfOptions = {},
): Result<FlaggedScore> {
  const r = precisionRecallFscore(yTrue, yPred, options);
  if (!r.ok) return r;
  return ok({ score: r.value.precision, zeroDivision: r.value.zeroDivision.precision });
}

/**
 * recallScore is tp / (tp + fn) averaged as requested, scikit-learn's `recall_score`.
 *
 * See precisionRecallFscore (0/0 → 0, flagged when a class has no true sample).
 * Example: recallScore([0, 1, 1, 0], [0, 1, 0, 0]) → 0.5.
 */
export function recallScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: PrfOptions = {},
): Result<FlaggedScore> {
  const r = precisionRecallFscore(yTrue, yPred, options);
  if (!r.ok) return r;
  return ok({ score: r.value.recall, zeroDivision: r.value.zeroDivision.recall });
}

/**
 * f1Score is the harmonic mean 2·P·R / (P + R) averaged as requested, scikit-learn's `f1_score`.
 *
 * See precisionRecallFscore (F = 0 when P + R = 0; flagged only when some class has neither a
 * prediction nor a true sample). Example: f1Score([0, 1, 1, 0], [0, 1, 0, 1]) → 0.5.
 */
export function f1Score(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: PrfOptions = {},
): Result<FlaggedScore> {
  return fbetaScore(yTrue, yPred, { ...options, beta: 1 });
}

/**
 * fbetaScore is F_β = (1 + β²)·P·R / (β²·P + R) averaged as requested, scikit-learn's
 * `fbeta_score`; β > 1 favours recall. β = 0 gives precision, β = Infinity recall.
 *
 * See precisionRecallFscore. Example: fbetaScore([0, 1, 1, 0], [0, 1, 0, 0], { beta: 2 }) → 0.5556.
 */
export function fbetaScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: PrfOptions & { readonly beta: number },
): Result<FlaggedScore> {
  const r = precisionRecallFscore(yTrue, yPred, options);
  if (!r.ok) return r;
  return ok({ score: r.value.fscore, zeroDivision: r.value.zeroDivision.fscore });
}
