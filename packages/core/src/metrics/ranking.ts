import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import type { Label, LabelArray } from './labels.js';
import { checkPair, encodeLabels } from './labels.js';

/**
 * Curve is the ROC / precision-recall staircase: cumulative true and false positives at each
 * distinct score, highest score first (scikit-learn's `_binary_clf_curve`).
 */
interface Curve {
  readonly tps: Float64Array;
  readonly fps: Float64Array;
  readonly length: number;
}

// Sorting positives' and negatives' scores separately with the native typed-array sort, then
// merging from the top, groups ties without an index permutation or a comparator closure.
function curve(positive: Uint8Array, scores: Float64Array): Curve {
  let nPos = 0;
  for (let i = 0; i < positive.length; i++) nPos += positive[i];
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(positive.length - nPos);
  for (let i = 0, a = 0, b = 0; i < positive.length; i++) {
    if (positive[i]) pos[a++] = scores[i];
    else neg[b++] = scores[i];
  }
  pos.sort();
  neg.sort();
  const tps = new Float64Array(positive.length);
  const fps = new Float64Array(positive.length);
  let i = pos.length - 1;
  let j = neg.length - 1;
  let tp = 0;
  let fp = 0;
  let m = 0;
  while (i >= 0 || j >= 0) {
    const v = i < 0 ? neg[j] : j < 0 ? pos[i] : Math.max(pos[i], neg[j]);
    while (i >= 0 && pos[i] === v) {
      tp++;
      i--;
    }
    while (j >= 0 && neg[j] === v) {
      fp++;
      j--;
    }
    tps[m] = tp;
    fps[m] = fp;
    m++;
  }
  return { tps, fps, length: m };
}

// Trapezoidal area under the ROC staircase. Counts are integers, so every product is exact
// below 2^53 and only the final division rounds.
function aucOf(c: Curve): number {
  let area = 0;
  let prevTp = 0;
  let prevFp = 0;
  for (let k = 0; k < c.length; k++) {
    area += (c.fps[k] - prevFp) * (c.tps[k] + prevTp);
    prevTp = c.tps[k];
    prevFp = c.fps[k];
  }
  return area / (2 * prevTp * prevFp);
}

/** BinaryTarget is a validated binary problem: positive flags and finite scores. */
interface BinaryTarget {
  readonly positive: Uint8Array;
  readonly scores: Float64Array;
}

function binaryTarget(
  yTrue: LabelArray,
  scores: ArrayLike<number>,
  posLabel: Label | undefined,
): Result<BinaryTarget> {
  const bad = checkPair(yTrue, scores, 'yTrue and scores');
  if (bad) return bad;
  const enc = encodeLabels(yTrue);
  if (!enc.ok) return enc;
  const { classes, codes } = enc.value;
  if (classes.length < 2) {
    return err(
      'SINGLE_CATEGORY',
      `yTrue holds one class (${String(classes[0])}): the score is undefined`,
    );
  }
  if (classes.length > 2) {
    return err(
      'INVALID_ARGUMENT',
      `yTrue holds ${classes.length} classes; use rocAucOvr for multiclass`,
    );
  }
  const pos = posLabel === undefined ? 1 : classes.indexOf(posLabel);
  if (pos < 0) return err('INVALID_ARGUMENT', `posLabel ${String(posLabel)} is not in yTrue`);
  const s = new Float64Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    const v = scores[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      return err('INVALID_ARGUMENT', `scores[${i}] is not a finite number`);
    }
    s[i] = v;
  }
  const positive = new Uint8Array(codes[0].length);
  for (let i = 0; i < positive.length; i++) positive[i] = codes[0][i] === pos ? 1 : 0;
  return ok({ positive, scores: s });
}

/**
 * rocAuc is the area under the ROC curve of binary labels against scores, scikit-learn's
 * `roc_auc_score` for a binary target.
 *
 * AUC = Σ_k (FP_k − FP_{k−1})(TP_k + TP_{k−1}) / (2·P·N) over distinct score thresholds, highest
 * first: the trapezoidal rule, so tied scores count half (the Mann-Whitney U / (P·N)). The positive
 * class is the greater of the two labels (sklearn's rule). Errors: LENGTH_MISMATCH, EMPTY_SAMPLE,
 * WRONG_KIND, SINGLE_CATEGORY (only one class in yTrue), INVALID_ARGUMENT (more than two classes,
 * a non-finite score).
 * Example: rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) → 0.75.
 */
