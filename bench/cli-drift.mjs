#!/usr/bin/env node
// cli-drift times `vigil drift` on the two benchmarks of issue 3 with /usr/bin/time -v (wall clock,
// CPU, peak RSS): flights-3m.parquet January vs June 2001 with an hour-of-day column, then the
// numpy/scipy baseline of the same computation (bench/baseline-flights.py on a float64/text dump
// made by Vigil's reader, since Debian's python has no pyarrow: its read time is the dump's, not
// Parquet's, and is printed apart), with both sets of scores side by side; then the synthetic
// 1,000,000 x 100 numerical CSV pair (generated on first use by gen-synthetic-csv.mjs) with the
// exact and the sketch engine. With --baseline it also runs the numpy/scipy baseline on the
// synthetic pair (np.loadtxt: several minutes).
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
const vigilFlights = JSON.parse(
  timed('flights-3m.parquet Jan vs Jun + hour', 'node', [vigil, ...flights]),
);

// The baseline: dump the two months with Vigil's reader (not timed as part of either side), then
// numpy/scipy on the dump.
const dump = `${dir}/flights-dump`;
spawnSync('node', [`${root}bench/dump-flights.mjs`, dump], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = JSON.parse(
  timed('flights numpy/scipy baseline (from the dump)', '/usr/bin/python3', [
    `${root}bench/baseline-flights.py`,
    dump,
  ]),
);
const t = vigilFlights.timing_ms;
console.log(
  `    vigil:    read Parquet + split + derive ${(t.read / 1000).toFixed(2)} s, analysis ${(t.analyse / 1000).toFixed(2)} s, total ${(t.total / 1000).toFixed(2)} s (in-process timers)`,
);
console.log(
  `    baseline: read the float64/text dump ${base.read_s.toFixed(2)} s (no Parquet decoding), analysis ${base.analysis_s.toFixed(2)} s, total ${base.total_s.toFixed(2)} s`,
);
console.log(
  '    column         method          vigil score           numpy/scipy score     |diff|',
);
for (const c of vigilFlights.columns) {
  const b = base.columns[c.column];
  console.log(
    `    ${c.column.padEnd(14)} ${c.method.padEnd(15)} ${c.score.toPrecision(15).padEnd(21)} ${b ? b.score.toPrecision(15).padEnd(21) : '-'.padEnd(21)} ${b ? Math.abs(c.score - b.score).toExponential(1) : '-'}`,
  );
}

if (!existsSync(`${dir}/reference.csv`) || !existsSync(`${dir}/current.csv`)) {
  console.log(`generating the synthetic pair in ${dir} (about 2 minutes, 1.5 GB)`);
  spawnSync('node', [`${root}bench/gen-synthetic-csv.mjs`, dir], { stdio: 'inherit' });
}
for (const engine of ['exact', 'sketch']) {
  timed(`synthetic 1M x 100 CSV (vigil --engine ${engine})`, 'node', [
    vigil,
    'drift',
    `${dir}/reference.csv`,
    `${dir}/current.csv`,
    '--format',
    'json',
    '--engine',
    engine,
  ]);
}
if (args.includes('--baseline')) {
  const out = timed('synthetic 1M x 100 CSV (numpy/scipy baseline)', '/usr/bin/python3', [
    `${root}bench/baseline-synthetic.py`,
    dir,
  ]);
  process.stdout.write(out.replace(/^/gm, '    '));
}
