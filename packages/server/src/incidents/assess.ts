// Assessing an incident from its evidence: measured impact (labelled accuracy against the
// registry's or the baseline window's), severity, triage and diagnosis, as the worker stores them.
import {
  assessSeverity,
  judgedWrongShare,
  locateOnset,
  measureImpact,
  rankDriftedFeatures,
  rankSegments,
  type SeverityAssessment,
  type Triage,
  triage,
} from '@vigil/engine';
import type { Store, StoredModel } from '@vigil/store';
import {
  driftObservations,
  firingSignals,
  headlineSeries,
  labelledRows,
  type MonitorPoints,
} from './evidence.js';
import type { StoredDiagnosis, StoredImpact } from './records.js';

const DAY = 86_400_000;
/** IMPACT_WINDOW_MS bounds the labelled traffic one assessment measures. */
export const IMPACT_WINDOW_MS = DAY;

/** Assessment is an incident's evaluated evidence. */
export interface Assessment {
  readonly severity: SeverityAssessment;
  readonly triage: Triage;
  readonly diagnosis: StoredDiagnosis;
  readonly impact: StoredImpact;
  /** How many checks of the model's monitors are in breach at `at` (0: everything recovered). */
  readonly firing: number;
}

/** Assessor assesses an incident of `model` from the evaluation points of its monitors at `at`. */
export type Assessor = (
  projectId: string,
  model: StoredModel,
  points: readonly MonitorPoints[],
  monitors: readonly string[],
  firstAlertMs: number,
  at: number,
) => Promise<Assessment>;

/**
 * createAssessor builds the assessor. Baseline accuracy: the `accuracy` metric of the version
 * behind the policy alias (registry), else the labelled accuracy of the active baseline's window
 * (cached: baselines never change). Impact is measured on labelled predictions from the
 * estimated onset (or IMPACT_WINDOW_MS before `at`, when later) to `at`, at most
 * MAX_QUERY_LIMIT of them.
 */
export function createAssessor(store: Store): Assessor {
  const baselineAccuracy = new Map<string, number | null>();

  async function accuracyOfBaseline(
    projectId: string,
    model: StoredModel,
  ): Promise<{ value: number | null; source: string | null }> {
    const policy = await store.incidents.getPolicy(projectId, model.spec.name);
    const alias = await store.registry.getAlias(projectId, model.spec.name, policy.alias);
    if (alias !== null) {
      const v = await store.registry.getVersion(projectId, model.spec.name, alias.version);
      const acc = v?.metrics.accuracy;
      if (typeof acc === 'number' && acc > 0) return { value: acc, source: 'registry' };
    }
    const id = model.activeBaselineId;
    if (id === null) return { value: null, source: null };
    const key = `${projectId}\0${id}`;
    if (!baselineAccuracy.has(key)) {
      const b = await store.getBaseline(projectId, id);
      let value: number | null = null;
      if (b !== null && b.meta.source.kind === 'window') {
        const { from, to } = b.meta.source;
        const w = await labelledRows(store, projectId, model, {
          fromMs: from,
          toMs: to,
          labelsToMs: to + 7 * DAY,
        });
        const m = measureImpact(w.rows, null);
        value = m.wrongShare === null ? null : 1 - m.wrongShare;
      }
      baselineAccuracy.set(key, value);
    }
    const value = baselineAccuracy.get(key) ?? null;
    return { value, source: value === null ? null : 'baseline' };
  }

  async function assess(
    projectId: string,
    model: StoredModel,
    points: readonly MonitorPoints[],
    monitors: readonly string[],
    firstAlertMs: number,
    at: number,
  ): Promise<Assessment> {
    const signals = firingSignals(points);
    // Onset from the incident's first monitor's values, placed at the windows they evaluated.
    const own = points.find((p) => p.monitor.name === monitors[0]);
    const head = own === undefined ? null : headlineSeries(own);
    const onset = locateOnset(head?.series ?? [], head?.firstBreachWindowMs ?? firstAlertMs);
    // The latest day at most: re-assessment follows the traffic of now, not of the first hours.
    const fromMs = Math.max(onset.onsetMs, at - IMPACT_WINDOW_MS);
    const window = await labelledRows(store, projectId, model, {
      fromMs,
      toMs: at + 1,
      labelsToMs: at + 1,
    });
    const base = await accuracyOfBaseline(projectId, model);
    const labelled = measureImpact(window.rows, base.value);
    // Labels measure wrong answers where there are any; for an LLM, answers judged wrong (wrong
    // prices, hallucination verdicts) by the firing quality monitors do.
    const measured = {
      ...labelled,
      wrongShare: labelled.wrongShare ?? judgedWrongShare(signals),
    };
    const errorShare = window.predictions === 0 ? null : window.failed / window.predictions;
    const driftDetected = signals.some(
      (s) =>
        s.monitorType === 'data_drift' ||
        s.monitorType === 'data_quality' ||
        s.monitorType === 'prediction_drift',
    );
    const severity = assessSeverity({
      wrongShare: measured.wrongShare,
      performanceDrop: measured.performanceDrop,
      errorShare,
      driftDetected,
    });
    return {
      firing: signals.length,
      severity,
      triage: triage({ signals, performanceDrop: measured.performanceDrop, errorShare }),
      diagnosis: {
        driftedFeatures: rankDriftedFeatures(driftObservations(points)),
        onset,
        segments: rankSegments(window.rows),
      },
      impact: {
        wrongShare: measured.wrongShare,
        performanceDrop: measured.performanceDrop,
        errorShare,
        labelledRows: measured.rows,
        baselineAccuracy: base.value,
        baselineSource: base.source,
        fromMs,
      },
    };
  }

  return assess;
}
