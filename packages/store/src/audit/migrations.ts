// The audit log's table: append-only, one row per change, ordered by a per-database sequence.
import type { Migration } from '../sql/migrations.js';

/** AUDIT_MIGRATIONS are the audit log's schema steps (ids 20-29). */
export const AUDIT_MIGRATIONS: readonly Migration[] = [
  {
    id: 20,
    name: 'audit-log',
    statements: [
      `CREATE TABLE audit_log (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL,
        time_ms {bigint} NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target_kind TEXT NOT NULL,
        target TEXT NOT NULL,
        details TEXT NOT NULL
      )`,
      'CREATE INDEX audit_log_time ON audit_log (project_id, time_ms)',
      'CREATE INDEX audit_log_target ON audit_log (project_id, target_kind, target, time_ms)',
    ],
  },
];
