#!/usr/bin/env node
// sketch-vs-exact runs `vigil drift` on the synthetic CSV pair with --engine exact and --engine
// sketch for each method the sketch engine computes, and prints per method the largest
// |score_sketch − score_exact| over the columns, the largest error_bound the sketch reported, and
// how many drift decisions differ. Usage: npx tsc -b && node bench/sketch-vs-exact.mjs [DIR] [methods]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = process.argv[2] ?? '/tmp/vigil-bench';
const methods = (
  process.argv[3] ?? 'wasserstein,ks,psi,jensenshannon,kl_div,chisquare,t_test'
).split(',');
const vigil = `${root}packages/cli/bin/vigil.js`;

function run(engine, method) {
  const r = spawnSync(
    'node',
    [
      vigil,
      'drift',
      `${dir}/reference.csv`,
      `${dir}/current.csv`,
      '--format',
      'json',
      '--no-progress',
      '--engine',
      engine,
      '--method',
      method,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  if (r.status !== 0 && r.status !== 1) throw new Error(`${engine} ${method}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

console.log(
  'method          max |sketch - exact|   max error_bound   p-value err   decisions differ',
);
// Statistic errors are compared (for ks, D; for distances, the score itself).
for (const method of methods) {
  const exact = run('exact', method);
  const sketch = run('sketch', method);
  let maxErr = 0;
  let maxBound = 0;
  let maxP = 0;
  let differ = 0;
  let skipped = 0;
  exact.columns.forEach((e, i) => {
    const s = sketch.columns[i];
    if (s.error !== undefined) {
      skipped++;
      return;
    }
    maxErr = Math.max(maxErr, Math.abs((s.statistic ?? 0) - (e.statistic ?? 0)));
    if (e.p_value !== null) maxP = Math.max(maxP, Math.abs(s.p_value - e.p_value));
    if (s.error_bound !== null) maxBound = Math.max(maxBound, s.error_bound);
    if (s.drifted !== e.drifted) differ++;
  });
  console.log(
    `${method.padEnd(15)} ${maxErr.toExponential(2).padStart(20)}   ${maxBound.toExponential(2).padStart(15)}   ${maxP.toExponential(2).padStart(11)}   ${String(differ).padStart(4)} of ${exact.columns.length - skipped}${skipped > 0 ? ` (${skipped} columns not computed in sketch mode)` : ''}`,
  );
}
