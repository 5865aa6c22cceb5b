// The canary policy: a pure decision from per-variant statistics, the start time, `now` and the
// policy. Guard metrics are compared with the always-valid mSPRT (a confidence sequence on
// candidate − baseline), so evaluating every hour or every day does not inflate false alarms.
import type { CanaryPolicy, GuardMetric } from '@vigil/contracts';
import {
  type ConfidenceInterval,
  type MixtureSprtState,
  mixtureSprtUpdate,
  sampleRatioMismatch,
} from '@vigil/core';
import {
  guardDirection,
  guardKey,
  type MetricSample,
  metricSample,
  type VariantStats,
} from './metrics.js';

/** DAY_MS is one day in milliseconds. */
export const DAY_MS = 86_400_000;

/** CanaryAction is what the policy asks for. */
export type CanaryAction = 'continue' | 'promote' | 'rollback' | 'pause';

/** GuardStatus: not enough data to test, tested and not worse, or significantly worse. */
export type GuardStatus = 'insufficient' | 'ok' | 'worse';

/** GuardResult is one guard metric at one look. */
export interface GuardResult {
  readonly key: string;
  readonly metric: GuardMetric['metric'];
  readonly direction: 'higher_is_better' | 'lower_is_better';
  readonly required: boolean;
  readonly baseline: MetricSample | null;
  readonly candidate: MetricSample | null;
  readonly status: GuardStatus;
  /** candidate mean − baseline mean; null without data in both. */
  readonly difference: number | null;
  /** The tolerated worsening in the metric's unit (absolute, or relative to the baseline). */
  readonly tolerance: number;
  /** Always-valid p-value of "no difference" (running minimum); null when not tested. */
  readonly pValue: number | null;
  /** Confidence sequence on candidate − baseline at 1 − alpha; null when not tested. */
  readonly confidenceSequence: ConfidenceInterval | null;
  readonly reason: string;
}

/** SrmResult is the sample-ratio-mismatch check of the prediction counts. */
export interface SrmResult {
  readonly counts: readonly [number, number];
  readonly expectedShare: number;
  readonly statistic: number;
  readonly pValue: number;
  readonly mismatch: boolean;
}

/** CanaryLookInput is everything one look needs; the caller reads the clock and the store. */
export interface CanaryLookInput {
  readonly policy: CanaryPolicy;
  readonly startMs: number;
  readonly nowMs: number;
  /** Traffic shares in force (they sum to 1). */
  readonly weights: { readonly baseline: number; readonly candidate: number };
  readonly baseline: VariantStats;
  readonly candidate: VariantStats;
  /** The sequential states of the previous look by guard key ({} for the first look). */
  readonly previous: Readonly<Record<string, MixtureSprtState>>;
}

/** CanaryDecision is the policy's answer with its reasons and the evidence behind it. */
export interface CanaryDecision {
  readonly action: CanaryAction;
  /** Human-readable, most important first. */
  readonly reasons: readonly string[];
  readonly elapsedMs: number;
  readonly guards: readonly GuardResult[];
  readonly srm: SrmResult | null;
  /** The sequential states to store and pass back as `previous` next time. */
  readonly sequential: Readonly<Record<string, MixtureSprtState>>;
}

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : x.toPrecision(4));

/**
 * evaluateGuard tests one guard. The tolerated worsening is max(tolerance, relative_tolerance ·
 * |baseline mean|). Worse means the confidence sequence on d = candidate − baseline lies entirely
 * beyond it: lower > tolerance for lower-is-better, upper < −tolerance for higher-is-better.
 * τ² is the guard's mixing_variance, else the one fixed at its first look, else (0.1 · pooled sd)²:
 * tuned to differences of a tenth of a standard deviation. When neither arm varies, the observed
 * difference is exact and compared directly (once both arms reach min_sample).
 */
