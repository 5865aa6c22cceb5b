// Data drift per feature and prediction drift, computed from column profiles only.
import { DEFAULT_DRIFT_THRESHOLDS, type FeatureSpec, type MonitorSpec } from '@vigil/contracts';
import {
  type ColumnProfile,
  err,
  ok,
  type ProfileDriftMethod,
  profileDrift,
  type Result,
} from '@vigil/core';
import { type CheckBase, computedCheck, failedCheck, summarize, tooFewCheck } from './checks.js';
import { learnedBounds, leaveOneOutScores } from './learned.js';
import { selectFeatures } from './select.js';
import type { CheckResult, MonitorEvaluation, ProfilesByFeature } from './types.js';

/** DataDriftSpec is the spec of a `data_drift` monitor. */
export type DataDriftSpec = Extract<MonitorSpec, { type: 'data_drift' }>;
/** PredictionDriftSpec is the spec of a `prediction_drift` monitor. */
export type PredictionDriftSpec = Extract<MonitorSpec, { type: 'prediction_drift' }>;
type LearnedSpec = {
  readonly learned: { readonly chunks: number; readonly stdMultiplier: number };
};

/** DataDriftInput is what a data-drift evaluation reads: baseline and window profiles. */
export interface DataDriftInput {
  readonly baseline: ProfilesByFeature;
  readonly current: ProfilesByFeature;
  /** The model's declared features (for `{ top: N }` by importance). */
  readonly features?: readonly FeatureSpec[];
  /** Baseline chunk profiles per feature, for learned thresholds. */
  readonly referenceChunks?: Readonly<Record<string, readonly ColumnProfile[]>>;
  /** Learned thresholds computed earlier (learnDriftThreshold), by feature; they win over chunks. */
  readonly learnedThresholds?: Readonly<Record<string, number>>;
}

/** PredictionDriftInput holds the prediction column's baseline and window profiles. */
export interface PredictionDriftInput {
  readonly baseline: ColumnProfile;
  readonly current: ColumnProfile;
  readonly referenceChunks?: readonly ColumnProfile[];
  readonly learnedThreshold?: number;
}

const P_VALUE_METHODS: ReadonlySet<string> = new Set(['ks', 'chisquare']);

function driftScore(method: ProfileDriftMethod) {
  return (ref: ColumnProfile, cur: ColumnProfile): Result<number> => {
    const r = profileDrift(ref, cur, { method });
    return r.ok ? ok(r.value.score) : r;
  };
}

/**
 * learnDriftThreshold learns a drift threshold from reference chunks: each chunk is scored
 * against the other chunks merged (leave-one-out), then mean + k·std of the scores for distances,
 * or mean − k·std clamped to [0, 1] for p-value methods (ks, chisquare: drift is a low p).
 * The chunks should hold about as many rows as an evaluation window: drift scores depend on
 * sample size. Example: PSI scores [0.01, 0.02, 0.03], k = 3 → 0.02 + 3·0.008165 = 0.0445.
 */
export function learnDriftThreshold(
  chunks: readonly ColumnProfile[],
  method: ProfileDriftMethod,
  k: number,
): Result<number> {
  const scores = leaveOneOutScores(chunks, driftScore(method));
  if (!scores.ok) return scores;
  const b = learnedBounds(scores.value, k);
  if (!b.ok) return b;
  if (P_VALUE_METHODS.has(method)) return ok(Math.min(1, Math.max(0, b.value.lower)));
  return ok(b.value.upper);
}

function threshold(
  method: ProfileDriftMethod,
  spec: number | LearnedSpec | undefined,
  chunks: readonly ColumnProfile[] | undefined,
  precomputed: number | undefined,
): Result<number> {
  if (spec === undefined) return ok(DEFAULT_DRIFT_THRESHOLDS[method]);
  if (typeof spec === 'number') return ok(spec);
  if (precomputed !== undefined) return ok(precomputed);
  if (chunks === undefined)
    return err('INVALID_ARGUMENT', 'learned threshold: no reference chunks');
  return learnDriftThreshold(chunks, method, spec.learned.stdMultiplier);
}

function driftCheck(
  base: CheckBase,
  ref: ColumnProfile | undefined,
  cur: ColumnProfile | undefined,
  minSampleSize: number,
  limit: Result<number>,
): CheckResult {
  if (ref === undefined) return failedCheck(base, 'ERROR', 0, 'no baseline profile');
  if (cur === undefined) return failedCheck(base, 'NO_DATA', 0, 'not in this window');
  if (cur.count < minSampleSize) return tooFewCheck(base, cur.count, minSampleSize);
  if (!limit.ok) return failedCheck(base, 'ERROR', cur.count, limit.error.message);
  const method = base.check as ProfileDriftMethod;
  const r = profileDrift(ref, cur, { method, threshold: limit.value });
  if (!r.ok) return failedCheck(base, 'ERROR', cur.count, `${r.error.code}: ${r.error.message}`);
  const d = r.value;
  const note = d.errorBound === null ? 'approximate (category summary over capacity)' : '';
  return computedCheck(base, d.score, d.threshold, d.drifted, cur.count, note);
}

