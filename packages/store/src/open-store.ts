// Opening a store: SQLite by default (one file, zero set-up), PostgreSQL when given a URL.
import { PostgresDriver, type PostgresOptions } from './sql/postgres-driver.js';
import { SqliteDriver, type SqliteOptions } from './sql/sqlite-driver.js';
import { SqlStore, type SqlStoreOptions } from './sql-store.js';

/** DEFAULT_SQLITE_PATH is where the embedded database lives unless told otherwise. */
export const DEFAULT_SQLITE_PATH = './vigil.db';

/**
 * openSqliteStore opens (creating if needed) the SQLite file in WAL mode. Call migrate() before
 * use. Example: `const store = openSqliteStore('./vigil.db'); await store.migrate();`.
 */
export function openSqliteStore(
  path: string = DEFAULT_SQLITE_PATH,
  options: SqliteOptions & SqlStoreOptions = {},
): SqlStore {
  return new SqlStore(new SqliteDriver(path, options), options);
}

/**
 * openPostgresStore connects a pool to PostgreSQL; migrate() creates the schema when missing
 * and fails with UNAVAILABLE when the server cannot be reached.
 */
export function openPostgresStore(options: PostgresOptions & SqlStoreOptions): SqlStore {
  const driver = new PostgresDriver(options);
  return new SqlStore(driver, { ...options, beforeMigrate: () => driver.ensureSchema() });
}

/** OpenStoreOptions picks the backend: `databaseUrl` (postgres://…) wins over `sqlitePath`. */
export interface OpenStoreOptions extends SqlStoreOptions {
  readonly databaseUrl?: string;
  readonly sqlitePath?: string;
  readonly schema?: string;
}

/**
 * openStore opens PostgreSQL when `databaseUrl` is set (as `vigil serve` does with DATABASE_URL),
 * else the SQLite file at `sqlitePath` (default ./vigil.db).
 */
export function openStore(options: OpenStoreOptions = {}): SqlStore {
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
    return openPostgresStore({ ...options, connectionString: options.databaseUrl });
  }
  return openSqliteStore(options.sqlitePath ?? DEFAULT_SQLITE_PATH, options);
}
