// Applying the migration history: each step in its own transaction together with its record in
// vigil_migrations, so a crash mid-way leaves either the whole step or none of it.
import { StoreError } from './errors.js';
import type { SqlDriver } from './sql/driver.js';
import { MIGRATIONS, renderMigration } from './sql/migrations.js';

/**
 * runMigrations applies every migration not yet recorded and returns the ids it applied ([] when
 * up to date). Concurrent migrators are serialised: PostgreSQL by a transaction-level advisory
 * lock, SQLite by BEGIN IMMEDIATE. A database newer than this code is refused.
 */
export async function runMigrations(db: SqlDriver): Promise<number[]> {
  const ledger = `CREATE TABLE IF NOT EXISTS vigil_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms ${db.dialect === 'postgres' ? 'BIGINT' : 'INTEGER'} NOT NULL)`;
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    const done = await db.tx(async (q) => {
      if (db.dialect === 'postgres') {
        await q.all(
          "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.vigil_migrations'))",
        );
      }
      // Created under the lock: two first-time migrators would otherwise race on CREATE TABLE.
      await q.run(ledger);
      const rows = await q.all('SELECT id FROM vigil_migrations WHERE id = ?', [m.id]);
      if (rows.length > 0) return false;
      for (const sql of renderMigration(m, db.dialect)) {
        try {
          await q.run(sql);
        } catch (cause) {
          throw new StoreError(
            'MIGRATION_FAILED',
            `migration ${m.id} (${m.name}) failed: ${(cause as Error).message}`,
            { cause },
          );
        }
      }
      await q.run('INSERT INTO vigil_migrations (id, name, applied_ms) VALUES (?, ?, ?)', [
        m.id,
        m.name,
        Date.now(),
      ]);
      return true;
    });
    if (done) applied.push(m.id);
  }
  const [latest] = await db.all('SELECT MAX(id) AS id FROM vigil_migrations');
  const known = MIGRATIONS[MIGRATIONS.length - 1].id;
  if (Number(latest.id) > known) {
    throw new StoreError(
      'MIGRATION_FAILED',
      `database schema is at migration ${latest.id}, newer than this Vigil (${known}): upgrade Vigil`,
    );
  }
  return applied;
}