export function rocAuc(yTrue: LabelArray, scores: ArrayLike<number>): Result<number> {
  const t = binaryTarget(yTrue, scores, undefined);
  if (!t.ok) return t;
  return ok(aucOf(curve(t.value.positive, t.value.scores)));
}

/**
 * averagePrecision summarises the precision-recall curve as scikit-learn's
 * `average_precision_score`: AP = Σ_k (R_k − R_{k−1})·P_k over distinct score thresholds,
 * highest first, with P_k = TP_k/(TP_k + FP_k) and R_k = TP_k/P (no interpolation).
 *
 * `posLabel` defaults to the greater label, which is sklearn's 1 for {0, 1} and {−1, 1}.
 * Deviation: a yTrue with one class is SINGLE_CATEGORY, where sklearn returns 1.0 (all positive)
 * or a warned 0 (no positive). Other errors as rocAuc.
 * Example: averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) → 0.8333.
 */
export function averagePrecision(
  yTrue: LabelArray,
  scores: ArrayLike<number>,
  options: { readonly posLabel?: Label } = {},
): Result<number> {
  const t = binaryTarget(yTrue, scores, options.posLabel);
  if (!t.ok) return t;
  const c = curve(t.value.positive, t.value.scores);
  let ap = 0;
  let prevTp = 0;
  for (let k = 0; k < c.length; k++) {
    const tp = c.tps[k];
    if (tp !== prevTp) ap += (tp - prevTp) * (tp / (tp + c.fps[k]));
    prevTp = tp;
  }
  // prevTp is the number of positives, > 0 because binaryTarget demands both classes.
  return ok(ap / prevTp);
}

/**
 * rocAucOvr is the one-vs-rest multiclass ROC AUC, scikit-learn's
 * `roc_auc_score(multi_class='ovr')`: the binary AUC of each class against the rest, using that
 * class's probability column, averaged with equal weights ('macro', default) or by class
 * prevalence ('weighted').
 *
 * `probs[i][c]` is the probability of the c-th class of the sorted labels of yTrue; each row must
 * have one entry per class and sum to 1 (sklearn's allclose: |1 − Σ| ≤ 1e-8 + 1e-5·|Σ|).
 * Errors: LENGTH_MISMATCH, EMPTY_SAMPLE, WRONG_KIND, SINGLE_CATEGORY, INVALID_ARGUMENT.
 * Example: yTrue [0, 1, 2, 2], rows [.8 .1 .1], [.2 .7 .1], [.1 .2 .7], [.3 .3 .4] → 1.
 */
export function rocAucOvr(
  yTrue: LabelArray,
  probs: ReadonlyArray<ArrayLike<number>>,
  options: { readonly average?: 'macro' | 'weighted' } = {},
): Result<number> {
  const { average = 'macro' } = options;
  if (average !== 'macro' && average !== 'weighted') {
    return err('INVALID_ARGUMENT', `unknown average '${String(average)}'`);
  }
  const bad = checkPair(yTrue, probs, 'yTrue and probs');
  if (bad) return bad;
  const enc = encodeLabels(yTrue);
  if (!enc.ok) return enc;
  const { classes, codes } = enc.value;
  const k = classes.length;
  if (k < 2) return err('SINGLE_CATEGORY', 'yTrue holds one class: ROC AUC is undefined');
  const n = probs.length;
  const columns = Array.from({ length: k }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const row = probs[i];
    if (row.length !== k) {
      return err(
        'INVALID_ARGUMENT',
        `probs[${i}] has ${row.length} columns, yTrue has ${k} classes`,
      );
    }
    let total = 0;
    for (let c = 0; c < k; c++) {
      const v = row[c];
      if (!Number.isFinite(v)) return err('INVALID_ARGUMENT', `probs[${i}][${c}] is not finite`);
      columns[c][i] = v;
      total += v;
    }
    if (!(Math.abs(1 - total) <= 1e-8 + 1e-5 * Math.abs(total))) {
      return err(
        'INVALID_ARGUMENT',
        `probs[${i}] sums to ${total}, not 1: multiclass ROC AUC needs probabilities`,
      );
    }
  }
  const positive = new Uint8Array(n);
  let weighted = 0;
  let plain = 0;
  for (let c = 0; c < k; c++) {
    let support = 0;
    for (let i = 0; i < n; i++) {
      positive[i] = codes[0][i] === c ? 1 : 0;
      support += positive[i];
    }
    const auc = aucOf(curve(positive, columns[c]));
    plain += auc;
    weighted += support * auc;
  }
  return ok(average === 'macro' ? plain / k : weighted / n);
}
