// Building check results and rolling them up into a monitor evaluation.
import type { Condition, MonitorType } from '@vigil/contracts';
import type { EvaluationStatus } from '../alerting/types.js';
import { conditionHolds } from '../condition.js';
import type { CheckDirection, CheckResult, MonitorEvaluation } from './types.js';

/** CheckBase is the identity of a check (what it looks at and measures). */
export interface CheckBase {
  readonly subject: string;
  readonly check: string;
  readonly direction: CheckDirection;
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * computedCheck builds an OK/BREACH check from a value and an already decided breach flag.
 * A non-finite value becomes an ERROR check (values are never NaN or infinite).
 * Example: computedCheck({ subject: 'age', check: 'psi', direction: 'above' }, 0.3, 0.2, true, 500).
 */
export function computedCheck(
  base: CheckBase,
  value: number,
  threshold: number,
  breach: boolean,
  sampleSize: number,
  message = '',
): CheckResult {
  if (!Number.isFinite(value) || !Number.isFinite(threshold)) {
    return failedCheck(base, 'ERROR', sampleSize, `${base.check}: value is not finite`);
  }
  return {
    ...base,
    status: breach ? 'BREACH' : 'OK',
    value,
    threshold,
    breach,
    sampleSize,
    message,
  };
}

/** failedCheck builds a NO_DATA or ERROR check with its reason. Example: too few rows → NO_DATA. */
export function failedCheck(
  base: CheckBase,
  status: 'NO_DATA' | 'ERROR',
  sampleSize: number,
  message: string,
): CheckResult {
  return { ...base, status, value: null, threshold: null, breach: false, sampleSize, message };
}

/** tooFewCheck is the NO_DATA check for a sample below the monitor's minimum sample size. */
export function tooFewCheck(
  base: CheckBase,
  sampleSize: number,
  minSampleSize: number,
): CheckResult {
  return failedCheck(base, 'NO_DATA', sampleSize, `${sampleSize} < minSampleSize ${minSampleSize}`);
}

/**
 * conditionCheck tests a value against an above/below condition (strict, see conditionHolds).
 * The reported threshold is the bound the value is most past or nearest to; the direction is
 * that bound's side. Example: { above: 0.05 } and 0.08 → BREACH, threshold 0.05, 'above'.
 */
export function conditionCheck(
  base: Omit<CheckBase, 'direction'>,
  condition: Condition,
  value: number,
  sampleSize: number,
): CheckResult {
  const upMargin = condition.above === undefined ? -Infinity : value - condition.above;
  const downMargin = condition.below === undefined ? -Infinity : condition.below - value;
  const useAbove = upMargin >= downMargin;
  const threshold = (useAbove ? condition.above : condition.below) as number;
  return computedCheck(
    { ...base, direction: useAbove ? 'above' : 'below' },
    value,
    threshold,
    conditionHolds(condition, value),
    sampleSize,
  );
}

function margin(c: CheckResult): number {
  if (c.value === null || c.threshold === null) return -Infinity;
  return c.direction === 'above' ? c.value - c.threshold : c.threshold - c.value;
}

/**
 * summarize rolls checks up into a MonitorEvaluation.
 *
 * breach: at least `minBreaches` checks breach. status: BREACH when breaching; else OK when some
 * check was computed; else NO_DATA when some check lacked data (never an alert on too little
 * data); else ERROR (every check failed, or there were none). The headline is the computed check
 * with the largest margin past its threshold (value − t for 'above', t − value for 'below').
 * Example: PSI checks 0.05 and 0.31 at 0.2 → BREACH, value 0.31.
 */
export function summarize(
  monitor: string,
  type: MonitorType,
  checks: readonly CheckResult[],
  minBreaches = 1,
): MonitorEvaluation {
  let breachCount = 0;
  let computed = 0;
  let noData = 0;
  let sampleSize = 0;
  let head: CheckResult | null = null;
  for (const c of checks) {
    if (c.breach) breachCount++;
    if (c.status === 'OK' || c.status === 'BREACH') computed++;
    if (c.status === 'NO_DATA') noData++;
    if (c.sampleSize > sampleSize) sampleSize = c.sampleSize;
    if (c.value !== null && (head === null || margin(c) > margin(head))) head = c;
  }
  const breach = computed > 0 && breachCount >= minBreaches;
  const status: EvaluationStatus = breach
    ? 'BREACH'
    : computed > 0
      ? 'OK'
      : noData > 0
        ? 'NO_DATA'
        : 'ERROR';
  return {
    monitor,
    type,
    status,
    breach,
    value: head?.value ?? null,
    threshold: head?.threshold ?? null,
    direction: head?.direction ?? 'above',
    breachCount,
    minBreaches,
    sampleSize,
    checks,
    message: describe(status, checks, breachCount, minBreaches),
  };
}

function describe(
  status: EvaluationStatus,
  checks: readonly CheckResult[],
  breachCount: number,
  minBreaches: number,
): string {
  if (checks.length === 0) return 'nothing to evaluate';
  if (status === 'OK' || status === 'BREACH') {
    const names = checks
      .filter((c) => c.breach)
      .map((c) => `${c.subject} ${c.check}=${round(c.value)}`)
      .join(', ');
    return breachCount === 0
      ? `all ${checks.length} checks within thresholds`
      : `${breachCount} of ${checks.length} checks breached (need ${minBreaches}): ${names}`;
  }
  const first = checks.find((c) => c.status === status);
  return `${status === 'NO_DATA' ? 'no data' : 'error'}: ${first?.subject} ${first?.message}`;
}

function round(v: number | null): string {
  return v === null ? 'null' : String(Number(v.toPrecision(4)));
}
