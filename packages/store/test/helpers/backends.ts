// The two adapters the shared suite runs against: SQLite in a temp file and PostgreSQL in a
// fresh schema at DATABASE_URL (dropped at the end), so suites can run concurrently.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStore, openSqliteStore, type SqlStore } from '@vigil/store';
import pg from 'pg';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Backend opens stores on one database and cleans it up. */
export interface Backend {
  readonly name: 'sqlite' | 'postgres';
  /** Child-process arguments that reach the same database. */
  readonly target: { backend: string; path?: string; url?: string; schema?: string };
  open(): SqlStore;
  cleanup(): Promise<void>;
}

export function sqliteBackend(): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-store-'));
  const path = join(dir, 'vigil.db');
  return {
    name: 'sqlite',
    target: { backend: 'sqlite', path },
    open: () => openSqliteStore(path),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function postgresBackend(): Backend {
  const schema = `vigil_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  return {
    name: 'postgres',
    target: { backend: 'postgres', url: DATABASE_URL, schema },
    open: () => openPostgresStore({ connectionString: DATABASE_URL, schema }),
    cleanup: async () => {
      const c = new pg.Client({ connectionString: DATABASE_URL });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}

/** migrateOrExplain runs migrate(), turning an unreachable PostgreSQL into a clear failure. */
export async function migrateOrExplain(b: Backend, store: SqlStore): Promise<number[]> {
  try {
    return await store.migrate();
  } catch (e) {
    if (b.name !== 'postgres') throw e;
    throw new Error(
      `PostgreSQL is not reachable at ${DATABASE_URL} (${(e as Error).message}). ` +
        'The store suite needs it: start it (bash .ci/run does) or set DATABASE_URL.',
    );
  }
}
