// Opening versus attaching: an alert joins the open incident of its model and failure mode, or
// opens a new one. Only firing alerts open incidents; the rules here say which ones.
import type { MonitorType } from '@vigil/contracts';
import type { FailureMode, IncidentStatus } from './types.js';

const MODE_OF: Readonly<Record<MonitorType, FailureMode>> = {
  data_drift: 'data',
  data_quality: 'data',
  prediction_drift: 'data',
  performance: 'performance',
  business: 'performance',
  // LLM output quality (relevance, hallucination, safety) is the model's answer quality.
  llm_quality: 'performance',
  infrastructure: 'infrastructure',
  custom: 'custom',
};

/** failureModeOf maps a monitor type to the failure mode its alerts group under. */
export function failureModeOf(type: MonitorType): FailureMode {
  return MODE_OF[type];
}

/** AlertSignal is a firing alert as the incident rules see it. */
export interface AlertSignal {
  readonly fingerprint: string;
  readonly monitor: string;
  readonly monitorType: MonitorType;
  readonly model: string;
  /** The alert's own severity label (info, warning, critical). */
  readonly alertSeverity: string;
  /** When the alert started firing (epoch ms). */
  readonly startedMs: number;
}

/** OpenIncidentRef is what grouping needs of an existing incident. */
export interface OpenIncidentRef {
  readonly id: string;
  readonly model: string;
  readonly failureMode: FailureMode;
  readonly status: IncidentStatus;
  readonly openedMs: number;
}

/** OpenRule filters which firing alerts open incidents; default: every one. */
export interface OpenRule {
  /** Alert severities that may open an incident; default all. `info` alerts often should not. */
  readonly alertSeverities?: readonly string[];
  /** Monitor types that may open an incident; default all. */
  readonly monitorTypes?: readonly MonitorType[];
}

/** GroupingDecision says what to do with one firing alert. */
export type GroupingDecision =
  | { readonly action: 'attach'; readonly incidentId: string }
  | { readonly action: 'open'; readonly model: string; readonly failureMode: FailureMode }
  | { readonly action: 'ignore'; readonly reason: string };

/**
 * groupAlert decides where a firing alert goes: to the open (triggered or acknowledged) incident
 * of the same model and failure mode (the earliest opened if several), else a new incident when
 * the rule lets this alert open one, else nowhere. Resolved incidents never take new alerts: a
 * recurrence after resolution is a new incident (a person may reopen the old one instead).
 * Example: a PSI alert on `churn` while a `data` incident on `churn` is open → attach.
 */
export function groupAlert(
  alert: AlertSignal,
  open: readonly OpenIncidentRef[],
  rule: OpenRule = {},
): GroupingDecision {
  const mode = failureModeOf(alert.monitorType);
  const match = open
    .filter((i) => i.status !== 'resolved' && i.model === alert.model && i.failureMode === mode)
    .sort((a, b) => a.openedMs - b.openedMs || (a.id < b.id ? -1 : 1))[0];
  if (match !== undefined) return { action: 'attach', incidentId: match.id };
  if (rule.alertSeverities !== undefined && !rule.alertSeverities.includes(alert.alertSeverity)) {
    return { action: 'ignore', reason: `alert severity ${alert.alertSeverity} opens no incident` };
  }
  if (rule.monitorTypes !== undefined && !rule.monitorTypes.includes(alert.monitorType)) {
    return { action: 'ignore', reason: `${alert.monitorType} alerts open no incident` };
  }
  return { action: 'open', model: alert.model, failureMode: mode };
}
