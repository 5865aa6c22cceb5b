// The LLM tables: spans (generations), versioned price tables, budgets and their usage counters.
import type { Migration } from '../sql/migrations.js';

/** LLM_MIGRATIONS are the llm schema steps (ids 40-59). */
export const LLM_MIGRATIONS: readonly Migration[] = [
  {
    id: 40,
    name: 'llm-spans',
    statements: [
      // One row per span; (project_id, trace_id, span_id) makes retried exports idempotent.
      `CREATE TABLE llm_spans (
        project_id TEXT NOT NULL,
        trace_id TEXT NOT NULL,
        span_id TEXT NOT NULL,
        parent_span_id TEXT,
        name TEXT NOT NULL,
        operation TEXT,
        start_ms {bigint} NOT NULL,
        end_ms {bigint} NOT NULL,
        model_requested TEXT,
        model_served TEXT,
        provider TEXT,
        prompt_name TEXT,
        prompt_version {bigint},
        input TEXT,
        output TEXT,
        tokens_input {bigint},
        tokens_output {bigint},
        tokens_cached_input {bigint},
        tokens_reasoning {bigint},
        cost_usd {real},
        cost_source TEXT NOT NULL,
        price_table_version {bigint},
        status TEXT NOT NULL,
        error TEXT,
        user_id TEXT,
        session_id TEXT,
        service TEXT,
        api_key_id TEXT,
        tags TEXT NOT NULL,
        variant TEXT,
        attempt {bigint} NOT NULL,
        flags TEXT NOT NULL,
        attributes TEXT NOT NULL,
        received_ms {bigint} NOT NULL,
        PRIMARY KEY (project_id, trace_id, span_id)
      )`,
      'CREATE INDEX llm_spans_time ON llm_spans (project_id, start_ms)',
      'CREATE INDEX llm_spans_session ON llm_spans (project_id, session_id, start_ms)',
      'CREATE INDEX llm_spans_key ON llm_spans (project_id, api_key_id, start_ms)',
      'CREATE INDEX llm_spans_service ON llm_spans (project_id, service, start_ms)',
    ],
  },
  {
    id: 41,
    name: 'llm-price-tables-budgets',
    statements: [
      `CREATE TABLE llm_price_tables (
        project_id TEXT NOT NULL,
        version {bigint} NOT NULL,
        effective_from_ms {bigint} NOT NULL,
        entries TEXT NOT NULL,
        note TEXT NOT NULL,
        created_ms {bigint} NOT NULL,
        PRIMARY KEY (project_id, version)
      )`,
      'CREATE INDEX llm_price_tables_from ON llm_price_tables (project_id, effective_from_ms)',
      `CREATE TABLE llm_budgets (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL,
        name TEXT NOT NULL,
        scope TEXT NOT NULL,
        match_pattern TEXT NOT NULL,
        period TEXT NOT NULL,
        limit_usd {real} NOT NULL,
        block {bigint} NOT NULL,
        thresholds TEXT NOT NULL,
        channels TEXT NOT NULL,
        description TEXT NOT NULL,
        created_ms {bigint} NOT NULL,
        updated_ms {bigint} NOT NULL,
        UNIQUE (project_id, name)
      )`,
      // Spend in integer nano-USD, incremented in SQL: exact under concurrent writers.
      `CREATE TABLE llm_budget_usage (
        budget_id TEXT NOT NULL,
        subject TEXT NOT NULL,
        period_start_ms {bigint} NOT NULL,
        project_id TEXT NOT NULL,
        spend_nanos {bigint} NOT NULL,
        calls {bigint} NOT NULL,
        alerted_level {real} NOT NULL,
        updated_ms {bigint} NOT NULL,
        PRIMARY KEY (budget_id, subject, period_start_ms)
      )`,
    ],
  },
];
