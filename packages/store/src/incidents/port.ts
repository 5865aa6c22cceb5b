// Incidents: opened from firing alerts, with their attached alerts, a timeline of every event,
// containment actions (reversible), an editable postmortem and a per-model policy. The decisions
// (severity, grouping, lifecycle) are the engine's; this port stores their outcomes atomically,
// each change with its timeline event and its audit entry in one transaction.

/** IncidentSeverity is P0 (most urgent) to P3. */
export type IncidentSeverity = 'P0' | 'P1' | 'P2' | 'P3';

/** IncidentStatus is the lifecycle state. */
export type IncidentStatus = 'triggered' | 'acknowledged' | 'resolved';

/** StoredIncident is one incident as stored. JSON fields are opaque to the store. */
export interface StoredIncident {
  readonly id: string;
  readonly model: string;
  /** The failure mode alerts are grouped by (data, performance, infrastructure, custom). */
  readonly failureMode: string;
  readonly title: string;
  readonly status: IncidentStatus;
  /** The severity shown: the override when set, else the assessed one. */
  readonly severity: IncidentSeverity;
  readonly assessedSeverity: IncidentSeverity;
  readonly severityOverride: IncidentSeverity | null;
  readonly severityReason: string;
  readonly assignee: string | null;
  /** When the incident was first opened (epoch ms). */
  readonly createdMs: number;
  /** When the current episode began: the opening or the last reopen. */
  readonly openedMs: number;
  /** The earliest start of its attached alerts: the moment of detection. */
  readonly firstAlertMs: number;
  readonly acknowledgedMs: number | null;
  readonly resolvedMs: number | null;
  /** Estimated onset of the degradation (diagnosis); null until known. */
  readonly onsetMs: number | null;
  /** Escalation notices sent in the current episode. */
  readonly escalationLevel: number;
  readonly reopenCount: number;
  /** Triage verdict and evidence (engine Triage), null until triaged. */
  readonly triage: unknown;
  /** Diagnosis (drifted features, onset, segments), null until diagnosed. */
  readonly diagnosis: unknown;
  /** Measured impact (wrong share, performance drop, rows), null until measured. */
  readonly impact: unknown;
  readonly updatedMs: number;
}

/** NewIncident is what opening an incident takes; the first alert attaches with it. */
export interface NewIncident {
  readonly model: string;
  readonly failureMode: string;
  readonly title: string;
  readonly severity: IncidentSeverity;
  readonly severityReason: string;
  readonly alert: {
    readonly fingerprint: string;
    readonly monitor: string;
    readonly startedMs: number;
  };
  /** Evidence already gathered when the incident opens (see IncidentPatch). */
  readonly triage?: unknown;
  readonly diagnosis?: unknown;
  readonly impact?: unknown;
  readonly onsetMs?: number | null;
}

/** IncidentPatch changes fields of an incident (only those given). */
export interface IncidentPatch {
  readonly status?: IncidentStatus;
  readonly openedMs?: number;
  readonly acknowledgedMs?: number | null;
  readonly resolvedMs?: number | null;
  readonly assignee?: string | null;
  readonly assessedSeverity?: IncidentSeverity;
  readonly severityOverride?: IncidentSeverity | null;
  readonly severityReason?: string;
  readonly firstAlertMs?: number;
  readonly onsetMs?: number | null;
  readonly escalationLevel?: number;
  readonly reopenCount?: number;
  readonly triage?: unknown;
  readonly diagnosis?: unknown;
  readonly impact?: unknown;
}

/** IncidentEventInput is one timeline entry to record with a change. */
export interface IncidentEventInput {
  /** Who: `key:<id>`, `system:incidents`, or a person's name. */
  readonly actor: string;
  /** Dotted kind: `incident.acknowledge`, `alert.attached`, `severity.change`, `escalation`… */
  readonly kind: string;
  readonly message: string;
  readonly details?: Record<string, unknown>;
}

/** IncidentEvent is a recorded timeline entry, numbered 1, 2, 3 per incident. */
export interface IncidentEvent extends Required<IncidentEventInput> {
  readonly seq: number;
  readonly timeMs: number;
}

/** IncidentAlert is an alert attached to an incident. */
export interface IncidentAlert {
  readonly fingerprint: string;
  readonly monitor: string;
  readonly startedMs: number;
  readonly attachedMs: number;
}

/** ContainmentAction is one containment step, reversible: an undo is recorded, never erased. */
export interface ContainmentAction {
  readonly id: string;
  readonly incidentId: string;
  /** alias_rollback (model alias), prompt_revert (prompt label) or model_pin (LLM model version). */
  readonly kind: string;
  /** What was changed, e.g. `churn@production`. */
  readonly target: string;
  readonly from: string;
  readonly to: string;
  readonly actor: string;
  readonly reason: string;
  readonly timeMs: number;
  readonly undoneMs: number | null;
  readonly undoneBy: string | null;
}

/** StoredPostmortem is an incident's postmortem: the generated draft, then edits. */
export interface StoredPostmortem {
  readonly incidentId: string;
  readonly markdown: string;
  /** True once a person replaced the generated text (the worker then never overwrites it). */
  readonly edited: boolean;
  readonly updatedBy: string;
  readonly createdMs: number;
  readonly updatedMs: number;
}

