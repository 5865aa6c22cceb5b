// The evals tables: one row per regression run (headline columns for series and baselines, the
// whole run as JSON for diffs and reports).
import type { Migration } from '../sql/migrations.js';

/** EVAL_MIGRATIONS are the evals schema steps (ids 60-79). */
export const EVAL_MIGRATIONS: readonly Migration[] = [
  {
    id: 60,
    name: 'eval-runs',
    statements: [
      `CREATE TABLE eval_runs (
        project_id TEXT NOT NULL,
        id TEXT NOT NULL,
        target TEXT NOT NULL,
        target_kind TEXT NOT NULL,
        target_version TEXT NOT NULL,
        set_name TEXT NOT NULL,
        set_version TEXT NOT NULL,
        set_hash TEXT NOT NULL,
        pass_rate {real} NOT NULL,
        passed INTEGER NOT NULL,
        counted INTEGER NOT NULL,
        flaky INTEGER NOT NULL,
        gate_passed INTEGER NOT NULL,
        accepted INTEGER NOT NULL,
        accepted_ms {bigint},
        accepted_by TEXT,
        started_ms {bigint} NOT NULL,
        created_ms {bigint} NOT NULL,
        run TEXT NOT NULL,
        PRIMARY KEY (project_id, id)
      )`,
      'CREATE INDEX eval_runs_target_time ON eval_runs (project_id, target, created_ms)',
      'CREATE INDEX eval_runs_accepted ON eval_runs (project_id, target, accepted_ms)',
      'CREATE INDEX eval_runs_version ON eval_runs (project_id, target, target_version)',
    ],
  },
];
