// The registry tables: immutable model versions, current aliases, and the append-only alias history.
import type { Migration } from '../sql/migrations.js';

/** REGISTRY_MIGRATIONS are the registry schema steps (ids 10-19). */
export const REGISTRY_MIGRATIONS: readonly Migration[] = [
  {
    id: 10,
    name: 'registry-versions-aliases',
    statements: [
      `CREATE TABLE model_versions (
        project_id TEXT NOT NULL,
        model TEXT NOT NULL,
        version INTEGER NOT NULL,
        artifact_uri TEXT NOT NULL,
        baseline_id TEXT,
        metrics TEXT NOT NULL,
        tags TEXT NOT NULL,
        description TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_ms {bigint} NOT NULL,
        PRIMARY KEY (project_id, model, version),
        FOREIGN KEY (project_id, model) REFERENCES models(project_id, name)
      )`,
      `CREATE TABLE model_aliases (
        project_id TEXT NOT NULL,
        model TEXT NOT NULL,
        alias TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_by TEXT NOT NULL,
        updated_ms {bigint} NOT NULL,
        PRIMARY KEY (project_id, model, alias),
        FOREIGN KEY (project_id, model, version) REFERENCES model_versions(project_id, model, version)
      )`,
      // seq numbers a model's moves 1, 2, 3 in commit order (moves of one model are serialised by
      // a lock on its models row), so the history order never depends on clock ties.
      `CREATE TABLE alias_history (
        project_id TEXT NOT NULL,
        model TEXT NOT NULL,
        seq INTEGER NOT NULL,
        alias TEXT NOT NULL,
        from_version INTEGER,
        to_version INTEGER,
        actor TEXT NOT NULL,
        time_ms {bigint} NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (project_id, model, seq)
      )`,
      'CREATE INDEX alias_history_alias ON alias_history (project_id, model, alias, seq)',
    ],
  },
];
