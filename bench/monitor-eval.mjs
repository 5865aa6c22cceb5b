#!/usr/bin/env node
// Monitor evaluation benchmark (issue 4): a data-drift monitor over 100 numerical features, on a
// window of 1,000,000 prediction events, evaluated from profiles the way the scheduler does it.
// A baseline is profiled from generated reference rows (numericProfileFromReference, as
// `vigil baseline create` does from a file) and stored with createBaseline, activated before the
// events arrive so every hourly window profile shares its histogram edges. The events (one UTC day,
// 24 hourly windows) go in through Store.appendEvents in batches. Each evaluation then runs the
// scheduler's own input gathering (gatherInputs: model, baseline profiles, hourly window profiles
// merged per column) and engine's evaluateMonitor, median of --runs. For contrast, core's driftTest
// computes the same PSI / KS from the raw values held in memory (reading them back is not counted).
// Usage: npm run build && node bench/monitor-eval.mjs [--events 1000000] [--features 100]
//          [--reference 100000] [--batch 1000] [--runs 5] [--postgres] [--no-raw]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  DEFAULT_DRIFT_THRESHOLDS,
  modelSpecSchema,
  monitorDefinitionSchema,
} from '../packages/contracts/dist/index.js';
import {
  driftTest,
  numericProfileFromReference,
  profileToBytes,
} from '../packages/core/dist/index.js';
import { evaluateMonitor, evaluationWindow } from '../packages/engine/dist/index.js';
import { gatherInputs } from '../packages/server/dist/index.js';
import { openPostgresStore, openSqliteStore } from '../packages/store/dist/index.js';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    features: { type: 'string', default: '100' },
    reference: { type: 'string', default: '100000' },
    batch: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '5' },
    postgres: { type: 'boolean', default: false },
    'no-raw': { type: 'boolean', default: false },
  },
});
const EVENTS = Number(args.events);
const FEATURES = Number(args.features);
const REFERENCE = Number(args.reference);
const BATCH = Number(args.batch);
const RUNS = Number(args.runs);
const URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PROJECT = 'bench';
const MODEL = 'bench';
const DAY = 86_400_000;
/** DAY0 starts the evaluated UTC day; events spread evenly over it (24 hourly windows). */
const DAY0 = Date.UTC(2024, 0, 1);
const NAMES = Array.from({ length: FEATURES }, (_, f) => `f_${String(f).padStart(3, '0')}`);

// Feature f is ~normal (Irwin-Hall of 4 uniforms, rescaled to unit variance) with mean f and
// scale 1 + f mod 7. In the current window every tenth feature is shifted by half a std and every
// tenth from 5 on is 25 % wider, so 20 % of the features drift and the rest do not.
const SQRT3 = Math.sqrt(3);
function streams(seed, current) {
  const state = new Uint32Array(FEATURES);
  for (let f = 0; f < FEATURES; f++) state[f] = (Math.imul(f + 1, 0x9e3779b1) ^ seed) >>> 0 || 1;
  /** fill writes the next `count` values of feature f's own stream into out[0..count). */
  function fill(f, out, count) {
    let s = state[f];
    const mean = f;
    let scale = 1 + (f % 7);
    let shift = 0;
    if (current && f % 10 === 0) shift = 0.5 * scale;
    if (current && f % 10 === 5) scale *= 1.25;
    for (let i = 0; i < count; i++) {
      let u = 0;
      for (let k = 0; k < 4; k++) {
        s ^= s << 13;
        s ^= s >>> 17;
        s ^= s << 5;
        u += (s >>> 0) / 4294967296;
      }
      const x = mean + shift + scale * (u - 2) * SQRT3;
      out[i] = Math.round(x * 1e4) / 1e4;
    }
    state[f] = s;
  }
  return { fill };
}
const REFERENCE_SEED = 0x5eed0001;
const CURRENT_SEED = 0x5eed0002;

