// The incident API's wire shapes: zod schemas for /openapi.json and the functions that render
// stored incidents, actions and policies as snake_case JSON.
import { responseDueAt, SEVERITIES } from '@vigil/engine';
import type { ContainmentAction, KeyIdentity, StoredIncident } from '@vigil/store';
import { z } from 'zod';

/** severity is a severity on the wire (P0 … P3). */
export const severity = z.enum(SEVERITIES);
/** status is an incident status on the wire. */
export const status = z.enum(['triggered', 'acknowledged', 'resolved']);
/** idParams is the `:id` path parameter. */
export const idParams = z.strictObject({ id: z.string().min(1).max(64) });
/** actionParams are the `:id` and `:actionId` path parameters. */
export const actionParams = z.strictObject({
  id: z.string().min(1).max(64),
  actionId: z.string().min(1).max(64),
});
/** by names the person acting, recorded with the key. */
export const by = z
  .string()
  .min(1)
  .max(200)
  .optional()
  .describe('the person acting (recorded with the key)');

/** incidentResponseSchema is one incident on the wire. */
export const incidentResponseSchema = z.object({
  id: z.string(),
  model: z.string(),
  failure_mode: z.string(),
  title: z.string(),
  status,
  severity,
  assessed_severity: severity,
  severity_override: severity.nullable(),
  severity_reason: z.string(),
  assignee: z.string().nullable(),
  created_at: z.number().int(),
  opened_at: z.number().int(),
  first_alert_at: z.number().int(),
  acknowledged_at: z.number().int().nullable(),
  resolved_at: z.number().int().nullable(),
  onset_at: z.number().int().nullable(),
  response_due_at: z.number().int().nullable(),
  escalation_level: z.number().int(),
  reopen_count: z.number().int(),
  triage: z.unknown(),
  diagnosis: z.unknown(),
  impact: z.unknown(),
  updated_at: z.number().int(),
});

/** actionSchema is a containment action on the wire. */
export const actionSchema = z.object({
  id: z.string(),
  incident_id: z.string(),
  kind: z.string(),
  target: z.string(),
  from: z.string(),
  to: z.string(),
  actor: z.string(),
  reason: z.string(),
  time: z.number().int(),
  undone_at: z.number().int().nullable(),
  undone_by: z.string().nullable(),
});

/** postmortemSchema is a stored postmortem on the wire. */
export const postmortemSchema = z.object({
  incident_id: z.string(),
  markdown: z.string(),
  edited: z.boolean(),
  updated_by: z.string(),
  created_at: z.number().int(),
  updated_at: z.number().int(),
});

/** policySchema is a model's incident policy on the wire. */
export const policySchema = z.object({
  model: z.string(),
  auto_rollback: z.boolean(),
  alias: z.string(),
  /** Channels of the incident notices; null: the channels of the incident's monitors. */
  notify_channels: z.array(z.string()).nullable(),
  updated_by: z.string().nullable(),
  updated_at: z.number().int().nullable(),
});

/** incidentToWire renders an incident for the API. */
export function incidentToWire(i: StoredIncident): z.output<typeof incidentResponseSchema> {
  return {
    id: i.id,
    model: i.model,
    failure_mode: i.failureMode,
    title: i.title,
    status: i.status,
    severity: i.severity,
    assessed_severity: i.assessedSeverity,
    severity_override: i.severityOverride,
    severity_reason: i.severityReason,
    assignee: i.assignee,
    created_at: i.createdMs,
    opened_at: i.openedMs,
    first_alert_at: i.firstAlertMs,
    acknowledged_at: i.acknowledgedMs,
    resolved_at: i.resolvedMs,
    onset_at: i.onsetMs,
    response_due_at: i.status === 'triggered' ? responseDueAt(i.severity, i.openedMs) : null,
    escalation_level: i.escalationLevel,
    reopen_count: i.reopenCount,
    triage: i.triage,
    diagnosis: i.diagnosis,
    impact: i.impact,
    updated_at: i.updatedMs,
  };
}

/** actionToWire renders a containment action for the API. */
export function actionToWire(a: ContainmentAction): z.output<typeof actionSchema> {
  return {
    id: a.id,
    incident_id: a.incidentId,
    kind: a.kind,
    target: a.target,
    from: a.from,
    to: a.to,
    actor: a.actor,
    reason: a.reason,
    time: a.timeMs,
    undone_at: a.undoneMs,
    undone_by: a.undoneBy,
  };
}

/** actorOf is the actor a request records: the key, and the person it names. */
export const actorOf = (identity: KeyIdentity, person: string | undefined): string =>
  person === undefined ? `key:${identity.keyId}` : `${person} (key:${identity.keyId})`;

/** policyToWire renders an incident policy for the API. */
export function policyToWire(p: {
  model: string;
  autoRollback: boolean;
  alias: string;
  notifyChannels: readonly string[] | null;
  updatedBy: string | null;
  updatedMs: number | null;
}): z.output<typeof policySchema> {
  return {
    model: p.model,
    auto_rollback: p.autoRollback,
    alias: p.alias,
    notify_channels: p.notifyChannels === null ? null : [...p.notifyChannels],
    updated_by: p.updatedBy,
    updated_at: p.updatedMs,
  };
}