/** IncidentPolicy is a model's incident policy. */
export interface IncidentPolicy {
  readonly model: string;
  /** Roll the alias back to the last known-good version automatically for P0/P1. */
  readonly autoRollback: boolean;
  /** The alias containment moves; default `production`. */
  readonly alias: string;
  /**
   * The channels that receive the model's incident notices (opened, severity raised,
   * escalation); null: the channels of the monitors whose alerts are attached to the incident.
   */
  readonly notifyChannels: readonly string[] | null;
  readonly updatedBy: string | null;
  readonly updatedMs: number | null;
}

/** IncidentQuery filters a project's incidents, newest opened first. */
export interface IncidentQuery {
  readonly status?: IncidentStatus;
  /** true: triggered or acknowledged only. */
  readonly open?: boolean;
  readonly model?: string;
  readonly severity?: IncidentSeverity;
  /** Incidents first opened in this window. */
  readonly range?: { readonly fromMs: number; readonly toMs: number };
  readonly limit?: number;
}

/** AliasRollback moves a model alias back as a containment action. */
export interface AliasRollback {
  readonly model: string;
  readonly alias: string;
  readonly toVersion: number;
  /** The version the alias must be at now; CONFLICT (nothing changed) if it moved meanwhile. */
  readonly expectedFrom: number;
  readonly actor: string;
  readonly reason: string;
}

/** NewContainmentAction records a containment step made through another store (prompt, pin). */
export interface NewContainmentAction {
  /** prompt_revert or model_pin (alias rollbacks go through rollbackAlias, atomically). */
  readonly kind: string;
  readonly target: string;
  readonly from: string;
  readonly to: string;
  readonly actor: string;
  readonly reason: string;
}

/**
 * IncidentStore persists incidents. Every write records a timeline event and an audit entry in
 * the same transaction; unknown incidents are NOT_FOUND, a status that changed under the caller
 * (`expectStatus`) is CONFLICT, and in both cases nothing is written.
 */
export interface IncidentStore {
  /**
   * open creates a triggered incident with its first alert. At most one incident per model and
   * failure mode is open at a time: if one is, CONFLICT (the caller attaches to it instead).
   */
  open(projectId: string, input: NewIncident, actor: string): Promise<StoredIncident>;
  get(projectId: string, id: string): Promise<StoredIncident | null>;
  list(projectId: string, query?: IncidentQuery): Promise<StoredIncident[]>;
  /** attachAlert adds an alert to an incident; false when it was already attached. */
  attachAlert(
    projectId: string,
    id: string,
    alert: { fingerprint: string; monitor: string; startedMs: number },
    actor: string,
  ): Promise<boolean>;
  listAlerts(projectId: string, id: string): Promise<IncidentAlert[]>;
  /** incidentsOfAlert lists the incidents an alert (by fingerprint) is attached to, oldest first. */
  incidentsOfAlert(
    projectId: string,
    fingerprint: string,
  ): Promise<Array<IncidentAlert & { readonly incidentId: string }>>;
  /**
   * update applies `patch` and records `event`. With `expectStatus`, only if the incident is in
   * that status (CONFLICT otherwise). A patch to resolved frees the model's failure-mode slot; a
   * reopen takes it again when it is free.
   */
  update(
    projectId: string,
    id: string,
    patch: IncidentPatch,
    event: IncidentEventInput,
    options?: { expectStatus?: IncidentStatus },
  ): Promise<StoredIncident>;
  timeline(projectId: string, id: string): Promise<IncidentEvent[]>;
  /**
   * rollbackAlias moves the alias (through the registry, with its history and audit rows) and
   * records the containment action, all in one transaction.
   */
  rollbackAlias(projectId: string, id: string, rollback: AliasRollback): Promise<ContainmentAction>;
  /**
   * undoAction reverses a containment action (an alias rollback moves the alias back, if it still
   * points where the action left it: CONFLICT otherwise) and marks it undone. Undoing twice is
   * CONFLICT.
   */
  undoAction(projectId: string, actionId: string, actor: string): Promise<ContainmentAction>;
  listActions(projectId: string, id: string): Promise<ContainmentAction[]>;
  getAction(projectId: string, actionId: string): Promise<ContainmentAction | null>;
  /**
   * recordAction records a containment step the caller already made through another store (a
   * prompt label revert, a model pin), with its timeline event and audit entry.
   */
  recordAction(
    projectId: string,
    id: string,
    action: NewContainmentAction,
  ): Promise<ContainmentAction>;
  /**
   * markUndone records that the caller reversed a recorded (non-alias) action. CONFLICT when it is
   * already undone; INVALID_ARGUMENT for an alias rollback (use undoAction, which moves the alias).
   */
  markUndone(projectId: string, actionId: string, actor: string): Promise<ContainmentAction>;
  getPostmortem(projectId: string, id: string): Promise<StoredPostmortem | null>;
  /** putPostmortem stores the text; `edited` marks a person's edit (a draft is not one). */
  putPostmortem(
    projectId: string,
    id: string,
    markdown: string,
    options: { actor: string; edited: boolean },
  ): Promise<StoredPostmortem>;
  /** getPolicy returns the model's policy, or the default (auto-rollback off) when none is set. */
  getPolicy(projectId: string, model: string): Promise<IncidentPolicy>;
  putPolicy(
    projectId: string,
    model: string,
    policy: { autoRollback: boolean; alias?: string; notifyChannels?: readonly string[] | null },
    actor: string,
  ): Promise<IncidentPolicy>;
}
