// Business metrics and custom series: a threshold (fixed or learned) on any value per window.
import type { Condition, MonitorSpec } from '@vigil/contracts';
import { err, type NumericProfile, ok, type Result } from '@vigil/core';
import { conditionCheck, failedCheck, summarize, tooFewCheck } from './checks.js';
import { learnedBounds } from './learned.js';
import type { CheckResult, MonitorEvaluation } from './types.js';

/** BusinessSpec is the spec of a `business` monitor. */
export type BusinessSpec = Extract<MonitorSpec, { type: 'business' }>;
/** CustomSpec is the spec of a `custom` monitor. */
export type CustomSpec = Extract<MonitorSpec, { type: 'custom' }>;
/** OutcomeAggregate is how a business outcome is aggregated over a window. */
export type OutcomeAggregate = BusinessSpec['aggregate'];

/** SeriesPoint is one value of a series in the window, for one group (labels). */
export interface SeriesPoint {
  /** Group labels, e.g. { model_version: 'v3' }; {} for an ungrouped series. */
  readonly labels: Readonly<Record<string, string>>;
  /** The window's value; null when the window had none. */
  readonly value: number | null;
  readonly sampleSize: number;
}

/** SeriesInput is the window's points, plus reference values for a learned condition. */
export interface SeriesInput {
  readonly points: readonly SeriesPoint[];
  /** One value per reference chunk (learned conditions of custom monitors). */
  readonly referenceValues?: readonly number[];
}

/**
 * aggregateOutcome reduces a window's outcome profile to one number: mean, sum (mean·count),
 * count (non-missing values), rate (sum per second of the window), or per_prediction (sum divided
 * by `predictions`, the model's prediction count in the window; null when there were none).
 * Empty profiles give null for mean (no value) and 0 for the others. Example: CTR from 0/1 clicks
 * joined by prediction id → 'mean'; 7 clicks keyed by impression id over 200 predictions →
 * 'per_prediction' = 0.035.
 */
export function aggregateOutcome(
  profile: NumericProfile,
  aggregate: OutcomeAggregate,
  windowMs: number,
  predictions?: number,
): Result<number | null> {
  const n = profile.count;
  const mean = n === 0 ? null : profile.sketch.center + profile.centeredMean;
  switch (aggregate) {
    case 'mean':
      return ok(mean);
    case 'count':
      return ok(n);
    case 'sum':
      return ok(mean === null ? 0 : mean * n);
    case 'rate':
      if (!(windowMs > 0)) return err('INVALID_ARGUMENT', 'rate needs windowMs > 0');
      return ok(mean === null ? 0 : (mean * n) / (windowMs / 1000));
    case 'per_prediction':
      if (predictions === undefined || !(Number.isInteger(predictions) && predictions >= 0)) {
        return err('INVALID_ARGUMENT', 'per_prediction needs the prediction count');
      }
      return ok(predictions === 0 ? null : (mean === null ? 0 : mean * n) / predictions);
  }
}

function groupName(labels: Readonly<Record<string, string>>, fallback: string): string {
  const keys = Object.keys(labels).sort();
  return keys.length === 0 ? fallback : keys.map((k) => `${k}=${labels[k]}`).join(',');
}

function pointChecks(
  subject: string,
  check: string,
  condition: Result<Condition>,
  points: readonly SeriesPoint[],
  minSampleSize: number,
): CheckResult[] {
  return points.map((p) => {
    const base = {
      subject: groupName(p.labels, subject),
      check,
      direction: 'above' as const,
      labels: p.labels,
    };
    if (p.value === null || p.sampleSize < minSampleSize) {
      return tooFewCheck(base, p.sampleSize, minSampleSize);
    }
    if (!condition.ok) return failedCheck(base, 'ERROR', p.sampleSize, condition.error.message);
    return conditionCheck(base, condition.value, p.value, p.sampleSize);
  });
}

/**
 * evaluateBusiness tests each group's aggregated outcome (one point per model version / segment
 * when grouped) against the condition; a point with fewer than minSampleSize outcomes is NO_DATA.
 * Example: CTR 0.011 for model_version v3, condition { below: 0.02 } → BREACH on that group.
 */
export function evaluateBusiness(
  name: string,
  spec: BusinessSpec,
  input: SeriesInput,
): MonitorEvaluation {
  const checks = pointChecks(
    spec.outcome,
    spec.aggregate,
    ok(spec.condition),
    input.points,
    spec.minSampleSize,
  );
  return summarize(name, 'business', checks);
}

/**
 * evaluateCustom tests a series' value against `{ above, below }`, or against learned bounds:
 * outside [mean − k·std, mean + k·std] of the reference values (one per reference chunk, ddof 0).
 * Example: reference [10, 11, 9, 10], k = 3 → bounds [7.88, 12.12]; 13 → BREACH.
 */
export function evaluateCustom(
  name: string,
  spec: CustomSpec,
  input: SeriesInput,
): MonitorEvaluation {
  let condition: Result<Condition>;
  if ('learned' in spec.condition) {
    const b = input.referenceValues
      ? learnedBounds(input.referenceValues, spec.condition.learned.stdMultiplier)
      : err('INVALID_ARGUMENT', 'learned condition: no reference values');
    condition = b.ok ? ok({ above: b.value.upper, below: b.value.lower }) : b;
  } else {
    condition = ok(spec.condition);
  }
  const checks = pointChecks(spec.series, 'value', condition, input.points, spec.minSampleSize);
  return summarize(name, 'custom', checks);
}
