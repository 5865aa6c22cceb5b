import type { Result } from '../result.js';
import { err, ok } from '../result.js';
import { fitRamp, fitStep, prefixSums } from './segment-fit.js';

/** LocateChangeOptions tunes locateChange. */
export interface LocateChangeOptions {
  /** minSegmentLength: values required before a change (and after a sudden one). Default 3. */
  readonly minSegmentLength?: number;
  /** minScore: smallest BIC improvement over "no change" that counts as a change. Default 10. */
  readonly minScore?: number;
  /** maxExactLength: longest series searched exhaustively for ramps (O(n²)). Default 2000. */
  readonly maxExactLength?: number;
}

/** ChangePoint describes the change found by locateChange. Indices are 0-based positions. */
export interface ChangePoint {
  /** kind: 'sudden' for a step in the mean, 'gradual' for a linear ramp between two levels. */
  readonly kind: 'sudden' | 'gradual';
  /** start: first index that departs from the old level. */
  readonly start: number;
  /** end: first index fully at the new level (equal to `start` for a sudden change). */
  readonly end: number;
  /** before: fitted level before the change. */
  readonly before: number;
  /** after: fitted level after the change. */
  readonly after: number;
  /** shift: after − before, in the series' unit. */
  readonly shift: number;
}

/** ChangeLocation is locateChange's answer: the change (or null) and the evidence behind it. */
export interface ChangeLocation {
  readonly change: ChangePoint | null;
  /** score: BIC(no change) − min(BIC(sudden), BIC(gradual)); larger is stronger evidence. */
  readonly score: number;
  /** confidence: BIC-approximated posterior probability that some change occurred, in [0, 1]. */
  readonly confidence: number;
  /** bic: the Bayesian information criterion of each model; null for a constant series. */
  readonly bic: { readonly none: number; readonly sudden: number; readonly gradual: number } | null;
}

// RSS floor relative to the no-change RSS, so a noiseless step or ramp gets a large finite score
// instead of ln(0) = −∞.
const RSS_FLOOR = 1e-12;

/**
 * locateChange tells when a metric series (e.g. daily accuracy) changed level, by how much, and
 * whether the change was sudden or gradual.
 *
 * Three Gaussian models are fitted by least squares and compared by BIC = n·ln(RSS/n) + k·ln(n):
 * no change (k = 2: mean, variance), a sudden mean shift at τ (k = 4: two means, τ, variance; every
 * τ scanned in O(n) with prefix sums) and a gradual change, a ramp from level a after index s to
 * level b at index e (k = 5; every (s, e) scanned in O(1) each, exhaustively up to
 * `maxExactLength` values, grid-then-refine beyond). A change is reported when the best change
 * model beats "no change" by at least `minScore` (default 10, "very strong" evidence on Kass &
 * Raftery's scale; on white Gaussian noise it fired for about 1 % of series of 8–12 points and
 * ≤ 0.2 % of series of 20–1000 points). Sudden vs gradual is decided by the lower BIC of the two.
 * `confidence` is the posterior weight of the two change models, w_i ∝ exp(−BIC_i / 2).
 *
 * Edge cases: fewer than 8 values → TOO_FEW_VALUES; a non-finite value → INVALID_ARGUMENT (the
 * index is the time axis, so values cannot be dropped); a constant series → ok with change null
 * score 0, confidence 0 and bic null. A ramp still in progress at the end of the series is allowed (e = n − 1).
 *
 * Example: [0.9 × 10, 0.8 × 10] → { kind: 'sudden', start: 10, end: 10, before: 0.9,
 * after: 0.8, shift: −0.1 }.
 */
export function locateChange(
  series: ArrayLike<number>,
  options: LocateChangeOptions = {},
): Result<ChangeLocation> {
  const { minSegmentLength = 3, minScore = 10, maxExactLength = 2000 } = options;
  const n = series.length;
  if (!Number.isInteger(minSegmentLength) || minSegmentLength < 1) {
    return err(
      'INVALID_ARGUMENT',
      `minSegmentLength must be an integer >= 1, got ${minSegmentLength}`,
    );
  }
  if (!Number.isInteger(maxExactLength) || maxExactLength < 8) {
    return err('INVALID_ARGUMENT', `maxExactLength must be an integer >= 8, got ${maxExactLength}`);
  }
  if (Number.isNaN(minScore)) return err('INVALID_ARGUMENT', 'minScore must be a number');
  if (n < 8) return err('TOO_FEW_VALUES', `need at least 8 values to locate a change, got ${n}`);
  if (n < 2 * minSegmentLength) {
    return err(
      'TOO_FEW_VALUES',
      `need at least 2 × minSegmentLength = ${2 * minSegmentLength} values, got ${n}`,
    );
  }
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = series[i];
    if (!Number.isFinite(v)) return err('INVALID_ARGUMENT', `series[${i}] is not finite (${v})`);
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  if (min === max) {
    return ok({ change: null, score: 0, confidence: 0, bic: null });
  }
  // Centring first keeps Q − S²/n well conditioned for series like 0.93 ± 0.001.
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = series[i] - mean;
  const p = prefixSums(y);
  const rss0 = p.q[n] - (p.s[n] * p.s[n]) / n;
  const floor = rss0 * RSS_FLOOR;
  const logN = Math.log(n);
  const bic = (rss: number, k: number): number => n * Math.log(Math.max(rss, floor) / n) + k * logN;

  const step = fitStep(p, n, minSegmentLength);
  const ramp = fitRamp(p, n, minSegmentLength, maxExactLength);
  const bicNone = bic(rss0, 2);
  const bicSudden = bic(step.rss, 4);
  const bicGradual = ramp === null ? Number.POSITIVE_INFINITY : bic(ramp.rss, 5);
  const bestChange = Math.min(bicSudden, bicGradual);
  const score = bicNone - bestChange;
  const confidence = posteriorOfChange(bicNone, bicSudden, bicGradual);
  const evidence = {
    score,
    confidence,
    bic: { none: bicNone, sudden: bicSudden, gradual: bicGradual },
  };
  if (!(score >= minScore)) return ok({ change: null, ...evidence });

  if (ramp !== null && bicGradual < bicSudden) {
    const before = mean + ramp.a;
    const after = before + ramp.c;
    const change: ChangePoint = {
      kind: 'gradual',
      start: ramp.s + 1,
      end: ramp.e,
      before,
      after,
      shift: after - before,
    };
    return ok({ change, ...evidence });
  }
  const tau = step.tau;
  const before = mean + p.s[tau] / tau;
  const after = mean + (p.s[n] - p.s[tau]) / (n - tau);
  const change: ChangePoint = {
    kind: 'sudden',
    start: tau,
    end: tau,
    before,
    after,
    shift: after - before,
  };
  return ok({ change, ...evidence });
}

// Posterior weight of the change models under equal priors, w_i ∝ exp(−BIC_i / 2), computed
// relative to the smallest BIC so no exponential overflows.
function posteriorOfChange(none: number, sudden: number, gradual: number): number {
  const lo = Math.min(none, sudden, gradual);
  const wNone = Math.exp(-(none - lo) / 2);
  const wChange = Math.exp(-(sudden - lo) / 2) + Math.exp(-(gradual - lo) / 2);
  return wChange / (wNone + wChange);
}