function referenceColumns() {
  const gen = streams(REFERENCE_SEED, false);
  const values = new Float64Array(REFERENCE);
  const columns = [];
  for (let f = 0; f < FEATURES; f++) {
    gen.fill(f, values, REFERENCE);
    const p = numericProfileFromReference(values);
    if (!p.ok) throw new Error(`reference ${NAMES[f]}: ${p.error.message}`);
    columns.push({ role: 'feature', name: NAMES[f], profile: p.value });
  }
  return columns;
}

function* eventBatches() {
  const gen = streams(CURRENT_SEED, true);
  const cols = NAMES.map(() => new Float64Array(BATCH));
  let p = 0x2545f491;
  for (let start = 0; start < EVENTS; start += BATCH) {
    const count = Math.min(BATCH, EVENTS - start);
    for (let f = 0; f < FEATURES; f++) gen.fill(f, cols[f], count);
    const batch = new Array(count);
    for (let i = 0; i < count; i++) {
      const n = start + i;
      const features = {};
      for (let f = 0; f < FEATURES; f++) features[NAMES[f]] = cols[f][i];
      p ^= p << 13;
      p ^= p >>> 17;
      p ^= p << 5;
      batch[i] = {
        type: 'prediction',
        event_id: `e${n}`,
        model: MODEL,
        time: DAY0 + Math.floor((n * DAY) / EVENTS),
        features,
        prediction: (p >>> 0) / 4294967296,
      };
    }
    yield batch;
  }
}

