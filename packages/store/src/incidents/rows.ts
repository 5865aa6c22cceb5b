// Row mapping for the incidents tables: stored rows to port types and patch fields to columns.
import { StoreError } from '../errors.js';
import type { SqlRow, SqlValue } from '../sql/driver.js';
import type {
  ContainmentAction,
  IncidentPatch,
  IncidentSeverity,
  IncidentStatus,
  StoredIncident,
  StoredPostmortem,
} from './port.js';

/** SEVERITIES are the severities the store accepts. */
export const SEVERITIES: readonly string[] = ['P0', 'P1', 'P2', 'P3'];
/** STATUSES are the lifecycle states the store accepts. */
export const STATUSES: readonly string[] = ['triggered', 'acknowledged', 'resolved'];
/** DEFAULT_ALIAS is the alias containment moves unless a policy names another. */
export const DEFAULT_ALIAS = 'production';

/** num reads a nullable integer column. */
export const num = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);
/** json reads a nullable JSON column. */
export const json = (v: unknown): unknown =>
  v === null || v === undefined ? null : JSON.parse(v as string);
/** enc writes a nullable JSON column. */
export const enc = (v: unknown): string | null =>
  v === null || v === undefined ? null : JSON.stringify(v);

/** toIncident maps an incidents row. */
export function toIncident(r: SqlRow): StoredIncident {
  const assessed = r.assessed_severity as IncidentSeverity;
  const override = (r.severity_override as IncidentSeverity | null) ?? null;
  return {
    id: r.id as string,
    model: r.model as string,
    failureMode: r.failure_mode as string,
    title: r.title as string,
    status: r.status as IncidentStatus,
    severity: override ?? assessed,
    assessedSeverity: assessed,
    severityOverride: override,
    severityReason: r.severity_reason as string,
    assignee: (r.assignee as string | null) ?? null,
    createdMs: Number(r.created_ms),
    openedMs: Number(r.opened_ms),
    firstAlertMs: Number(r.first_alert_ms),
    acknowledgedMs: num(r.acknowledged_ms),
    resolvedMs: num(r.resolved_ms),
    onsetMs: num(r.onset_ms),
    escalationLevel: Number(r.escalation_level),
    reopenCount: Number(r.reopen_count),
    triage: json(r.triage),
    diagnosis: json(r.diagnosis),
    impact: json(r.impact),
    updatedMs: Number(r.updated_ms),
  };
}

/** toAction maps a containment_actions row. */
export function toAction(r: SqlRow): ContainmentAction {
  return {
    id: r.id as string,
    incidentId: r.incident_id as string,
    kind: r.kind as string,
    target: r.target as string,
    from: r.from_value as string,
    to: r.to_value as string,
    actor: r.actor as string,
    reason: r.reason as string,
    timeMs: Number(r.time_ms),
    undoneMs: num(r.undone_ms),
    undoneBy: (r.undone_by as string | null) ?? null,
  };
}

/** toPostmortem maps a postmortems row. */
export function toPostmortem(r: SqlRow): StoredPostmortem {
  return {
    incidentId: r.incident_id as string,
    markdown: r.markdown as string,
    edited: Number(r.edited) === 1,
    updatedBy: r.updated_by as string,
    createdMs: Number(r.created_ms),
    updatedMs: Number(r.updated_ms),
  };
}

/** checkSeverity throws INVALID_ARGUMENT unless `s` is P0 … P3. */
export function checkSeverity(s: unknown, what: string): void {
  if (!SEVERITIES.includes(s as string)) {
    throw new StoreError('INVALID_ARGUMENT', `${what} must be one of ${SEVERITIES.join(', ')}`);
  }
}

/** PATCH_COLUMNS maps each patch field to its column and the encoder of its value. */
export const PATCH_COLUMNS: ReadonlyArray<[keyof IncidentPatch, string, (v: unknown) => SqlValue]> =
  [
    ['status', 'status', (v) => v as string],
    ['openedMs', 'opened_ms', (v) => v as number],
    ['acknowledgedMs', 'acknowledged_ms', (v) => v as number | null],
    ['resolvedMs', 'resolved_ms', (v) => v as number | null],
    ['assignee', 'assignee', (v) => v as string | null],
    ['assessedSeverity', 'assessed_severity', (v) => v as string],
    ['severityOverride', 'severity_override', (v) => v as string | null],
    ['severityReason', 'severity_reason', (v) => v as string],
    ['firstAlertMs', 'first_alert_ms', (v) => v as number],
    ['onsetMs', 'onset_ms', (v) => v as number | null],
    ['escalationLevel', 'escalation_level', (v) => v as number],
    ['reopenCount', 'reopen_count', (v) => v as number],
    ['triage', 'triage', enc],
    ['diagnosis', 'diagnosis', enc],
    ['impact', 'impact', enc],
  ];
