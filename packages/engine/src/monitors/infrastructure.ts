// Infrastructure signals of a window: latency quantiles from a sketch profile, throughput, errors.
import type { MonitorSpec } from '@vigil/contracts';
import { type NumericProfile, profileQuantile } from '@vigil/core';
import { conditionCheck, failedCheck, summarize, tooFewCheck } from './checks.js';
import type { CheckResult, MonitorEvaluation } from './types.js';

/** InfrastructureSpec is the spec of an `infrastructure` monitor. */
export type InfrastructureSpec = Extract<MonitorSpec, { type: 'infrastructure' }>;

/** InfrastructureInput is a window's request aggregates. */
export interface InfrastructureInput {
  /** Latency profile in milliseconds (its quantile sketch gives p50/p95/p99). */
  readonly latencyMs?: NumericProfile;
  /** Requests (predictions) in the window. */
  readonly requests: number;
  /** Requests that failed. */
  readonly errors: number;
  /** Window length, for throughput. */
  readonly windowMs: number;
}

const QUANTILE: Readonly<Record<string, number>> = {
  latency_p50: 0.5,
  latency_p95: 0.95,
  latency_p99: 0.99,
};

/**
 * evaluateInfrastructure computes one signal and tests it against the monitor's condition:
 * latency_p50/p95/p99 = profileQuantile of the latency profile (numpy 'linear' quantile within the
 * sketch's relative accuracy); throughput = requests / (windowMs / 1000), per second; error_rate
 * = errors / requests. Latency needs minSampleSize latency values and error_rate minSampleSize
 * requests, else NO_DATA. Throughput is never NO_DATA: zero requests is a measurement, and the
 * very thing a `below` condition is there to catch.
 * Example: 1,200 requests in 60 s, condition { below: 50 } → 20/s, BREACH.
 */
export function evaluateInfrastructure(
  name: string,
  spec: InfrastructureSpec,
  input: InfrastructureInput,
): MonitorEvaluation {
  const subject = spec.signal;
  const base = { subject, check: spec.signal, direction: 'above' as const };
  let check: CheckResult;
  if (spec.signal === 'throughput') {
    if (!(input.windowMs > 0))
      check = failedCheck(base, 'ERROR', input.requests, 'windowMs must be > 0');
    else {
      const rate = input.requests / (input.windowMs / 1000);
      check = conditionCheck(base, spec.condition, rate, input.requests);
    }
  } else if (spec.signal === 'error_rate') {
    check =
      input.requests < spec.minSampleSize
        ? tooFewCheck(base, input.requests, spec.minSampleSize)
        : conditionCheck(base, spec.condition, input.errors / input.requests, input.requests);
  } else {
    const p = input.latencyMs;
    const n = p?.count ?? 0;
    if (p === undefined || n < spec.minSampleSize) check = tooFewCheck(base, n, spec.minSampleSize);
    else {
      const q = profileQuantile(p, QUANTILE[spec.signal]);
      check = q.ok
        ? conditionCheck(base, spec.condition, q.value, n)
        : failedCheck(base, 'ERROR', n, q.error.message);
    }
  }
  return summarize(name, 'infrastructure', [check]);
}
