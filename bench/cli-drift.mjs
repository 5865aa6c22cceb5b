#!/usr/bin/env node
// cli-drift times `vigil drift` on the two benchmarks of issue 3 with /usr/bin/time -v (wall clock,
// CPU, peak RSS): flights-3m.parquet January vs June 2001 with an hour-of-day column, and the
// synthetic 1,000,000 x 100 numerical CSV pair (generated on first use by gen-synthetic-csv.mjs).
// With --baseline it also runs the numpy/scipy baseline on the synthetic pair.
// Usage: npx tsc -b && node bench/cli-drift.mjs [--dir /tmp/vigil-bench] [--baseline]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const dir = args.includes('--dir') ? args[args.indexOf('--dir') + 1] : '/tmp/vigil-bench';
const vigil = `${root}packages/cli/bin/vigil.js`;

function timed(label, command, commandArgs) {
  const r = spawnSync('/usr/bin/time', ['-v', command, ...commandArgs], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0 && r.status !== 1) {
    console.error(r.stderr);
    throw new Error(`${label} failed with exit code ${r.status}`);
  }
  const field = (name) => r.stderr.match(new RegExp(`${name}: (.*)`))?.[1].trim();
  const [m, s] = (field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)') ?? '0:0')
    .split(':')
    .map(Number);
  const wall = m * 60 + s;
  const rssMb = Number(field('Maximum resident set size \\(kbytes\\)')) / 1024;
  const cpu = Number(field('User time \\(seconds\\)')) + Number(field('System time \\(seconds\\)'));
  console.log(
    `${label.padEnd(48)} wall ${wall.toFixed(2).padStart(6)} s  cpu ${cpu.toFixed(2).padStart(6)} s  peak RSS ${rssMb.toFixed(0).padStart(5)} MB`,
  );
  return r.stdout;
}

const flights = [
  'drift',
  'node_modules/vega-datasets/data/flights-3m.parquet',
  '--time-column',
  'date',
  '--reference-range',
  '2001-01-01..2001-02-01',
  '--current-range',
  '2001-06-01..2001-07-01',
  '--derive',
  'hour:date',
  '--format',
  'json',
];
timed('flights-3m.parquet Jan vs Jun + hour', 'node', [vigil, ...flights]);

if (!existsSync(`${dir}/reference.csv`) || !existsSync(`${dir}/current.csv`)) {
  console.log(`generating the synthetic pair in ${dir} (about 2 minutes, 1.5 GB)`);
  spawnSync('node', [`${root}bench/gen-synthetic-csv.mjs`, dir], { stdio: 'inherit' });
}
timed('synthetic 1M x 100 CSV (vigil)', 'node', [
  vigil,
  'drift',
  `${dir}/reference.csv`,
  `${dir}/current.csv`,
  '--format',
  'json',
]);
if (args.includes('--baseline')) {
  const out = timed('synthetic 1M x 100 CSV (numpy/scipy baseline)', '/usr/bin/python3', [
    `${root}bench/baseline-synthetic.py`,
    dir,
  ]);
  process.stdout.write(out.replace(/^/gm, '    '));
}
