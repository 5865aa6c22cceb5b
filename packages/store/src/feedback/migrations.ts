// The LLM feedback tables: user feedback on generations, the human review queue, knowledge tables
// for reference checks and their results, and the per-project LLM quality settings.
import type { Migration } from '../sql/migrations.js';

/** FEEDBACK_MIGRATIONS are the LLM feedback schema steps (ids 100-109). */
export const FEEDBACK_MIGRATIONS: readonly Migration[] = [
  {
    id: 100,
    name: 'llm-feedback-reviews-knowledge',
    statements: [
      `CREATE TABLE llm_feedback (
        project_id TEXT NOT NULL,
        id TEXT NOT NULL,
        time_ms {bigint} NOT NULL,
        trace_id TEXT NOT NULL,
        span_id TEXT,
        kind TEXT NOT NULL,
        value {real},
        comment TEXT,
        correction TEXT,
        user_id TEXT,
        received_ms {bigint} NOT NULL,
        PRIMARY KEY (project_id, id)
      )`,
      'CREATE INDEX llm_feedback_time ON llm_feedback (project_id, time_ms)',
      `CREATE TABLE llm_reviews (
        project_id TEXT NOT NULL,
        trace_id TEXT NOT NULL,
        span_id TEXT NOT NULL,
        time_ms {bigint} NOT NULL,
        sampled_ms {bigint} NOT NULL,
        model TEXT,
        prompt TEXT,
        output TEXT NOT NULL,
        verdict TEXT,
        reviewer TEXT,
        notes TEXT,
        reviewed_ms {bigint},
        PRIMARY KEY (project_id, trace_id, span_id)
      )`,
      'CREATE INDEX llm_reviews_time ON llm_reviews (project_id, time_ms)',
      `CREATE TABLE llm_knowledge (
        project_id TEXT NOT NULL,
        name TEXT NOT NULL,
        version INTEGER NOT NULL,
        rows_json TEXT NOT NULL,
        created_ms {bigint} NOT NULL,
        PRIMARY KEY (project_id, name, version)
      )`,
      `CREATE TABLE llm_reference_checks (
        project_id TEXT NOT NULL,
        trace_id TEXT NOT NULL,
        span_id TEXT NOT NULL,
        knowledge TEXT NOT NULL,
        knowledge_version INTEGER NOT NULL,
        time_ms {bigint} NOT NULL,
        claims INTEGER NOT NULL,
        wrong INTEGER NOT NULL,
        details TEXT NOT NULL,
        PRIMARY KEY (project_id, trace_id, span_id, knowledge)
      )`,
      'CREATE INDEX llm_reference_checks_time ON llm_reference_checks (project_id, time_ms)',
      `CREATE TABLE llm_quality_settings (
        project_id TEXT PRIMARY KEY,
        settings TEXT NOT NULL,
        cursor_ms {bigint} NOT NULL,
        updated_ms {bigint} NOT NULL
      )`,
    ],
  },
];
