// One migration history for both dialects. Each migration is written once in portable SQL with
// three type tokens, rendered per dialect: {bigint} (INTEGER | BIGINT), {real} (REAL | DOUBLE
// PRECISION), {bytes} (BLOB | BYTEA). Migrations only ever get appended; applied ids are recorded
// in vigil_migrations, so migrate() is idempotent and safe to run from several processes at once.
import { AUDIT_MIGRATIONS } from '../audit/migrations.js';
import { CANARY_MIGRATIONS } from '../canaries/migrations.js';
import { EVAL_MIGRATIONS } from '../evals/migrations.js';
import { FEEDBACK_MIGRATIONS } from '../feedback/migrations.js';
import { INCIDENT_MIGRATIONS } from '../incidents/migrations.js';
import { LLM_MIGRATIONS } from '../llm/migrations.js';
import { PROMPT_MIGRATIONS } from '../prompts/migrations.js';
import { REGISTRY_MIGRATIONS } from '../registry/migrations.js';
import { SILENCE_MIGRATIONS } from '../silences/migrations.js';
import type { Dialect } from './driver.js';

/** Migration is one ordered, append-only schema step. */
export interface Migration {
  readonly id: number;
  readonly name: string;
  readonly statements: readonly string[];
}

// The core tables: projects, keys, models, baselines, events, monitors, alerts, jobs, deliveries.
const CORE_MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'projects-keys-models-baselines',
    statements: [
      `CREATE TABLE projects (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_ms {bigint} NOT NULL
      )`,
      `CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id),
        name TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE,
        display TEXT NOT NULL,
        created_ms {bigint} NOT NULL,
        revoked_ms {bigint}
      )`,
      'CREATE INDEX api_keys_project ON api_keys (project_id)',
      `CREATE TABLE models (
        project_id TEXT NOT NULL REFERENCES projects(id),
        name TEXT NOT NULL,
        spec TEXT NOT NULL,
        active_baseline_id TEXT,
        created_ms {bigint} NOT NULL,
        updated_ms {bigint} NOT NULL,
        PRIMARY KEY (project_id, name)
      )`,
      `CREATE TABLE baselines (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL,
        model TEXT NOT NULL,
        name TEXT NOT NULL,
        meta TEXT NOT NULL,
        created_ms {bigint} NOT NULL,
        UNIQUE (project_id, model, name),
        FOREIGN KEY (project_id, model) REFERENCES models(project_id, name)
      )`,
      `CREATE TABLE baseline_profiles (
        baseline_id TEXT NOT NULL REFERENCES baselines(id),
        project_id TEXT NOT NULL,
        column_role TEXT NOT NULL,
        column_name TEXT NOT NULL,
        profile {bytes} NOT NULL,
        PRIMARY KEY (baseline_id, column_role, column_name)
      )`,
    ],
  },
  {
    id: 2,
    name: 'events-and-window-profiles',
    statements: [
      // One wide, append-only table for every event type: flat columns plus JSON text, the shape
      // ClickHouse and Parquet take without a transform. (project_id, event_id) makes retries idempotent.
      `CREATE TABLE events (
        project_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        type TEXT NOT NULL,
        model TEXT,
        model_version TEXT,
        time_ms {bigint} NOT NULL,
        received_ms {bigint} NOT NULL,
        prediction_id TEXT,
        join_key TEXT,
        name TEXT,
        value_num {real},
        value_text TEXT,
        latency_ms {real},
        status TEXT,
        error TEXT,
        features TEXT,
        probabilities TEXT,
        tags TEXT,
        extra TEXT,
        PRIMARY KEY (project_id, event_id)
      )`,
      'CREATE INDEX events_type_model_time ON events (project_id, type, model, time_ms)',
      'CREATE INDEX events_prediction ON events (project_id, prediction_id)',
      // Per-window column profiles, merged as events arrive. `layout` is the baseline id whose
      // parameters (edges, sketch center) the profile copies, '' for Vigil's defaults, so a
      // window's profiles always merge and compare with the baseline they were built for.
      `CREATE TABLE window_profiles (
        project_id TEXT NOT NULL,
        model TEXT NOT NULL,
        layout TEXT NOT NULL,
        column_role TEXT NOT NULL,
        column_name TEXT NOT NULL,
        window_kind TEXT NOT NULL,
        window_start_ms {bigint} NOT NULL,
        row_count {bigint} NOT NULL,
        profile {bytes} NOT NULL,
        updated_ms {bigint} NOT NULL,
        PRIMARY KEY (project_id, model, layout, column_role, column_name, window_kind, window_start_ms)
      )`,
    ],
  },
  {
    id: 3,
    name: 'monitors-evaluations-alerts-jobs',
    statements: [
      `CREATE TABLE monitors (
        project_id TEXT NOT NULL REFERENCES projects(id),
        name TEXT NOT NULL,
        model TEXT NOT NULL,
        type TEXT NOT NULL,
        definition TEXT NOT NULL,
        enabled INTEGER NOT NULL,
        created_ms {bigint} NOT NULL,
        updated_ms {bigint} NOT NULL,
        PRIMARY KEY (project_id, name)
      )`,
      `CREATE TABLE evaluations (
        project_id TEXT NOT NULL,
        monitor TEXT NOT NULL,
        series TEXT NOT NULL,
        time_ms {bigint} NOT NULL,
        window_start_ms {bigint} NOT NULL,
        window_end_ms {bigint} NOT NULL,
        status TEXT NOT NULL,
        value {real},
        threshold {real},
        sample_size {bigint} NOT NULL,
        details TEXT,
        PRIMARY KEY (project_id, monitor, series, time_ms)
      )`,
      'CREATE INDEX evaluations_time ON evaluations (project_id, time_ms)',
      `CREATE TABLE alerts (
        project_id TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        monitor TEXT NOT NULL,
        state TEXT NOT NULL,
        severity TEXT NOT NULL,
        started_ms {bigint} NOT NULL,
        updated_ms {bigint} NOT NULL,
        resolved_ms {bigint},
        last_notified_ms {bigint},
        value {real},
        labels TEXT NOT NULL,
        summary TEXT NOT NULL,
        PRIMARY KEY (project_id, fingerprint)
      )`,
      'CREATE INDEX alerts_time ON alerts (project_id, updated_ms)',
      `CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        state TEXT NOT NULL,
        run_at_ms {bigint} NOT NULL,
        attempts INTEGER NOT NULL,
        locked_by TEXT,
        locked_until_ms {bigint},
        created_ms {bigint} NOT NULL,
        finished_ms {bigint},
        error TEXT
      )`,
      'CREATE INDEX jobs_ready ON jobs (state, run_at_ms)',
    ],
  },
  {
    id: 4,
    name: 'scheduler-slots-and-alert-machine',
    statements: [
      // The slot a monitor was last evaluated for: the scheduler's only memory across restarts.
      'ALTER TABLE monitors ADD COLUMN last_slot_ms {bigint}',
      // The engine's full alert state (hold and keep-firing clocks) as JSON, beside its summary.
      'ALTER TABLE alerts ADD COLUMN machine TEXT',
    ],
  },
  {
    id: 5,
    name: 'notification-deliveries',
    statements: [
      // One row per delivery attempt of a notification to one channel: the delivery log.
      `CREATE TABLE deliveries (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL,
        time_ms {bigint} NOT NULL,
        channel TEXT NOT NULL,
        channel_type TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        monitor TEXT NOT NULL,
        kind TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        outcome TEXT NOT NULL,
        status_code INTEGER,
        error TEXT,
        duration_ms {real} NOT NULL
      )`,
      'CREATE INDEX deliveries_time ON deliveries (project_id, time_ms)',
    ],
  },
];

