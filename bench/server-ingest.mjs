#!/usr/bin/env node
// Server ingest benchmark (issue 4): prediction events with 20 features (15 numerical, 5
// categorical) in batches of 500, sent over loopback HTTP by several concurrent keep-alive
// clients to a Vigil server running in its own process, into SQLite (a temp file; synchronous
// FULL, the default, and NORMAL) and into PostgreSQL at DATABASE_URL (a temporary schema). Each
// request is parsed, validated event by event, appended and profiled before its 2xx.
// Usage: npx tsc -b && node bench/server-ingest.mjs [--events 200000] [--batch 500]
//        [--clients 4] [--gzip] [--no-postgres]
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { predictionBatches } from './events.mjs';
import {
  agent,
  benchProject,
  send,
  startChild,
  stopChild,
  withPostgres,
  withSqlite,
} from './server-child.mjs';

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

/** Pre-serialised request bodies, so the load generator spends its time sending, not building. */
function makeBodies() {
  const bodies = [];
  for (const events of predictionBatches(EVENTS, BATCH)) {
    const json = Buffer.from(JSON.stringify({ events }));
    bodies.push({ count: events.length, data: args.gzip ? gzipSync(json) : json });
  }
  return bodies;
}

async function run(name, env, bodies) {
  const { child, url } = await startChild(env);
  try {
    const key = await benchProject(url);
    const features = [
      ...Array.from({ length: 15 }, (_, f) => ({ name: `num_${f}`, kind: 'numerical' })),
      ...Array.from({ length: 5 }, (_, f) => ({ name: `cat_${f}`, kind: 'categorical' })),
    ];
    await send(url, 'POST', '/v1/models', JSON.stringify({ name: 'bench', features }), {
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
          const r = await send(url, 'POST', '/v1/ingest', b.data, headers);
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
    await stopChild(child);
  }
}

const bodies = makeBodies();
const mb = bodies.reduce((a, b) => a + b.data.length, 0) / 1e6;
console.log(
  `server ingest: ${EVENTS} events x 20 features, batches of ${BATCH}, ${CLIENTS} keep-alive clients, ${mb.toFixed(1)} MB${args.gzip ? ' gzip' : ''}, node ${process.version}`,
);
for (const sync of ['full', 'normal'])
  await withSqlite(sync, (env) => run(`sqlite (WAL, sync ${sync})`, env, bodies));
if (!args['no-postgres']) await withPostgres((env) => run('postgres', env, bodies));
agent.destroy();
