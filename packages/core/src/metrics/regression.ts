import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import { checkPair } from './labels.js';

// scikit-learn's mean_absolute_percentage_error floors |y_true| at float64 machine epsilon.
const EPS = 2 ** -52;

function checkNumeric(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Result<never> | null {
  const bad = checkPair(yTrue, yPred);
  if (bad) return bad;
  for (let i = 0; i < yTrue.length; i++) {
    if (!Number.isFinite(yTrue[i])) return err('INVALID_ARGUMENT', `yTrue[${i}] is not finite`);
    if (!Number.isFinite(yPred[i])) return err('INVALID_ARGUMENT', `yPred[${i}] is not finite`);
  }
  return null;
}

/**
 * mae is the mean absolute error (1/n)·Σ|y_i − ŷ_i|, scikit-learn's `mean_absolute_error`.
 *
 * Errors: LENGTH_MISMATCH, EMPTY_SAMPLE, INVALID_ARGUMENT (a non-finite value).
 * Example: mae([3, -0.5, 2, 7], [2.5, 0, 2, 8]) → 0.5.
 */
export function mae(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Result<number> {
  const bad = checkNumeric(yTrue, yPred);
  if (bad) return bad;
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += Math.abs(yTrue[i] - yPred[i]);
  return ok(s / yTrue.length);
}

/**
 * mse is the mean squared error (1/n)·Σ(y_i − ŷ_i)², scikit-learn's `mean_squared_error`.
 *
 * Errors as mae. Example: mse([3, -0.5, 2, 7], [2.5, 0, 2, 8]) → 0.375.
 */
export function mse(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Result<number> {
  const bad = checkNumeric(yTrue, yPred);
  if (bad) return bad;
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const d = yTrue[i] - yPred[i];
    s += d * d;
  }
  return ok(s / yTrue.length);
}

/**
 * rmse is the root mean squared error √mse, scikit-learn's `mean_squared_error(squared=False)`.
 *
 * Errors as mae. Example: rmse([3, -0.5, 2, 7], [2.5, 0, 2, 8]) → 0.6124.
 */
export function rmse(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Result<number> {
  const m = mse(yTrue, yPred);
  return m.ok ? ok(Math.sqrt(m.value)) : m;
}

/**
 * mape is the mean absolute percentage error (1/n)·Σ|y_i − ŷ_i| / max(|y_i|, ε), as a fraction
 * (not ×100), scikit-learn's `mean_absolute_percentage_error`.
 *
 * ε = 2⁻⁵² (float64 machine epsilon), sklearn's floor: a zero y_i with a non-zero error gives a
 * huge but finite term (≈ 4.5e15 × |error|), exactly as sklearn. Errors as mae.
 * Example: mape([3, -0.5, 2, 7], [2.5, 0, 2, 8]) → 0.3274.
 */
export function mape(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Result<number> {
  const bad = checkNumeric(yTrue, yPred);
  if (bad) return bad;
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) {
    s += Math.abs(yPred[i] - yTrue[i]) / Math.max(Math.abs(yTrue[i]), EPS);
  }
  return ok(s / yTrue.length);
}

/**
 * r2 is the coefficient of determination 1 − Σ(y_i − ŷ_i)² / Σ(y_i − ȳ)², scikit-learn's
 * `r2_score` (force_finite=True).
 *
 * Edge cases, as sklearn: a constant yTrue gives 1 when the prediction is perfect, else 0 (the
 * ratio would be 0/0 or x/0); constancy is checked on the values themselves, so [0.1, 0.1, 0.1]
 * counts as constant even though its rounded mean is not exactly 0.1 (sklearn: huge negative). Fewer than 2 samples is TOO_FEW_VALUES (sklearn warns and returns
 * NaN). Other errors as mae.
 * Example: r2([3, -0.5, 2, 7], [2.5, 0, 2, 8]) → 0.9486.
 */
export function r2(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Result<number> {
  const bad = checkNumeric(yTrue, yPred);
  if (bad) return bad;
  const n = yTrue.length;
  if (n < 2) return err('TOO_FEW_VALUES', 'R² is not defined for fewer than two samples');
  let mean = 0;
  let constant = true;
  for (let i = 0; i < n; i++) {
    mean += yTrue[i];
    if (yTrue[i] !== yTrue[0]) constant = false;
  }
  mean /= n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const d = yTrue[i] - yPred[i];
    const c = yTrue[i] - mean;
    num += d * d;
    den += c * c;
  }
  // Constancy is tested on the values, not on den: the rounded mean of [0.1, 0.1, 0.1] is not 0.1,
  // which would leave den ≈ 1e-33 and an absurd R² (sklearn's result in that corner).
  if (constant || den === 0) return ok(num === 0 ? 1 : 0);
  return ok(1 - num / den);
}
