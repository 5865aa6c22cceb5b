// IncidentSeverity from measured impact (DESIGN.md): P0 wrong predictions to more than half the traffic,
// P1 performance more than 20 % below baseline, P2 drift with 5-20 % degradation, P3 drift with no
// measured impact yet. Re-evaluated whenever the evidence changes; a person's override sticks.
import type { TriageSignal } from './triage.js';
import type { IncidentSeverity } from './types.js';

/**
 * ImpactEvidence is what is known about an incident's impact. Shares and drops are fractions in
 * [0, 1]; null means "not measured" (no labels yet, no performance monitor), which is not zero.
 */
export interface ImpactEvidence {
  /** Share of scored traffic that got a wrong prediction (1 - accuracy on labelled rows). */
  readonly wrongShare: number | null;
  /** Relative drop of the model's performance below its baseline: (b - v) / |b|, worse > 0. */
  readonly performanceDrop: number | null;
  /** Share of requests that failed (infrastructure errors): no prediction reached the caller. */
  readonly errorShare: number | null;
  /** True when a drift or data-quality monitor of the model is firing. */
  readonly driftDetected: boolean;
}

/** SeverityAssessment is a severity with the one-line reason behind it. */
export interface SeverityAssessment {
  readonly severity: IncidentSeverity;
  readonly reason: string;
}

/** SEVERITY_LIMITS are the impact boundaries of DESIGN.md (fractions). */
export const SEVERITY_LIMITS = {
  /** P0 above this share of traffic wrong (or failing). */
  p0WrongShare: 0.5,
  /** P1 above this relative performance drop. */
  p1Drop: 0.2,
  /** P2 from this relative drop up to p1Drop. */
  p2Drop: 0.05,
} as const;

/**
 * WRONG_ANSWER_CHECKS are the LLM quality checks whose value is a share of answers judged wrong:
 * a quoted price that contradicts the knowledge table, a reviewer's hallucination verdict.
 */
export const WRONG_ANSWER_CHECKS: ReadonlySet<string> = new Set([
  'wrong_price_rate',
  'hallucination_rate',
]);

/**
 * judgedWrongShare is the share of LLM answers judged wrong, from the firing LLM quality checks
 * of WRONG_ANSWER_CHECKS (the highest when several fire), or null when none does. An LLM answer
 * judged wrong is a wrong prediction: this measures impact where no labels do.
 * Example: [{ monitorType: 'llm_quality', check: 'wrong_price_rate', value: 0.8, … }] → 0.8.
 */
export function judgedWrongShare(signals: readonly TriageSignal[]): number | null {
  let share: number | null = null;
  for (const s of signals) {
    if (s.monitorType !== 'llm_quality' || !WRONG_ANSWER_CHECKS.has(s.check)) continue;
    if (s.value === null || !Number.isFinite(s.value)) continue;
    share = share === null ? s.value : Math.max(share, s.value);
  }
  return share;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

/**
 * assessSeverity maps measured impact to a severity. Rules, first match wins:
 * wrongShare > 0.5 or errorShare > 0.5 → P0 (a failed request is a wrong answer to its caller);
 * performanceDrop > 0.2 → P1; performanceDrop >= 0.05 → P2 (drift or not: the degradation is
 * measured); otherwise P3 (drift with no measured impact, or an impact below 5 %).
 * Example: { wrongShare: 0.3, performanceDrop: 0.25 } → P1 "performance 25.0 % below baseline".
 */
export function assessSeverity(e: ImpactEvidence): SeverityAssessment {
  const { p0WrongShare, p1Drop, p2Drop } = SEVERITY_LIMITS;
  if (e.wrongShare !== null && e.wrongShare > p0WrongShare) {
    return { severity: 'P0', reason: `wrong predictions to ${pct(e.wrongShare)} of traffic` };
  }
  if (e.errorShare !== null && e.errorShare > p0WrongShare) {
    return { severity: 'P0', reason: `${pct(e.errorShare)} of requests failing` };
  }
  if (e.performanceDrop !== null && e.performanceDrop > p1Drop) {
    return { severity: 'P1', reason: `performance ${pct(e.performanceDrop)} below baseline` };
  }
  if (e.performanceDrop !== null && e.performanceDrop >= p2Drop) {
    const what = e.driftDetected ? 'drift with performance' : 'performance';
    return { severity: 'P2', reason: `${what} ${pct(e.performanceDrop)} below baseline` };
  }
  if (e.driftDetected) {
    return {
      severity: 'P3',
      reason:
        e.performanceDrop === null
          ? 'drift, no measured impact yet'
          : `drift, performance within ${pct(p2Drop)} of baseline`,
    };
  }
  return { severity: 'P3', reason: 'no measured impact' };
}

/**
 * effectiveSeverity is the severity an incident shows: a person's override when set (it sticks
 * through every re-evaluation until cleared), else the assessed one.
 */
export function effectiveSeverity(
  assessed: IncidentSeverity,
  override: IncidentSeverity | null,
): IncidentSeverity {
  return override ?? assessed;
}

/** severityRank orders severities: 0 for P0 (most urgent) to 3 for P3. */
export function severityRank(s: IncidentSeverity): number {
  return Number(s.slice(1));
}