export function evaluateGuard(
  g: GuardMetric,
  baselineStats: VariantStats,
  candidateStats: VariantStats,
  alpha: number,
  previous: MixtureSprtState | undefined,
): { result: GuardResult; state: MixtureSprtState | undefined } {
  const key = guardKey(g);
  const direction = guardDirection(g);
  const baseline = metricSample(baselineStats, g);
  const candidate = metricSample(candidateStats, g);
  const tolerance = Math.max(g.tolerance, g.relative_tolerance * Math.abs(baseline?.mean ?? 0));
  const base = {
    key,
    metric: g.metric,
    direction,
    required: g.required,
    baseline,
    candidate,
    tolerance,
  };
  const nA = candidate?.n ?? 0;
  const nB = baseline?.n ?? 0;
  const difference =
    baseline !== null && candidate !== null ? candidate.mean - baseline.mean : null;
  const insufficient = (reason: string) => ({
    result: {
      ...base,
      status: 'insufficient' as const,
      difference,
      pValue: null,
      confidenceSequence: null,
      reason,
    },
    state: previous,
  });
  if (baseline === null || candidate === null || nA < g.min_sample || nB < g.min_sample) {
    return insufficient(
      `${key}: ${nB} baseline and ${nA} candidate observations, ${g.min_sample} each needed to test`,
    );
  }
  const d = candidate.mean - baseline.mean;
  const worseBy = direction === 'lower_is_better' ? d : -d;
  const v = candidate.variance / nA + baseline.variance / nB;
  if (!(v > 0)) {
    // Neither arm varies (e.g. no errors at all in either): the difference is known exactly.
    const worse = worseBy > tolerance;
    return {
      result: {
        ...base,
        status: worse ? 'worse' : 'ok',
        difference: d,
        pValue: worse ? 0 : 1,
        confidenceSequence: { lower: d, upper: d, level: 1 - alpha },
        reason: worse
          ? `${key}: candidate ${fmt(candidate.mean)} vs baseline ${fmt(baseline.mean)} (no variation in either), worse by more than ${fmt(tolerance)}`
          : `${key}: candidate ${fmt(candidate.mean)} vs baseline ${fmt(baseline.mean)}, not worse`,
      },
      state: previous,
    };
  }
  const pooled = (nA * candidate.variance + nB * baseline.variance) / (nA + nB);
  const mixingVariance =
    g.mixing_variance ?? previous?.mixingVariance ?? Math.max(0.01 * pooled, 1e-12);
  const carried =
    previous !== undefined && previous.mixingVariance === mixingVariance && previous.alpha === alpha
      ? previous
      : null;
  const r = mixtureSprtUpdate(
    carried,
    {
      nA,
      meanA: candidate.mean,
      varianceA: candidate.variance,
      nB,
      meanB: baseline.mean,
      varianceB: baseline.variance,
    },
    { mixingVariance, alpha },
  );
  if (!r.ok) return insufficient(`${key}: not tested (${r.error.message})`);
  const state = r.value;
  // An empty intersection means the normal model does not fit; fall back to this look's interval.
  const cs = state.confidenceSequence ?? state.last.confidenceInterval;
  const worse = direction === 'lower_is_better' ? cs.lower > tolerance : cs.upper < -tolerance;
  const interval = `[${fmt(cs.lower)}, ${fmt(cs.upper)}]`;
  return {
    result: {
      ...base,
      status: worse ? 'worse' : 'ok',
      difference: d,
      pValue: state.pValue,
      confidenceSequence: cs,
      reason: worse
        ? `${key} significantly worse: candidate ${fmt(candidate.mean)} vs baseline ${fmt(baseline.mean)}, ${Math.round((1 - alpha) * 100)} % confidence sequence on the difference ${interval} beyond the tolerance ${fmt(tolerance)}`
        : `${key}: candidate ${fmt(candidate.mean)} vs baseline ${fmt(baseline.mean)}, difference ${interval}, not significantly worse`,
    },
    state,
  };
}

/**
 * srmCheck runs the sample-ratio-mismatch chi-squared test of the prediction counts against the
 * weights; null while either weight is 0 or no prediction was seen.
 */
