import type { Result } from '../result.js';
import { ok } from '../result.js';
import type { Label, LabelArray } from './labels.js';
import { checkPair, encodeLabels } from './labels.js';

/**
 * accuracy is the share of positions where the predicted label equals the true label,
 * scikit-learn's `accuracy_score`.
 *
 * accuracy = #{i : yTrue[i] = yPred[i]} / n. Labels follow encodeLabels' rules (integers or
 * strings, not mixed). Errors: LENGTH_MISMATCH, EMPTY_SAMPLE, WRONG_KIND.
 * Example: accuracy([0, 1, 2, 3], [0, 2, 1, 3]) → 0.5.
 */
export function accuracy(yTrue: LabelArray, yPred: LabelArray): Result<number> {
  const bad = checkPair(yTrue, yPred);
  if (bad) return bad;
  const enc = encodeLabels(yTrue, yPred);
  if (!enc.ok) return enc;
  const [t, p] = enc.value.codes;
  let hits = 0;
  for (let i = 0; i < t.length; i++) if (t[i] === p[i]) hits++;
  return ok(hits / t.length);
}

/** ConfusionMatrix counts predictions per (true, predicted) class pair. */
export interface ConfusionMatrix {
  /** labels: the classes in row and column order (sorted union of yTrue and yPred). */
  readonly labels: Label[];
  /** matrix: matrix[i][j] = number of samples of true class labels[i] predicted as labels[j]. */
  readonly matrix: number[][];
}

/**
 * confusionMatrix counts samples per (true class, predicted class), scikit-learn's
 * `confusion_matrix` with its default sorted labels.
 *
 * Rows are true classes and columns predicted classes, both in the sorted union of the labels of
 * yTrue and yPred (numbers ascending, strings by code point). Errors: LENGTH_MISMATCH,
 * EMPTY_SAMPLE, WRONG_KIND.
 * Example: confusionMatrix(['cat', 'dog', 'cat'], ['cat', 'cat', 'dog']) →
 * { labels: ['cat', 'dog'], matrix: [[1, 1], [1, 0]] }.
 */
export function confusionMatrix(yTrue: LabelArray, yPred: LabelArray): Result<ConfusionMatrix> {
  const bad = checkPair(yTrue, yPred);
  if (bad) return bad;
  const enc = encodeLabels(yTrue, yPred);
  if (!enc.ok) return enc;
  const { classes, codes } = enc.value;
  const k = classes.length;
  const counts = countMatrix(codes[0], codes[1], k);
  const matrix: number[][] = [];
  for (let i = 0; i < k; i++) matrix.push(Array.from(counts.subarray(i * k, (i + 1) * k)));
  return ok({ labels: classes, matrix });
}

/** countMatrix is the flat row-major k × k confusion matrix of two encoded label arrays. */
export function countMatrix(t: Int32Array, p: Int32Array, k: number): Float64Array {
  const counts = new Float64Array(k * k);
  for (let i = 0; i < t.length; i++) counts[t[i] * k + p[i]]++;
  return counts;
}
