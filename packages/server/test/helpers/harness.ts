// A running server on a fresh database (SQLite temp file or a new PostgreSQL schema) with two
// projects, each with a key and a model, and a small fetch wrapper.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type RunningServer, type SchedulerRunOptions, startServer } from '@vigil/server';
import { openPostgresStore, openSqliteStore, type SqlStore } from '@vigil/store';
import pg from 'pg';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const T0 = Date.UTC(2024, 0, 1);

export type BackendName = 'sqlite' | 'postgres';
export const BACKENDS: BackendName[] = ['sqlite', 'postgres'];

/** Reply is a decoded HTTP answer. */
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test helper reading arbitrary JSON
  readonly json: any;
}

/** RequestOptions are a test request's key, body (JSON, or raw bytes), headers and gzip. */
export interface RequestOptions {
  readonly key?: string | null;
  readonly body?: unknown;
  readonly raw?: Buffer | string;
  readonly headers?: Record<string, string>;
  readonly gzip?: boolean;
}

/**
 * requestServer sends one request to a running server: `Authorization: Bearer <key>`, a JSON
 * body (content-type application/json unless given) or raw bytes, optionally gzipped; the answer
 * comes back decoded (json undefined when the text is not JSON).
 */
export async function requestServer(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== undefined && options.key !== null)
    headers.authorization = `Bearer ${options.key}`;
  let body: Buffer | string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  if (options.gzip && body !== undefined) {
    body = gzipSync(body);
    headers['content-encoding'] = 'gzip';
  }
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Harness is a server with two tenants, `a` and `b`. */
export interface Harness {
  readonly url: string;
  readonly store: SqlStore;
  readonly server: RunningServer;
  readonly a: { project: string; key: string };
  readonly b: { project: string; key: string };
  /** reopen opens another store on the same database (a second process, for leadership). */
  reopen(): SqlStore;
  request(method: string, path: string, options?: RequestOptions): Promise<Reply>;
  close(): Promise<void>;
}

/** TestStore is a store on a fresh database, a way to open it again, and its cleanup. */
export interface TestStore {
  readonly store: SqlStore;
  /** reopen opens another store on the same database (a second process, for leadership). */
  reopen(): SqlStore;
  cleanup(): Promise<void>;
}

/**
 * openTestStore opens a store on a fresh database: a SQLite file in a temporary folder, or a new
 * PostgreSQL schema at DATABASE_URL (dropped by cleanup), with the store's clock set to `now`.
 */
export function openTestStore(
  name: BackendName,
  options: { now?: () => number; prefix?: string } = {},
): TestStore {
  const prefix = options.prefix ?? 'server';
  const clock = options.now === undefined ? {} : { now: options.now };
  if (name === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `vigil-${prefix}-`));
    return {
      store: openSqliteStore(join(dir, 'vigil.db'), clock),
      reopen: () => openSqliteStore(join(dir, 'vigil.db'), clock),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `vigil_${prefix.replace(/\W/g, '_')}_${process.pid}_${randomBytes(4).toString('hex')}`;
  return {
    store: openPostgresStore({ connectionString: DATABASE_URL, schema, ...clock }),
    reopen: () => openPostgresStore({ connectionString: DATABASE_URL, schema, ...clock }),
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

/** prediction builds a valid prediction event of model `m`. */
export function prediction(id: string, n = 0, model = 'm'): Record<string, unknown> {
  return {
    type: 'prediction',
    event_id: id,
    model,
    time: T0 + n,
    features: { x: n % 97, c: `k${n % 5}` },
    prediction: n % 2,
  };
}

/** startHarness starts a server on a fresh database with projects `a-…` and `b-…`. */
export async function startHarness(
  backend: BackendName,
  options: { scheduler?: SchedulerRunOptions } = {},
): Promise<Harness> {
  const { store, reopen, cleanup } = openTestStore(backend);
  try {
    await store.migrate();
  } catch (e) {
    await cleanup();
    throw new Error(
      `${backend} is not reachable (${(e as Error).message}); the server suite needs PostgreSQL at ${DATABASE_URL} (bash .ci/run starts it).`,
    );
  }
  const server = await startServer({
    store,
    port: 0,
    host: '127.0.0.1',
    adminToken: ADMIN_TOKEN,
    ...(options.scheduler === undefined ? {} : { scheduler: options.scheduler }),
  });
  const request: Harness['request'] = (method, path, options) =>
    requestServer(server.url, method, path, options);
  const tenant = async (p: string) => {
    const r = await request('POST', '/v1/projects', {
      key: ADMIN_TOKEN,
      body: { id: p, name: `Project ${p}` },
    });
    if (r.status !== 201) throw new Error(`creating ${p}: ${r.status} ${r.text}`);
    const key = r.json.api_key.key as string;
    const m = await request('POST', '/v1/models', {
      key,
      body: {
        name: 'm',
        features: [
          { name: 'x', kind: 'numerical' },
          { name: 'c', kind: 'categorical' },
        ],
      },
    });
    if (m.status !== 201) throw new Error(`creating model in ${p}: ${m.status} ${m.text}`);
    return { project: p, key };
  };
  const a = await tenant('a-project');
  const b = await tenant('b-project');
  return {
    url: server.url,
    store,
    server,
    a,
    b,
    reopen,
    request,
    async close() {
      await server.close();
      await store.close();
      await cleanup();
    },
  };
}