function monitor(method) {
  return monitorDefinitionSchema.parse({
    apiVersion: 'vigil/v1',
    kind: 'Monitor',
    metadata: { name: `drift-${method}` },
    spec: { type: 'data_drift', model: MODEL, window: { kind: 'daily' }, cadence: '1d', method },
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => x.toFixed(x < 10 ? 2 : 1);
const int = (x) => Math.round(x).toLocaleString('en-US');
const profileBytes = (rows) => rows.reduce((n, r) => n + profileToBytes(r.profile).byteLength, 0);
const driftedOf = (ev) => ev.checks.filter((c) => c.breach === true).length;

async function run(name, store) {
  await store.migrate();
  await store.createProject({ id: PROJECT, name: 'Bench' });
  await store.upsertModel(
    PROJECT,
    modelSpecSchema.parse({
      name: MODEL,
      task: 'regression',
      features: NAMES.map((n) => ({ name: n, kind: 'numerical' })),
    }),
  );
  const baseline = await store.createBaseline(
    PROJECT,
    {
      name: 'reference',
      model: MODEL,
      source: { kind: 'file', path: 'generated' },
      row_count: REFERENCE,
    },
    referenceColumns(),
    { activate: true },
  );
  for (const method of ['psi', 'ks']) await store.upsertMonitor(PROJECT, monitor(method));

  let ingestMs = 0;
  for (const b of eventBatches()) {
    const t = performance.now();
    await store.appendEvents(PROJECT, b);
    ingestMs += performance.now() - t;
  }
  const count = await store.countEvents(PROJECT, {
    type: 'prediction',
    range: { fromMs: DAY0, toMs: DAY0 + DAY },
  });
  if (count !== EVENTS) throw new Error(`${name}: stored ${count} of ${EVENTS} events`);
  console.log(`${name}`);
  console.log(
    `  ingest      ${int(EVENTS)} events x ${FEATURES} features in ${(ingestMs / 1000).toFixed(1)} s (append time only, generation excluded): ${int(EVENTS / (ingestMs / 1000))} events/s, batches of ${BATCH}`,
  );

  // The scheduler evaluates a daily monitor at a slot in the next day, on the day before it.
  const slotAt = DAY0 + DAY + 60_000;
  const window = evaluationWindow({ kind: 'daily' }, slotAt);
  const windowRows = await store.queryWindowProfiles(PROJECT, {
    model: MODEL,
    range: { fromMs: window.startMs, toMs: window.endMs },
    windowKind: 'hour',
  });
  const features = windowRows.filter((r) => r.role === 'feature');
  const own = features.filter((r) => r.layout === baseline.id).length;
  const baselineRows = await store.getBaselineProfiles(PROJECT, baseline.id);
  console.log(
    `  read        ${int(windowRows.length)} window profiles (${int(features.length)} feature, ${own} on the baseline's edges), ${int(profileBytes(windowRows))} bytes; baseline ${baselineRows.length} profiles, ${int(profileBytes(baselineRows))} bytes`,
  );

  const results = {};
  for (const m of await store.listAllMonitors()) {
    const def = m.definition;
    const gather = [];
    const evaluate = [];
    const total = [];
    let ev = null;
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      const g = await gatherInputs(store, m.projectId, def, slotAt);
      const t1 = performance.now();
      if (g.kind !== 'input') throw new Error(`${def.metadata.name}: ${g.evaluation.message}`);
      ev = evaluateMonitor(def, g.input);
      const t2 = performance.now();
      gather.push(t1 - t0);
      evaluate.push(t2 - t1);
      total.push(t2 - t0);
    }
    const method = def.spec.method;
    results[method] = median(total);
    console.log(
      `  eval ${method.padEnd(4)}   ${ms(median(total)).padStart(7)} ms median of ${RUNS} (min ${ms(Math.min(...total))}, max ${ms(Math.max(...total))}): gather ${ms(median(gather))} ms + evaluate ${ms(median(evaluate))} ms; status ${ev.status}, ${driftedOf(ev)}/${ev.checks.length} features drifted, n = ${int(ev.checks[0]?.sampleSize ?? 0)}`,
    );
  }
  await store.close();
  return results;
}

// Raw-row contrast: per feature, driftTest over the reference rows and the window's 1M values,
// with the monitor's default thresholds (PSI 0.2, KS p 0.01), each method timed RUNS times; a
// run's total is its sum over features, reported as the median. driftTest bins PSI its own way
// (not on the baseline's edges), so its drifted count may differ from the profile monitor's.
function rawContrast() {
  const ref = streams(REFERENCE_SEED, false);
  const cur = streams(CURRENT_SEED, true);
  const r = new Float64Array(REFERENCE);
  const c = new Float64Array(EVENTS);
  const totals = { psi: new Float64Array(RUNS), ks: new Float64Array(RUNS) };
  const drifted = { psi: 0, ks: 0 };
  for (let f = 0; f < FEATURES; f++) {
    ref.fill(f, r, REFERENCE);
    cur.fill(f, c, EVENTS);
    for (const method of ['psi', 'ks']) {
      for (let k = 0; k < RUNS; k++) {
        const t = performance.now();
        const d = driftTest(
          { kind: 'numerical', values: r },
          { kind: 'numerical', values: c },
          { method, threshold: DEFAULT_DRIFT_THRESHOLDS[method] },
        );
        totals[method][k] += performance.now() - t;
        if (!d.ok) throw new Error(`raw ${method} ${NAMES[f]}: ${d.error.message}`);
        if (k === 0 && d.value.drifted) drifted[method]++;
      }
    }
  }
  console.log(
    `raw rows (core driftTest over ${int(EVENTS)} x ${FEATURES} current values and ${int(REFERENCE)} x ${FEATURES} reference values in memory, ${int((EVENTS * FEATURES * 8) / 1e6)} MB as Float64; reading rows back not counted)`,
  );
  for (const method of ['psi', 'ks']) {
    const t = totals[method];
    console.log(
      `  ${method.padEnd(4)}   ${ms(median(t)).padStart(9)} ms median of ${RUNS} (min ${ms(Math.min(...t))}, max ${ms(Math.max(...t))}); ${drifted[method]}/${FEATURES} features drifted`,
    );
  }
}

console.log(
  `monitor evaluation: ${int(EVENTS)} events x ${FEATURES} numerical features over one UTC day (24 hourly windows), reference ${int(REFERENCE)} rows, node ${process.version}`,
);
const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
try {
  await run('sqlite (WAL, sync full)', openSqliteStore(join(dir, 'vigil.db')));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (args.postgres) {
  const schema = `vigil_bench_eval_${process.pid}`;
  try {
    await run('postgres', openPostgresStore({ connectionString: URL, schema }));
  } finally {
    const c = new pg.Client({ connectionString: URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  }
}
if (!args['no-raw']) rawContrast();
