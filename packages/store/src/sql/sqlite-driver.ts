// SQLite through better-sqlite3: synchronous, so every call is serialised through one queue to keep
// a transaction's statements from interleaving with another caller's on the shared connection.
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from '../errors.js';
import { type SqlDriver, type SqlExec, type SqlRow, type SqlValue, textParam } from './driver.js';

/** SqliteOptions tunes the embedded database. */
export interface SqliteOptions {
  /**
   * `full` (default) fsyncs the WAL on every commit: an acknowledged append survives a power cut.
   * `normal` survives a process crash (SIGKILL) but may lose the last commits on power loss.
   */
  readonly synchronous?: 'full' | 'normal';
  /** How long a writer waits for another process's lock; default 10 s. */
  readonly busyTimeoutMs?: number;
}

// Named locks are process-wide: embedded mode runs one Vigil process per database file.
const heldLocks = new Set<string>();
// One queue per database file, shared by every connection of this process: better-sqlite3 blocks
// the thread while waiting for a lock, so a second connection's BEGIN IMMEDIATE inside an open
// transaction of the first would wait for a commit that can never run. Other processes are
// handled by SQLite's busy timeout.
const queues = new Map<string, { tail: Promise<unknown>; users: number }>();

const toParam = (v: SqlValue): unknown =>
  v instanceof Uint8Array && !Buffer.isBuffer(v)
    ? Buffer.from(v.buffer, v.byteOffset, v.length)
    : textParam(v);

/** SqliteDriver implements SqlDriver on one better-sqlite3 connection in WAL mode. */
export class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  readonly skipLocked = '';
  readonly forUpdate = '';
  readonly #db: Database.Database;
  readonly #path: string;
  readonly #statements = new Map<string, Database.Statement>();
  readonly #locks = new Set<string>();
  readonly #queue: { tail: Promise<unknown>; users: number };

  constructor(path: string, options: SqliteOptions = {}) {
    this.#path = resolve(path);
    let q = queues.get(this.#path);
    if (q === undefined) {
      q = { tail: Promise.resolve(), users: 0 };
      queues.set(this.#path, q);
    }
    q.users++;
    this.#queue = q;
    try {
      this.#db = new Database(path);
    } catch (cause) {
      throw new StoreError('UNAVAILABLE', `cannot open SQLite database ${path}`, { cause });
    }
    this.#db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    this.#db.pragma('foreign_keys = ON');
  }

  #stmt(sql: string): Database.Statement {
    let s = this.#statements.get(sql);
    if (s === undefined) {
      s = this.#db.prepare(sql);
      this.#statements.set(sql, s);
    }
    return s;
  }

  // Direct (unqueued) execution, used inside a transaction that already holds the queue.
  readonly #direct: SqlExec = {
    all: async (sql, params = []) => this.#stmt(sql).all(...params.map(toParam)) as SqlRow[],
    run: async (sql, params = []) => this.#stmt(sql).run(...params.map(toParam)).changes,
    insertIgnore: async (table, columns, rows, conflict) => {
      const marks = columns.map(() => '?').join(', ');
      const s = this.#stmt(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${marks}) ON CONFLICT (${conflict.join(', ')}) DO NOTHING`,
      );
      const out: boolean[] = new Array(rows.length);
      for (let i = 0; i < rows.length; i++) out[i] = s.run(...rows[i].map(toParam)).changes === 1;
      return out;
    },
  };

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#queue.tail.then(fn, fn);
    this.#queue.tail = next.catch(() => undefined);
    return next;
  }

  all(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]> {
    return this.#serial(() => this.#direct.all(sql, params));
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.#serial(() => this.#direct.run(sql, params));
  }

  insertIgnore(
    table: string,
    columns: readonly string[],
    rows: readonly SqlValue[][],
    conflict: readonly string[],
  ): Promise<boolean[]> {
    return this.#serial(() => this.#direct.insertIgnore(table, columns, rows, conflict));
  }

  tx<T>(fn: (q: SqlExec) => Promise<T>): Promise<T> {
    return this.#serial(async () => {
      // IMMEDIATE takes the write lock up front, so two processes never deadlock upgrading.
      this.#stmt('BEGIN IMMEDIATE').run();
      try {
        const out = await fn(this.#direct);
        this.#stmt('COMMIT').run();
        return out;
      } catch (e) {
        if (this.#db.inTransaction) this.#stmt('ROLLBACK').run();
        throw e;
      }
    });
  }

  async tryLock(name: string): Promise<boolean> {
    const key = `${this.#path}\0${name}`;
    if (heldLocks.has(key)) return this.#locks.has(key);
    heldLocks.add(key);
    this.#locks.add(key);
    return true;
  }

  async unlock(name: string): Promise<void> {
    const key = `${this.#path}\0${name}`;
    if (this.#locks.delete(key)) heldLocks.delete(key);
  }

  async close(): Promise<void> {
    await this.#queue.tail;
    if (--this.#queue.users === 0) queues.delete(this.#path);
    for (const key of this.#locks) heldLocks.delete(key);
    this.#locks.clear();
    this.#db.close();
  }
}
