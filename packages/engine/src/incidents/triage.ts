// Triage: is the incident about the data, the model, or the infrastructure? Data is checked first
// (DESIGN.md: 80 % of incidents are data), then the model (performance down without input drift:
// concept drift), then the serving stack. Every verdict carries the evidence it rests on, written
// out so a person can check it.
import type { MonitorType } from '@vigil/contracts';
import type { TriageCategory } from './types.js';

/** TriageSignal is one firing check on the incident's model, as read from evaluation points. */
export interface TriageSignal {
  readonly monitor: string;
  readonly monitorType: MonitorType;
  /** The check's subject (a feature, a signal, a metric); '' for a monitor's headline. */
  readonly subject: string;
  /** What was measured: a drift method, missing_share, schema, latency_p95, relative_drop, … */
  readonly check: string;
  readonly value: number | null;
  readonly threshold: number | null;
}

/** TriageInput is the evidence triage weighs. */
export interface TriageInput {
  /** Firing checks of the model's monitors (all of them, not only the incident's alerts). */
  readonly signals: readonly TriageSignal[];
  /** Relative performance drop below baseline (> 0 worse); null when not measured. */
  readonly performanceDrop: number | null;
  /** Share of failed requests; null when not measured. */
  readonly errorShare: number | null;
}

/** Triage is the verdict and its evidence, one sentence per line. */
export interface Triage {
  readonly category: TriageCategory;
  readonly evidence: readonly string[];
  /** The checks that were looked at, in the order data, model, infrastructure. */
  readonly checked: readonly TriageCategory[];
}

const QUALITY_CHECKS: Readonly<Record<string, string>> = {
  missing_share: 'nulls',
  schema: 'schema change upstream',
  new_category_share: 'new categories',
  out_of_range_share: 'out-of-range values',
};

const INFRA_SIGNALS = new Set([
  'latency_p50',
  'latency_p95',
  'latency_p99',
  'throughput',
  'error_rate',
]);

// Performance below baseline counts as a drop worth a verdict from this relative size on (the
// performance monitors' own default threshold is 3 %).
const MODEL_DROP = 0.03;

const fmt = (x: number | null): string =>
  x === null ? 'n/a' : Number(x.toPrecision(4)).toString();

function describe(s: TriageSignal): string {
  const quality = QUALITY_CHECKS[s.check];
  const subject = s.subject === '' || s.subject === '*' ? '' : ` on ${s.subject}`;
  const what = quality ?? `${s.check} ${fmt(s.value)} (threshold ${fmt(s.threshold)})`;
  return `${s.monitorType} monitor ${s.monitor}: ${what}${subject}`;
}

/**
 * triage decides the likely layer of the fault, in order:
 * 1. data, when any data_quality check (nulls, schema change, new categories, out of range) or
 *    any data_drift / prediction_drift check is firing;
 * 2. model, when performance is down (a firing performance/business check, or a measured drop
 *    >= 3 %) while no input drift fires: concept drift;
 * 3. infrastructure, when a latency, throughput or error-rate check fires or requests fail;
 * 4. unknown otherwise.
 * Example: PSI firing on `age` and accuracy down 25 % → data (drift explains the drop).
 */
export function triage(input: TriageInput): Triage {
  const checked: TriageCategory[] = [];
  const evidence: string[] = [];
  const data = input.signals.filter(
    (s) =>
      s.monitorType === 'data_quality' ||
      s.monitorType === 'data_drift' ||
      s.monitorType === 'prediction_drift',
  );
  checked.push('data');
  if (data.length > 0) {
    evidence.push(...data.map(describe));
    if (input.performanceDrop !== null && input.performanceDrop > 0) {
      evidence.push(
        `performance ${(input.performanceDrop * 100).toFixed(1)} % below baseline, explained by the input change`,
      );
    }
    return { category: 'data', evidence, checked };
  }
  evidence.push('no data-quality or drift monitor is firing');
  checked.push('model');
  const perf = input.signals.filter(
    (s) =>
      s.monitorType === 'performance' ||
      s.monitorType === 'business' ||
      s.monitorType === 'llm_quality',
  );
  const dropped = input.performanceDrop !== null && input.performanceDrop >= MODEL_DROP;
  if (perf.length > 0 || dropped) {
    evidence.push(...perf.map(describe));
    if (dropped) {
      evidence.push(
        `performance ${((input.performanceDrop ?? 0) * 100).toFixed(1)} % below baseline without input drift: concept drift`,
      );
    } else evidence.push('performance down without input drift: concept drift');
    return { category: 'model', evidence, checked };
  }
  evidence.push('model performance is not measurably down');
  checked.push('infrastructure');
  const infra = input.signals.filter(
    (s) => s.monitorType === 'infrastructure' || INFRA_SIGNALS.has(s.check),
  );
  if (infra.length > 0 || (input.errorShare !== null && input.errorShare > 0)) {
    evidence.push(...infra.map(describe));
    if (input.errorShare !== null && input.errorShare > 0) {
      evidence.push(`${(input.errorShare * 100).toFixed(1)} % of requests failed`);
    }
    return { category: 'infrastructure', evidence, checked };
  }
  evidence.push('no latency or error signal is firing');
  return { category: 'unknown', evidence, checked };
}
