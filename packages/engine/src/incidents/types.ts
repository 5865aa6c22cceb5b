// Shapes of the incident domain: severities, lifecycle states, failure modes and triage verdicts.
// Pure data; the decisions over them live beside this file and always take `now` explicitly.

/** SEVERITIES are the incident severities, most urgent first (DESIGN.md). */
export const SEVERITIES = ['P0', 'P1', 'P2', 'P3'] as const;

/** IncidentSeverity is one of SEVERITIES. */
export type IncidentSeverity = (typeof SEVERITIES)[number];

/** INCIDENT_STATUSES are the lifecycle states: triggered -> acknowledged -> resolved (reopen allowed). */
export const INCIDENT_STATUSES = ['triggered', 'acknowledged', 'resolved'] as const;

/** IncidentStatus is one of INCIDENT_STATUSES. */
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/**
 * FAILURE_MODES group alerts into incidents: alerts of one model and one failure mode attach to
 * the same open incident. `data` covers drift and quality monitors, `performance` model quality,
 * LLM output quality and business outcomes, `infrastructure` latency, throughput and errors, `custom` the rest.
 */
export const FAILURE_MODES = ['data', 'performance', 'infrastructure', 'custom'] as const;

/** FailureMode is one of FAILURE_MODES. */
export type FailureMode = (typeof FAILURE_MODES)[number];

/** TRIAGE_CATEGORIES are triage's answers: where the fault most likely lies. */
export const TRIAGE_CATEGORIES = ['data', 'model', 'infrastructure', 'unknown'] as const;

/** TriageCategory is one of TRIAGE_CATEGORIES. */
export type TriageCategory = (typeof TRIAGE_CATEGORIES)[number];

/** IncidentErrorCode lists the refusals of the incident decisions (stable API). */
export type IncidentErrorCode = 'INVALID_TRANSITION' | 'UNKNOWN_SEVERITY' | 'NO_KNOWN_GOOD';

/** IncidentError is the error half of an incident decision's Result. */
export interface IncidentError {
  readonly code: IncidentErrorCode;
  readonly message: string;
}

/** isSeverity tells whether `s` names a severity (case-sensitive: `P0` … `P3`). */
export function isSeverity(s: unknown): s is IncidentSeverity {
  return typeof s === 'string' && (SEVERITIES as readonly string[]).includes(s);
}
