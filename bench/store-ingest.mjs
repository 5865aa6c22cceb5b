#!/usr/bin/env node
// Store ingest benchmark (issue 4): prediction events with 20 features (15 numerical, 5
// categorical) appended in batches of 500 through the Store port, into SQLite (WAL, synchronous
// FULL and NORMAL) and into PostgreSQL at DATABASE_URL (a temporary schema, dropped after). Each
// append commits events and merges the hour-window profiles, as the server will.
// Usage: npx tsc -b && node bench/store-ingest.mjs [--events 200000] [--batch 500] [--no-postgres]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openPostgresStore, openSqliteStore } from '../packages/store/dist/index.js';
import { predictionBatches, T0 } from './events.mjs';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '200000' },
    batch: { type: 'string', default: '500' },
    'no-postgres': { type: 'boolean', default: false },
  },
});
const EVENTS = Number(args.events);
const BATCH = Number(args.batch);
const URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
async function run(name, store) {
  await store.migrate();
  await store.createProject({ id: 'bench', name: 'Bench' });
  const batches = predictionBatches(EVENTS, BATCH);
  const t = performance.now();
  for (const b of batches) await store.appendEvents('bench', b);
  const seconds = (performance.now() - t) / 1000;
  const count = await store.countEvents('bench', {
    type: 'prediction',
    range: { fromMs: T0, toMs: T0 + EVENTS },
  });
  if (count !== EVENTS) throw new Error(`${name}: stored ${count} of ${EVENTS} events`);
  await store.close();
  const rate = EVENTS / seconds;
  console.log(
    `${name.padEnd(28)} ${String(EVENTS).padStart(8)} events  ${seconds.toFixed(2).padStart(7)} s  ${Math.round(rate).toLocaleString('en-US').padStart(8)} events/s`,
  );
  return rate;
}

console.log(
  `store ingest: ${EVENTS} events x 20 features, batches of ${BATCH}, node ${process.version}`,
);
for (const synchronous of ['full', 'normal']) {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  try {
    await run(
      `sqlite (WAL, sync ${synchronous})`,
      openSqliteStore(join(dir, 'vigil.db'), { synchronous }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (!args['no-postgres']) {
  const schema = `vigil_bench_${process.pid}`;
  try {
    await run('postgres', openPostgresStore({ connectionString: URL, schema }));
  } finally {
    const c = new pg.Client({ connectionString: URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  }
}
