// PostgreSQL through node-postgres: a pool for statements and transactions, and one dedicated
// session per held advisory lock (session locks belong to the connection that took them).
import { createHash } from 'node:crypto';
import pg from 'pg';
import { StoreError } from '../errors.js';
import { type SqlDriver, type SqlExec, type SqlRow, type SqlValue, textParam } from './driver.js';

/** PostgresOptions selects the database and the schema the store lives in. */
export interface PostgresOptions {
  /** `postgres://user@host:port/db`. */
  readonly connectionString: string;
  /** Schema for every table (created if missing); default `public`. Tests use a fresh one. */
  readonly schema?: string;
  /** Pool size; default 10. */
  readonly maxConnections?: number;
}

const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,62}$/;
// BIGINT columns and COUNT(*) come back as JS numbers: every value we store is below 2^53.
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? Number
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const placeholders = new Map<string, string>();
/** toDollar rewrites `?` placeholders to $1..$n (our SQL has no `?` inside literals). */
function toDollar(sql: string): string {
  let out = placeholders.get(sql);
  if (out === undefined) {
    let n = 0;
    out = sql.replace(/\?/g, () => `$${++n}`);
    placeholders.set(sql, out);
  }
  return out;
}

// A 64-bit advisory lock key from the schema and lock name, so test schemas never collide.
function lockKey(schema: string, name: string): string {
  return createHash('sha256').update(`${schema}\0${name}`).digest().readBigInt64BE(0).toString();
}

type Queryable = pg.Pool | pg.PoolClient;

function exec(c: Queryable): SqlExec {
  return {
    all: async (sql, params = []) =>
      (await c.query(toDollar(sql), params.map(textParam) as unknown[])).rows as SqlRow[],
    run: async (sql, params = []) =>
      (await c.query(toDollar(sql), params.map(textParam) as unknown[])).rowCount ?? 0,
    insertIgnore: async (table, columns, given, conflict) => {
      // Bound as stored, so that the keys RETURNING gives back compare with the rows' own.
      const rows = given.map((r) => r.map(textParam));
      const inserted = new Set<string>();
      // 65535 bind parameters per statement at most.
      const per = Math.max(1, Math.floor(60_000 / columns.length));
      const keyIdx = conflict.map((k) => columns.indexOf(k));
      for (let start = 0; start < rows.length; start += per) {
        const chunk = rows.slice(start, start + per);
        const params: unknown[] = [];
        const tuples = chunk.map((r) => {
          const marks = r.map((v) => {
            params.push(v);
            return `$${params.length}`;
          });
          return `(${marks.join(', ')})`;
        });
        const res = await c.query(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (${conflict.join(', ')}) DO NOTHING RETURNING ${conflict.join(', ')}`,
          params,
        );
        for (const row of res.rows) inserted.add(conflict.map((k) => String(row[k])).join('\0'));
      }
      // Rows of one call never repeat a key (the store dedupes first), so the key tells which.
      return rows.map((r) => inserted.has(keyIdx.map((i) => String(r[i])).join('\0')));
    },
  };
}

/** PostgresDriver implements SqlDriver on a node-postgres pool. */
export class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres' as const;
  readonly skipLocked = ' FOR UPDATE SKIP LOCKED';
  readonly forUpdate = ' FOR UPDATE';
  readonly schema: string;
  readonly #pool: pg.Pool;
  readonly #exec: SqlExec;
  readonly #locks = new Map<string, pg.PoolClient>();

  constructor(options: PostgresOptions) {
    this.schema = options.schema ?? 'public';
    if (!SCHEMA_RE.test(this.schema)) {
      throw new StoreError('INVALID_ARGUMENT', `invalid schema name "${this.schema}"`);
    }
    this.#pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      options: `-c search_path=${this.schema}`,
      types,
    });
    // An idle client's error (server restart) must not crash the process; the next query reports it.
    this.#pool.on('error', () => undefined);
    this.#exec = exec(this.#pool);
  }

  /** ensureSchema creates the schema when missing and checks that the server answers. */
  async ensureSchema(): Promise<void> {
    try {
      await this.#pool.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
    } catch (cause) {
      throw new StoreError('UNAVAILABLE', `PostgreSQL unreachable: ${(cause as Error).message}`, {
        cause,
      });
    }
  }

  all(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]> {
    return this.#exec.all(sql, params);
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.#exec.run(sql, params);
  }

  insertIgnore(
    table: string,
    columns: readonly string[],
    rows: readonly SqlValue[][],
    conflict: readonly string[],
  ): Promise<boolean[]> {
    return this.#exec.insertIgnore(table, columns, rows, conflict);
  }

  async tx<T>(fn: (q: SqlExec) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const out = await fn(exec(client));
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async tryLock(name: string): Promise<boolean> {
    if (this.#locks.has(name)) return true;
    const client = await this.#pool.connect();
    const r = await client.query('SELECT pg_try_advisory_lock($1::bigint) AS ok', [
      lockKey(this.schema, name),
    ]);
    if (r.rows[0].ok === true) {
      this.#locks.set(name, client);
      return true;
    }
    client.release();
    return false;
  }

  async unlock(name: string): Promise<void> {
    const client = this.#locks.get(name);
    if (client === undefined) return;
    this.#locks.delete(name);
    await client.query('SELECT pg_advisory_unlock($1::bigint)', [lockKey(this.schema, name)]);
    client.release();
  }

  /** dropSchema removes the schema and everything in it (tests clean up with it). */
  async dropSchema(): Promise<void> {
    await this.#pool.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
  }

  async close(): Promise<void> {
    for (const name of [...this.#locks.keys()]) await this.unlock(name);
    await this.#pool.end();
  }
}
