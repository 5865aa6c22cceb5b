#!/usr/bin/env node
// Server ingest benchmark (issue 4): prediction events with 20 features (15 numerical, 5
// categorical) in batches of 500, sent over loopback HTTP by several concurrent keep-alive
// clients to a Vigil server running in its own process, into SQLite (a temp file; synchronous
// FULL, the default, and NORMAL) and into PostgreSQL at DATABASE_URL (a temporary schema). Each
// request is parsed, validated event by event, appended and profiled before its 2xx.
// Usage: npx tsc -b && node bench/server-ingest.mjs [--events 200000] [--batch 500]
//        [--clients 4] [--gzip] [--no-postgres]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { predictionBatches } from './events.mjs';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '200000' },
    batch: { type: 'string', default: '500' },
    clients: { type: 'string', default: '4' },
    gzip: { type: 'boolean', default: false },
    'no-postgres': { type: 'boolean', default: false },
  },
});
const EVENTS = Number(args.events);
const BATCH = Number(args.batch);
const CLIENTS = Number(args.clients);
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ADMIN = 'bench-admin-token-0123456789';
const SERVER_DIST = new URL('../packages/server/dist/index.js', import.meta.url).href;

/** Pre-serialised request bodies, so the load generator spends its time sending, not building. */
function makeBodies() {
  const bodies = [];
  for (const events of predictionBatches(EVENTS, BATCH)) {
    const json = Buffer.from(JSON.stringify({ events }));
    bodies.push({ count: events.length, data: args.gzip ? gzipSync(json) : json });
  }
  return bodies;
}

/** Starts `vigil`'s server in a child process with `env`; resolves its base URL. */
function startChild(env) {
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

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function send(url, path, body, headers) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}${path}`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } },
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

async function run(name, env, bodies, cleanup) {
  const { child, url } = await startChild(env);
  try {
    const p = await send(url, '/v1/projects', JSON.stringify({ id: 'bench', name: 'Bench' }), {
      authorization: `Bearer ${ADMIN}`,
    });
    const key = JSON.parse(p.text).api_key.key;
    const features = [
      ...Array.from({ length: 15 }, (_, f) => ({ name: `num_${f}`, kind: 'numerical' })),
      ...Array.from({ length: 5 }, (_, f) => ({ name: `cat_${f}`, kind: 'categorical' })),
    ];
    await send(url, '/v1/models', JSON.stringify({ name: 'bench', features }), {
      authorization: `Bearer ${key}`,
    });
    const headers = {
      authorization: `Bearer ${key}`,
      ...(args.gzip ? { 'content-encoding': 'gzip' } : {}),
    };
    let next = 0;
    let events = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < bodies.length) {
          const b = bodies[next++];
          const r = await send(url, '/v1/ingest', b.data, headers);
          if (r.status !== 200)
            throw new Error(`ingest answered ${r.status}: ${r.text.slice(0, 300)}`);
          events += b.count;
        }
      }),
    );
    const secs = (performance.now() - t0) / 1000;
    console.log(
      `${name.padEnd(30)} ${String(events).padStart(8)} events ${secs.toFixed(2).padStart(7)} s ${Math.round(
        events / secs,
      )
        .toLocaleString('en-US')
        .padStart(9)} events/s`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await cleanup();
  }
}

const bodies = makeBodies();
const mb = bodies.reduce((a, b) => a + b.data.length, 0) / 1e6;
console.log(
  `server ingest: ${EVENTS} events x 20 features, batches of ${BATCH}, ${CLIENTS} keep-alive clients, ${mb.toFixed(1)} MB${args.gzip ? ' gzip' : ''}, node ${process.version}`,
);
for (const sync of ['full', 'normal']) {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  await run(
    `sqlite (WAL, sync ${sync})`,
    { VIGIL_DB: join(dir, 'vigil.db'), VIGIL_SQLITE_SYNC: sync, DATABASE_URL: '' },
    bodies,
    async () => rmSync(dir, { recursive: true, force: true }),
  );
}
if (!args['no-postgres']) {
  const schema = `vigil_bench_${randomBytes(4).toString('hex')}`;
  await run('postgres', { DATABASE_URL: PG_URL, VIGIL_PG_SCHEMA: schema }, bodies, async () => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  });
}
agent.destroy();
