#!/usr/bin/env node
// Core benchmark (issue 2): KS, PSI, Jensen-Shannon and Wasserstein on 1,000,000 vs 1,000,000 doubles,
// a profile of 1,000,000 rows x 10 columns, and merging 1,000 profiles. When Debian's python3-scipy is
// present the same computations run in numpy/scipy on the same data in the same run, and the ratio is
// printed. Usage: npm run build && npm run bench [-- --rows 1000000 --repeats 5]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as core from '../packages/core/dist/index.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    repeats: { type: 'string', default: '5' },
    python: { type: 'string', default: '/usr/bin/python3' },
  },
});
const ROWS = Number(args.rows);
const REPEATS = Number(args.repeats);
const COLS = 10;

// Seeded normal generator (xorshift + Box-Muller): same data on every run.
function gaussian(seed) {
  let s = seed >>> 0 || 1;
  const u = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}
function sample(n, seed, f) {
  const g = gaussian(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(g());
  return out;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function time(fn, repeats = REPEATS) {
  const times = [];
  let last;
  for (let i = 0; i < repeats; i++) {
    const t0 = process.hrtime.bigint();
    last = fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { ms: median(times), last };
}
function unwrap(r, what) {
  if (!r.ok) throw new Error(`${what}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

const reference = sample(ROWS, 1, (z) => z);
const current = sample(ROWS, 2, (z) => 0.05 + 1.02 * z);
// Ten columns of mixed shapes: normal, lognormal, integer counts, with 1 % missing in some.
const table = Array.from({ length: COLS }, (_, c) =>
  sample(ROWS, 100 + c, (z) => {
    if (c % 3 === 0) return z * (c + 1);
    if (c % 3 === 1) return Math.exp(z / 2);
    return Math.round(10 + 3 * z);
  }),
);
for (let c = 0; c < COLS; c += 4) for (let i = 0; i < ROWS; i += 100) table[c][i] = Number.NaN;

const results = {};
const ref = { kind: 'numerical', values: reference };
const cur = { kind: 'numerical', values: current };
for (const method of ['ks', 'psi', 'jensenshannon', 'wasserstein']) {
  const t = time(() => unwrap(core.driftTest(ref, cur, { method }), method));
  results[method] = { ms: t.ms, score: t.last.score };
}

// Profiles: build 10 columns of ROWS values, then merge 1,000 partial profiles.
// A profile from scratch: edges from the column's range (Sturges), moments, histogram, DDSketch, HLL.
const tProfile = time(
  () => table.map((col) => unwrap(core.numericProfileFromReference(col), 'profile')),
  Math.max(1, Math.floor(REPEATS / 2)),
);
results.profile = { ms: tProfile.ms, valuesPerSecond: (ROWS * COLS) / (tProfile.ms / 1000) };
const partSize = Math.floor(ROWS / 1000);
const baseline = tProfile.last[0];
const parts = [];
for (let i = 0; i < 1000; i++) {
  const part = core.createProfileLike(baseline);
  core.updateNumeric(part, table[0].subarray(i * partSize, (i + 1) * partSize));
  parts.push(part);
}
const tMerge = time(() => unwrap(core.mergeAllProfiles(parts), 'merge'));
results.merge1000 = { ms: tMerge.ms };
results.profileBytes = core.profileToBytes(tMerge.last).length;

// Baseline: numpy/scipy on the very same bytes.
let scipy = null;
if (existsSync(args.python)) {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  try {
    const f64 = (a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    writeFileSync(join(dir, 'ref.f64'), f64(reference));
    writeFileSync(join(dir, 'cur.f64'), f64(current));
    writeFileSync(join(dir, 'table.f64'), Buffer.concat(table.map(f64)));
    const out = execFileSync(args.python, [
      new URL('./baseline.py', import.meta.url).pathname,
      join(dir, 'ref.f64'),
      join(dir, 'cur.f64'),
      join(dir, 'table.f64'),
      String(ROWS),
      String(COLS),
      String(REPEATS),
    ]);
    scipy = JSON.parse(out.toString());
  } catch (e) {
    console.error(`baseline skipped: ${e.message.split('\n')[0]}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
console.log(
  `vigil core benchmark: ${ROWS.toLocaleString('en')} rows, median of ${REPEATS} runs, node ${process.version}`,
);
console.log('| computation | vigil ms | numpy/scipy ms | speed-up |');
console.log('|---|---:|---:|---:|');
for (const key of ['ks', 'psi', 'jensenshannon', 'wasserstein', 'profile']) {
  const label =
    key === 'profile'
      ? `profile ${ROWS.toLocaleString('en')} x ${COLS}`
      : `${key} ${ROWS.toLocaleString('en')} vs ${ROWS.toLocaleString('en')}`;
  const b = scipy?.[key];
  console.log(
    `| ${label} | ${fmt(results[key].ms)} | ${b ? fmt(b) : 'n/a'} | ${b ? `${(b / results[key].ms).toFixed(2)}x` : 'n/a'} |`,
  );
}
console.log(`| merge 1,000 profiles | ${fmt(results.merge1000.ms)} | n/a | n/a |`);
console.log('');
console.log(
  `profile build rate: ${(results.profile.valuesPerSecond / 1e6).toFixed(1)} million values/s (one core)`,
);
console.log(`merged profile size: ${results.profileBytes} bytes`);
for (const k of ['ks', 'psi', 'jensenshannon', 'wasserstein']) {
  const theirs = scipy?.scores?.[k];
  const same = theirs === undefined ? '' : ` scipy=${theirs.toPrecision(10)}`;
  console.log(`score ${k}: vigil=${results[k].score.toPrecision(10)}${same}`);
}
