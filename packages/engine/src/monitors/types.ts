// Shapes of a monitor evaluation: one result per check (feature × statistic), rolled up into one
// monitor-level status and headline value that the alert state machine consumes.
import type { MonitorType } from '@vigil/contracts';
import type { ColumnProfile } from '@vigil/core';
import type { EvaluationStatus } from '../alerting/types.js';

/** CheckDirection says which side of the threshold breaches: 'above' (value > t) or 'below'. */
export type CheckDirection = 'above' | 'below';

/**
 * CheckResult is one computed check, e.g. PSI of feature `age`, or the missing share of `city`.
 * `value` and `threshold` are null when the check could not be computed (NO_DATA or ERROR), and
 * are never NaN or infinite.
 */
export interface CheckResult {
  /** Feature, column, signal or group the check looks at. */
  readonly subject: string;
  /** What is measured: a drift method, 'missing_share', 'mean_shift', a metric name, … */
  readonly check: string;
  readonly status: EvaluationStatus;
  readonly value: number | null;
  readonly threshold: number | null;
  readonly direction: CheckDirection;
  readonly breach: boolean;
  /** Observations the value rests on (non-missing values, rows, labelled pairs, requests). */
  readonly sampleSize: number;
  /** Why the check is NO_DATA or ERROR, or a caveat (approximate count…); '' when none. */
  readonly message: string;
  /** Labels that tell checks of one monitor apart beyond `subject` (business groups). */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * MonitorEvaluation is the result of evaluating one monitor on one window. The headline `value`,
 * `threshold` and `direction` are those of the check most past (or nearest to) its threshold, so
 * a series of evaluations and a `resolveWhen` condition read one number per evaluation.
 */
export interface MonitorEvaluation {
  readonly monitor: string;
  readonly type: MonitorType;
  readonly status: EvaluationStatus;
  readonly breach: boolean;
  readonly value: number | null;
  readonly threshold: number | null;
  readonly direction: CheckDirection;
  /** Checks in breach, and how many are needed for the monitor to breach. */
  readonly breachCount: number;
  readonly minBreaches: number;
  /** Largest sample size among the checks. */
  readonly sampleSize: number;
  readonly checks: readonly CheckResult[];
  /** One human line: what breached, or why there is no data. */
  readonly message: string;
}

/** ProfilesByFeature maps feature names to their column profiles (core ColumnProfile). */
export type ProfilesByFeature = Readonly<Record<string, ColumnProfile>>;

/** LearnedBounds are a learned threshold's statistics: mean ± k·std of the reference values. */
export interface LearnedBounds {
  readonly mean: number;
  /** Population standard deviation (ddof = 0, as NannyML's reference thresholds). */
  readonly std: number;
  readonly lower: number;
  readonly upper: number;
  /** The reference values the bounds were learned from (one per chunk). */
  readonly values: readonly number[];
}
