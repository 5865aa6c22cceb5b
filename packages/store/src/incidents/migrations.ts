// The incidents tables: incidents, their alerts, timeline, containment actions, postmortems and
// per-model policies, plus one slot row per open (model, failure mode) that makes "at most one
// open incident per model and failure mode" hold across processes.
import type { Migration } from '../sql/migrations.js';

/** INCIDENT_MIGRATIONS are the incidents schema steps (ids 30-39). */
export const INCIDENT_MIGRATIONS: readonly Migration[] = [
  {
    id: 30,
    name: 'incidents',
    statements: [
      `CREATE TABLE incidents (
        project_id TEXT NOT NULL,
        id TEXT NOT NULL,
        model TEXT NOT NULL,
        failure_mode TEXT NOT NULL,
        title TEXT NOT NULL,
        status TEXT NOT NULL,
        assessed_severity TEXT NOT NULL,
        severity_override TEXT,
        severity_reason TEXT NOT NULL,
        assignee TEXT,
        created_ms {bigint} NOT NULL,
        opened_ms {bigint} NOT NULL,
        first_alert_ms {bigint} NOT NULL,
        acknowledged_ms {bigint},
        resolved_ms {bigint},
        onset_ms {bigint},
        escalation_level INTEGER NOT NULL,
        reopen_count INTEGER NOT NULL,
        triage TEXT,
        diagnosis TEXT,
        impact TEXT,
        updated_ms {bigint} NOT NULL,
        PRIMARY KEY (project_id, id)
      )`,
      'CREATE INDEX incidents_status ON incidents (project_id, status, model)',
      'CREATE INDEX incidents_created ON incidents (project_id, created_ms)',
      `CREATE TABLE incident_open_slots (
        project_id TEXT NOT NULL,
        model TEXT NOT NULL,
        failure_mode TEXT NOT NULL,
        incident_id TEXT NOT NULL,
        PRIMARY KEY (project_id, model, failure_mode)
      )`,
      `CREATE TABLE incident_alerts (
        project_id TEXT NOT NULL,
        incident_id TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        monitor TEXT NOT NULL,
        started_ms {bigint} NOT NULL,
        attached_ms {bigint} NOT NULL,
        PRIMARY KEY (project_id, incident_id, fingerprint)
      )`,
      'CREATE INDEX incident_alerts_fingerprint ON incident_alerts (project_id, fingerprint)',
      `CREATE TABLE incident_events (
        project_id TEXT NOT NULL,
        incident_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        time_ms {bigint} NOT NULL,
        actor TEXT NOT NULL,
        kind TEXT NOT NULL,
        message TEXT NOT NULL,
        details TEXT NOT NULL,
        PRIMARY KEY (project_id, incident_id, seq)
      )`,
      `CREATE TABLE containment_actions (
        project_id TEXT NOT NULL,
        id TEXT NOT NULL,
        incident_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        target TEXT NOT NULL,
        from_value TEXT NOT NULL,
        to_value TEXT NOT NULL,
        actor TEXT NOT NULL,
        reason TEXT NOT NULL,
        time_ms {bigint} NOT NULL,
        undone_ms {bigint},
        undone_by TEXT,
        PRIMARY KEY (project_id, id)
      )`,
      'CREATE INDEX containment_actions_incident ON containment_actions (project_id, incident_id, time_ms)',
      `CREATE TABLE postmortems (
        project_id TEXT NOT NULL,
        incident_id TEXT NOT NULL,
        markdown TEXT NOT NULL,
        edited INTEGER NOT NULL,
        updated_by TEXT NOT NULL,
        created_ms {bigint} NOT NULL,
        updated_ms {bigint} NOT NULL,
        PRIMARY KEY (project_id, incident_id)
      )`,
      `CREATE TABLE incident_policies (
        project_id TEXT NOT NULL,
        model TEXT NOT NULL,
        auto_rollback INTEGER NOT NULL,
        alias TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        updated_ms {bigint} NOT NULL,
        PRIMARY KEY (project_id, model)
      )`,
    ],
  },
  {
    id: 31,
    name: 'incident_policy_notify_channels',
    // JSON list of channel names for incident notices; NULL: the channels of the incident's monitors.
    statements: ['ALTER TABLE incident_policies ADD COLUMN notify_channels TEXT'],
  },
];