export function srmCheck(
  baseline: number,
  candidate: number,
  weights: CanaryLookInput['weights'],
  alpha: number,
): SrmResult | null {
  if (!(weights.baseline > 0 && weights.candidate > 0)) return null;
  const r = sampleRatioMismatch([baseline, candidate], [weights.baseline, weights.candidate], {
    alpha,
  });
  if (!r.ok) return null;
  return {
    counts: [baseline, candidate],
    expectedShare: weights.candidate / (weights.baseline + weights.candidate),
    statistic: r.value.statistic,
    pValue: r.value.pValue,
    mismatch: r.value.mismatch,
  };
}

/**
 * decideCanary is one look at a canary. In order:
 * 1. any guard significantly worse → `rollback` (as soon as it is: the test is always valid, and
 *    going back to the baseline is safe even when the split itself is suspect);
 * 2. a variant without predictions, or a required guard with no observation → `pause`;
 * 3. a sample-ratio mismatch (srm_alpha) → `pause`: the comparison cannot be trusted;
 * 4. at least min_days elapsed, min_sample predictions per variant, and every required guard
 *    tested and not worse → `promote`;
 * 5. otherwise `continue`, with what is still missing.
 * A pause never promotes; the next look decides again from all the data.
 */
export function decideCanary(input: CanaryLookInput): CanaryDecision {
  const { policy, baseline, candidate } = input;
  const elapsedMs = Math.max(0, input.nowMs - input.startMs);
  const sequential: Record<string, MixtureSprtState> = { ...input.previous };
  const guards: GuardResult[] = [];
  for (const g of policy.guards) {
    const { result, state } = evaluateGuard(
      g,
      baseline,
      candidate,
      policy.alpha,
      input.previous[guardKey(g)],
    );
    guards.push(result);
    if (state !== undefined) sequential[result.key] = state;
  }
  const srm = srmCheck(
    baseline.predictions,
    candidate.predictions,
    input.weights,
    policy.srm_alpha,
  );
  const done = (action: CanaryAction, reasons: string[]): CanaryDecision => ({
    action,
    reasons,
    elapsedMs,
    guards,
    srm,
    sequential,
  });

  const worse = guards.filter((g) => g.status === 'worse');
  if (worse.length > 0)
    return done(
      'rollback',
      worse.map((g) => g.reason),
    );

  const empty: string[] = [];
  if (baseline.predictions === 0)
    empty.push(`no data: baseline variant "${baseline.variant}" has no predictions`);
  if (candidate.predictions === 0)
    empty.push(`no data: candidate variant "${candidate.variant}" has no predictions`);
  for (const g of guards) {
    if (
      g.required &&
      ((g.baseline?.n ?? 0) === 0 || (g.candidate?.n ?? 0) === 0) &&
      empty.length === 0
    )
      empty.push(`no data for the required guard ${g.key}`);
  }
  if (empty.length > 0) return done('pause', [...empty, 'never promoted without data']);

  if (srm?.mismatch) {
    return done('pause', [
      `sample-ratio mismatch: ${srm.counts[0]} baseline vs ${srm.counts[1]} candidate predictions for a ${fmt(srm.expectedShare * 100)} % candidate share (chi-squared p = ${srm.pValue.toExponential(2)} < ${policy.srm_alpha}): assignment or logging is broken`,
    ]);
  }

  const missing: string[] = [];
  const minMs = policy.min_days * DAY_MS;
  if (elapsedMs < minMs)
    missing.push(`running ${fmt(elapsedMs / DAY_MS)} of ${fmt(policy.min_days)} days`);
  for (const s of [baseline, candidate]) {
    if (s.predictions < policy.min_sample)
      missing.push(
        `variant "${s.variant}" has ${s.predictions} of ${policy.min_sample} predictions`,
      );
  }
  for (const g of guards) if (g.required && g.status === 'insufficient') missing.push(g.reason);
  if (missing.length > 0) return done('continue', missing);

  return done('promote', [
    `${fmt(elapsedMs / DAY_MS)} days and ${baseline.predictions} / ${candidate.predictions} predictions; no guard significantly worse`,
    ...guards.map((g) => g.reason),
  ]);
}