/**
 * MIGRATIONS is the schema history, oldest first: the core tables plus one list per concern, each
 * with its own id range (silences 6-9, registry 10-19, audit 20-29, incidents 30-39, LLM 40-59,
 * evals 60-79, prompts 80-89, canaries 90-99, LLM feedback 100-109). Never edit an applied migration: add one.
 */
export const MIGRATIONS: readonly Migration[] = [
  ...CORE_MIGRATIONS,
  ...SILENCE_MIGRATIONS,
  ...REGISTRY_MIGRATIONS,
  ...AUDIT_MIGRATIONS,
  ...INCIDENT_MIGRATIONS,
  ...LLM_MIGRATIONS,
  ...EVAL_MIGRATIONS,
  ...PROMPT_MIGRATIONS,
  ...CANARY_MIGRATIONS,
  ...FEEDBACK_MIGRATIONS,
].sort((a, b) => a.id - b.id);

const TYPES: Record<Dialect, Record<string, string>> = {
  sqlite: { '{bigint}': 'INTEGER', '{real}': 'REAL', '{bytes}': 'BLOB' },
  postgres: { '{bigint}': 'BIGINT', '{real}': 'DOUBLE PRECISION', '{bytes}': 'BYTEA' },
};

/**
 * renderMigration turns a migration's portable statements into the dialect's SQL.
 * Example: 'x {bigint}' → 'x BIGINT' on postgres, 'x INTEGER' on sqlite.
 */
export function renderMigration(m: Migration, dialect: Dialect): string[] {
  const types = TYPES[dialect];
  return m.statements.map((s) => s.replace(/\{(bigint|real|bytes)\}/g, (t) => types[t]));
}
