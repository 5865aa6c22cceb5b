// The prompts tables: prompts and their immutable versions, labels with an append-only history,
// model pins per service, the deprecation calendar and daily per-model call counts.
import type { Migration } from '../sql/migrations.js';

/** PROMPT_MIGRATIONS are the prompts schema steps (ids 80-89). */
export const PROMPT_MIGRATIONS: readonly Migration[] = [
  {
    id: 80,
    name: 'prompts-versions-labels',
    statements: [
      // One row per prompt: the version counter, locked while a version is added so that
      // concurrent pushes get consecutive numbers.
      `CREATE TABLE prompts (
        project_id TEXT NOT NULL,
        name TEXT NOT NULL,
        latest_version INTEGER NOT NULL,
        created_ms {bigint} NOT NULL,
        updated_ms {bigint} NOT NULL,
        PRIMARY KEY (project_id, name)
      )`,
      // Versions are never updated or deleted.
      `CREATE TABLE prompt_versions (
        project_id TEXT NOT NULL,
        name TEXT NOT NULL,
        version INTEGER NOT NULL,
        content TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        created_ms {bigint} NOT NULL,
        created_by TEXT NOT NULL,
        commit_message TEXT,
        PRIMARY KEY (project_id, name, version)
      )`,
      `CREATE TABLE prompt_labels (
        project_id TEXT NOT NULL,
        name TEXT NOT NULL,
        label TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_ms {bigint} NOT NULL,
        PRIMARY KEY (project_id, name, label)
      )`,
      `CREATE TABLE prompt_label_history (
        project_id TEXT NOT NULL,
        name TEXT NOT NULL,
        label TEXT NOT NULL,
        seq INTEGER NOT NULL,
        version INTEGER NOT NULL,
        previous_version INTEGER,
        action TEXT NOT NULL,
        time_ms {bigint} NOT NULL,
        actor TEXT NOT NULL,
        PRIMARY KEY (project_id, name, label, seq)
      )`,
    ],
  },
  {
    id: 81,
    name: 'model-pins-deprecations-usage',
    statements: [
      // service '*' pins the alias for every service without a pin of its own.
      `CREATE TABLE model_pins (
        project_id TEXT NOT NULL,
        service TEXT NOT NULL,
        model TEXT NOT NULL,
        pinned TEXT NOT NULL,
        updated_ms {bigint} NOT NULL,
        actor TEXT NOT NULL,
        PRIMARY KEY (project_id, service, model)
      )`,
      `CREATE TABLE model_deprecations (
        project_id TEXT NOT NULL,
        model TEXT NOT NULL,
        retires_ms {bigint} NOT NULL,
        replacement TEXT,
        channels TEXT NOT NULL,
        note TEXT,
        updated_ms {bigint} NOT NULL,
        PRIMARY KEY (project_id, model)
      )`,
      // Calls per served model and UTC day, with those that named an unpinned alias.
      `CREATE TABLE model_usage (
        project_id TEXT NOT NULL,
        model TEXT NOT NULL,
        day_ms {bigint} NOT NULL,
        calls {bigint} NOT NULL,
        unpinned_calls {bigint} NOT NULL,
        last_seen_ms {bigint} NOT NULL,
        PRIMARY KEY (project_id, model, day_ms)
      )`,
    ],
  },
];
