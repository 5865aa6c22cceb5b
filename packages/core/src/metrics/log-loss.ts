import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import type { Label, LabelArray } from './labels.js';
import { checkPair, encodeLabels } from './labels.js';

// scikit-learn 1.2 clips at np.finfo(float64).eps (eps="auto"); before 1.2 it was 1e-15.
const EPS = 2 ** -52;

/** LogLossOptions are the options of logLoss. */
export interface LogLossOptions {
  /** labels: every class, in any order (sorted internally); default: the classes of yTrue. */
  readonly labels?: readonly Label[];
}

/**
 * logLoss is the mean negative log-likelihood of the true classes, scikit-learn 1.2.1's
 * `log_loss` with its default eps="auto".
 *
 * loss = −(1/n)·Σ_i ln p̂_i[y_i], where each probability is first clipped to [ε, 1 − ε]
 * (ε = 2⁻⁵², float64 machine epsilon) and each row is then divided by its sum, as sklearn does.
 * `probs` is either one probability per sample (of the greater of two classes) or one row per
 * sample with a column per class, classes sorted (numbers ascending, strings by code point).
 * Classes come from `labels` when given, else from yTrue, and must number at least 2.
 * Deviation: a probability outside [0, 1] (or not finite) is INVALID_ARGUMENT; sklearn clips it
 * silently. Rows not summing to 1 are renormalised, as sklearn. Other errors: LENGTH_MISMATCH,
 * EMPTY_SAMPLE, WRONG_KIND, SINGLE_CATEGORY (one class and no `labels`).
 * Example: logLoss(['spam', 'ham', 'ham', 'spam'], [[.1, .9], [.9, .1], [.8, .2], [.35, .65]])
 * → 0.21616.
 */
export function logLoss(
  yTrue: LabelArray,
  probs: ArrayLike<number> | ReadonlyArray<ArrayLike<number>>,
  options: LogLossOptions = {},
): Result<number> {
  const bad = checkPair(yTrue, probs, 'yTrue and probs');
  if (bad) return bad;
  const { labels } = options;
  const enc =
    labels === undefined ? encodeLabels(yTrue) : encodeLabels(labels as LabelArray, yTrue);
  if (!enc.ok) return enc;
  const { classes, codes } = enc.value;
  const k = classes.length;
  if (labels !== undefined && k > new Set(labels).size) {
    return err('INVALID_ARGUMENT', 'yTrue holds labels that are not in options.labels');
  }
  if (k < 2) {
    return err(
      'SINGLE_CATEGORY',
      `log loss needs at least two classes, got ${String(classes[0])} only; pass options.labels`,
    );
  }
  const y = codes[codes.length - 1];
  const n = y.length;
  let total = 0;
  if (typeof probs[0] === 'number') {
    if (k !== 2) return err('INVALID_ARGUMENT', `1-D probabilities need 2 classes, got ${k}`);
    const p1 = probs as ArrayLike<number>;
    for (let i = 0; i < n; i++) {
      const v = p1[i];
      if (!(v >= 0 && v <= 1))
        return err('INVALID_ARGUMENT', `probs[${i}] = ${v} is not a probability`);
      // Clip, then build the row [1 − p, p] and renormalise it exactly as sklearn does.
      const p = clip(v);
      const q = 1 - p;
      total += Math.log((y[i] === 1 ? p : q) / (q + p));
    }
    return ok(-total / n);
  }
  const rows = probs as ReadonlyArray<ArrayLike<number>>;
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (row.length !== k) {
      return err('INVALID_ARGUMENT', `probs[${i}] has ${row.length} columns for ${k} classes`);
    }
    let rowSum = 0;
    for (let c = 0; c < k; c++) {
      const v = row[c];
      if (!(v >= 0 && v <= 1))
        return err('INVALID_ARGUMENT', `probs[${i}][${c}] = ${v} is not a probability`);
      rowSum += clip(v);
    }
    total += Math.log(clip(row[y[i]]) / rowSum);
  }
  return ok(-total / n);
}

function clip(p: number): number {
  return p < EPS ? EPS : p > 1 - EPS ? 1 - EPS : p;
}
