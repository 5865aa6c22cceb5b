// The notification configuration tables: channels (where alerts go) and silences (what is muted).
import type { Migration } from '../sql/migrations.js';

/** SILENCE_MIGRATIONS are the silences and channels schema steps (ids 6-9). */
export const SILENCE_MIGRATIONS: readonly Migration[] = [
  {
    id: 6,
    name: 'channels-and-silences',
    statements: [
      // One row per channel name and project; `definition` is the validated `kind: Channel`
      // document as JSON (secrets included: GET routes redact them, the notifier needs them).
      `CREATE TABLE channels (
        project_id TEXT NOT NULL REFERENCES projects(id),
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        definition TEXT NOT NULL,
        created_ms {bigint} NOT NULL,
        updated_ms {bigint} NOT NULL,
        PRIMARY KEY (project_id, name)
      )`,
      // Silences are never deleted: expiring one early moves its end to the expiry time, so the
      // history of what was muted, by whom and why stays readable.
      `CREATE TABLE silences (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id),
        matchers TEXT NOT NULL,
        starts_ms {bigint} NOT NULL,
        ends_ms {bigint} NOT NULL,
        created_by TEXT NOT NULL,
        comment TEXT NOT NULL,
        created_ms {bigint} NOT NULL,
        updated_ms {bigint} NOT NULL,
        expired_ms {bigint}
      )`,
      'CREATE INDEX silences_ends ON silences (project_id, ends_ms)',
    ],
  },
];
