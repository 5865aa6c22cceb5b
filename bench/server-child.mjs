// Shared by the HTTP benchmarks (server-ingest, otlp-ingest): a Vigil server in its own process
// on a throwaway SQLite file or PostgreSQL schema, a keep-alive HTTP client, and a bench project.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const ADMIN = 'bench-admin-token-0123456789';
export const SERVER_DIST = new URL('../packages/server/dist/index.js', import.meta.url).href;

/** Starts `vigil serve`'s entry point in a child process with `env`; resolves its base URL. */
export function startChild(env) {
  const code = `
    import { loadEnv, serve } from ${JSON.stringify(SERVER_DIST)};
    const s = await serve(loadEnv());
    process.stdout.write('listening ' + s.url + '\\n');
    process.on('SIGTERM', async () => { await s.stop(); process.exit(0); });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    env: {
      ...process.env,
      ...env,
      PORT: '0',
      HOST: '127.0.0.1',
      VIGIL_ADMIN_TOKEN: ADMIN,
      VIGIL_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const m = /listening (\S+)/.exec(buf);
      if (m) resolve({ child, url: m[1] });
    });
    child.on('exit', (c) => reject(new Error(`server exited ${c}`)));
  });
}

/** Stops a child started by startChild and waits for it to exit. */
export async function stopChild(child) {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

/** The keep-alive agent every request of a benchmark goes through (destroy it at the end). */
export const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** Sends one request (JSON content type unless `headers` says otherwise); resolves status and text. */
export function send(url, method, path, body, headers) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}${path}`,
      { method, agent, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Creates the project `bench` with the admin token and returns its API key. */
export async function benchProject(url) {
  const p = await send(
    url,
    'POST',
    '/v1/projects',
    JSON.stringify({ id: 'bench', name: 'Bench' }),
    {
      authorization: `Bearer ${ADMIN}`,
    },
  );
  if (p.status !== 201) throw new Error(`project: ${p.status} ${p.text}`);
  return JSON.parse(p.text).api_key.key;
}

/** Runs `fn` with the env of a fresh SQLite file (synchronous `sync`), removed afterwards. */
export async function withSqlite(sync, fn) {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  try {
    await fn({ VIGIL_DB: join(dir, 'vigil.db'), VIGIL_SQLITE_SYNC: sync, DATABASE_URL: '' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `fn` with the env of a fresh PostgreSQL schema at DATABASE_URL, dropped afterwards. */
export async function withPostgres(fn) {
  const schema = `vigil_bench_${randomBytes(4).toString('hex')}`;
  try {
    await fn({ DATABASE_URL: PG_URL, VIGIL_PG_SCHEMA: schema });
  } finally {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  }
}