/**
 * evaluateDataDrift runs one drift method per selected feature, baseline profile against window
 * profile (profileDrift: PSI/KL/JS/chi² on the histogram bins or categories, KS and Wasserstein
 * on the quantile sketches). Thresholds: the spec's number, a learned one, or Vigil's defaults
 * (DEFAULT_DRIFT_THRESHOLDS: PSI 0.2, KS p 0.01). Drift rules follow the core: distance >=
 * threshold, ks p <= threshold, chisquare p < threshold. A feature with fewer non-missing window
 * values than minSampleSize is NO_DATA; the monitor breaches when at least minDriftedFeatures
 * features drift. Example: PSI 0.31 on `age` with threshold 0.2 → BREACH, value 0.31.
 */
export function evaluateDataDrift(
  name: string,
  spec: DataDriftSpec,
  input: DataDriftInput,
): MonitorEvaluation {
  const selected = selectFeatures(spec.features, Object.keys(input.baseline), input.features);
  if (!selected.ok) {
    const c = failedCheck(
      { subject: '*', check: spec.method, direction: 'above' },
      'ERROR',
      0,
      selected.error.message,
    );
    return summarize(name, 'data_drift', [c], spec.minDriftedFeatures);
  }
  const direction = P_VALUE_METHODS.has(spec.method) ? 'below' : 'above';
  const checks = selected.value.map((feature) => {
    const limit = threshold(
      spec.method,
      spec.threshold,
      input.referenceChunks?.[feature],
      input.learnedThresholds?.[feature],
    );
    return driftCheck(
      { subject: feature, check: spec.method, direction },
      input.baseline[feature],
      input.current[feature],
      spec.minSampleSize,
      limit,
    );
  });
  return summarize(name, 'data_drift', checks, spec.minDriftedFeatures);
}

// DESIGN.md floors the reference std at 0.001 for Wasserstein; the mean shift uses the same floor
// so a constant baseline still gives a finite (large) shift instead of ∞.
const STD_FLOOR = 0.001;

function meanShift(ref: ColumnProfile, cur: ColumnProfile): Result<number> {
  if (ref.kind !== 'numeric' || cur.kind !== 'numeric') {
    return err('WRONG_KIND', 'mean_shift needs numerical prediction profiles');
  }
  if (ref.count === 0) return err('EMPTY_REFERENCE', 'baseline has no predictions');
  if (cur.count === 0) return err('EMPTY_CURRENT', 'window has no predictions');
  const meanRef = ref.sketch.center + ref.centeredMean;
  const meanCur = cur.sketch.center + cur.centeredMean;
  const std = Math.max(Math.sqrt(ref.m2 / ref.count), STD_FLOOR);
  return ok(Math.abs(meanCur - meanRef) / std);
}

/**
 * evaluatePredictionDrift watches the prediction column. Method 'mean_shift' (the default):
 * value = |mean_window − mean_baseline| / max(std_baseline, 0.001) (population std), breach when
 * value > meanShiftStd (default 2), or > the spec's threshold when given (a number, or learned:
 * mean + k·std of leave-one-out chunk shifts). Any profile drift method (psi, ks, …) compares the
 * two prediction profiles as evaluateDataDrift does for one feature. Fewer than minSampleSize
 * predictions → NO_DATA. Example: baseline mean 0.30, std 0.10; window mean 0.55 → 2.5 > 2, BREACH.
 */
export function evaluatePredictionDrift(
  name: string,
  spec: PredictionDriftSpec,
  input: PredictionDriftInput,
  subject = 'prediction',
): MonitorEvaluation {
  const { baseline: ref, current: cur } = input;
  if (spec.method !== 'mean_shift') {
    const limit = threshold(
      spec.method,
      spec.threshold,
      input.referenceChunks,
      input.learnedThreshold,
    );
    const direction = P_VALUE_METHODS.has(spec.method) ? 'below' : 'above';
    const c = driftCheck(
      { subject, check: spec.method, direction },
      ref,
      cur,
      spec.minSampleSize,
      limit,
    );
    return summarize(name, 'prediction_drift', [c]);
  }
  const base: CheckBase = { subject, check: 'mean_shift', direction: 'above' };
  let check: CheckResult;
  if (cur.count < spec.minSampleSize) check = tooFewCheck(base, cur.count, spec.minSampleSize);
  else {
    let limit: Result<number> = ok(spec.meanShiftStd);
    if (typeof spec.threshold === 'number') limit = ok(spec.threshold);
    else if (spec.threshold !== undefined) {
      const k = spec.threshold.learned.stdMultiplier;
      if (input.learnedThreshold !== undefined) limit = ok(input.learnedThreshold);
      else if (input.referenceChunks === undefined) {
        limit = err('INVALID_ARGUMENT', 'learned threshold: no reference chunks');
      } else {
        const scores = leaveOneOutScores(input.referenceChunks, meanShift);
        const b = scores.ok ? learnedBounds(scores.value, k) : scores;
        limit = b.ok ? ok(b.value.upper) : b;
      }
    }
    const v = meanShift(ref, cur);
    if (!limit.ok) check = failedCheck(base, 'ERROR', cur.count, limit.error.message);
    else if (!v.ok) check = failedCheck(base, 'ERROR', cur.count, v.error.message);
    else check = computedCheck(base, v.value, limit.value, v.value > limit.value, cur.count);
  }
  return summarize(name, 'prediction_drift', [check]);
}
