// The small SQL surface the store needs, implemented once per dialect. Queries use `?`
// placeholders; the PostgreSQL driver rewrites them to $1, $2, ….

/** Dialect names the SQL engine behind a driver. */
export type Dialect = 'sqlite' | 'postgres';

/** SqlValue is a bindable parameter: bytes go in as Uint8Array, booleans as 0/1 integers. */
export type SqlValue = string | number | null | Uint8Array;

/**
 * textParam makes a parameter storable on both backends: PostgreSQL TEXT cannot hold NUL (it
 * fails the statement), so a NUL in a string is bound as U+FFFD on SQLite and PostgreSQL alike;
 * a lookup by such a value matches nothing instead of failing. Other values pass through.
 */
export function textParam<T extends SqlValue>(v: T): T {
  return (typeof v === 'string' && v.includes('\0') ? v.replaceAll('\0', '\uFFFD') : v) as T;
}

/** SqlRow is one result row keyed by column name. */
export type SqlRow = Record<string, unknown>;

/** SqlExec runs statements, inside or outside a transaction. */
export interface SqlExec {
  /** all runs a query and returns its rows. */
  all(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]>;
  /** run executes a statement and returns the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /**
   * insertIgnore inserts rows with ON CONFLICT DO NOTHING and returns, per input row, whether it
   * was inserted (false: a row with the same key existed).
   */
  insertIgnore(
    table: string,
    columns: readonly string[],
    rows: readonly SqlValue[][],
    conflict: readonly string[],
  ): Promise<boolean[]>;
}

/** SqlDriver is a connection (pool) to one database. */
export interface SqlDriver extends SqlExec {
  readonly dialect: Dialect;
  /** `FOR UPDATE SKIP LOCKED` on PostgreSQL; '' on SQLite, where writers are serialised. */
  readonly skipLocked: string;
  /** `FOR UPDATE` on PostgreSQL; '' on SQLite. */
  readonly forUpdate: string;
  /** tx runs fn in one transaction, committed when fn resolves and rolled back when it throws. */
  tx<T>(fn: (q: SqlExec) => Promise<T>): Promise<T>;
  /** tryLock takes a named session-level lock without waiting; true when taken. */
  tryLock(name: string): Promise<boolean>;
  /** unlock releases a lock taken by tryLock. */
  unlock(name: string): Promise<void>;
  close(): Promise<void>;
}
