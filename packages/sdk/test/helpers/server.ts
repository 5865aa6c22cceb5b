// A real Vigil server on a SQLite file in a temp dir, with one project, its key and a model `m`,
// for the SDK's integration tests. The server can be stopped and restarted on the same port and
// store, to play an outage.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, startServer } from '@vigil/server';
import { openSqliteStore, type SqlStore } from '@vigil/store';

export const ADMIN_TOKEN = 'sdk-test-admin-token-0123456789';
export const T0 = Date.UTC(2024, 0, 1);

/** TestServer is a server with one project and a model `m`. */
export interface TestServer {
  readonly port: number;
  readonly url: string;
  readonly key: string;
  readonly store: SqlStore;
  /** up starts (or restarts) the server on `port`; down stops it (the store stays open). */
  up(): Promise<void>;
  down(): Promise<void>;
  /** events reads back every event of a type with time in [T0, T0 + 10 days). */
  events(type: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** freePort returns a TCP port nothing listens on (connections to it are refused). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/**
 * openTestServer opens a migrated SQLite store and a project with key and model `m`; with
 * `start: false` the server is not started yet (the port refuses connections until up()).
 */
export async function openTestServer(options: { start?: boolean } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-sdk-'));
  const store = openSqliteStore(join(dir, 'vigil.db'));
  await store.migrate();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let running: RunningServer | undefined;
  const up = async () => {
    running ??= await startServer({ store, port, host: '127.0.0.1', adminToken: ADMIN_TOKEN });
  };
  const down = async () => {
    const r = running;
    running = undefined;
    await r?.close();
  };
  // Set up the tenant through the API, then leave the server in the state asked for.
  await up();
  const post = async (
    path: string,
    key: string,
    body: unknown,
  ): Promise<{ api_key: { key: string } }> => {
    const r = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (r.status !== 201) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as { api_key: { key: string } };
  };
  const project = await post('/v1/projects', ADMIN_TOKEN, { id: 'sdk-project', name: 'SDK tests' });
  const key = project.api_key.key;
  await post('/v1/models', key, {
    name: 'm',
    features: [
      { name: 'x', kind: 'numerical' },
      { name: 'c', kind: 'categorical' },
    ],
  });
  if (options.start === false) await down();
  return {
    port,
    url,
    key,
    store,
    up,
    down,
    async events(type) {
      const q = `type=${type}&from=${T0}&to=${T0 + 10 * 86_400_000}&limit=10000`;
      const r = await fetch(`${url}/v1/events?${q}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      if (r.status !== 200) throw new Error(`GET /v1/events: ${r.status} ${await r.text()}`);
      const body = (await r.json()) as { events: { event: Record<string, unknown> }[] };
      return body.events.map((e) => e.event);
    },
    async close() {
      await down();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** countIds maps each event id to how many times it was read back. */
export function countIds(events: readonly Record<string, unknown>[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of events) m.set(String(e.event_id), (m.get(String(e.event_id)) ?? 0) + 1);
  return m;
}
