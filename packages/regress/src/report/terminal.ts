// The terminal summary of a gated run: verdict, pass rate, flaky cases, the baseline diff and the
// failing cases with their first failed assertion.
import type { GatedRun } from './run-file.js';

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

/** renderTerminal renders a gated run as plain text (no colour codes), at most ~40 lines. */
export function renderTerminal(run: GatedRun): string {
  const s = run.summary;
  const g = run.gate;
  const lines: string[] = [];
  lines.push(
    `${g.pass ? 'PASS' : 'FAIL'}  ${run.target.name} ${run.target.version} on ${run.classic ? `holdout ${run.set.name}` : `${run.set.name} v${run.set.version}`}`,
  );
  if (run.classic) {
    const k = run.classic;
    lines.push(
      `  holdout ${k.rows} rows: accuracy ${pct(k.candidate.accuracy)} (production ${pct(k.production.accuracy)}, drop ${pct(k.accuracyDrop)}, allowed ${pct(k.maxAccuracyDrop)}); macro F1 ${k.candidate.f1Macro.toFixed(3)} (production ${k.production.f1Macro.toFixed(3)})`,
    );
  } else {
    lines.push(
      `  pass rate ${pct(s.passRate)} (${s.passed}/${s.counted}), threshold ${pct(g.minPassRate)}; ${run.repeats} repeat${run.repeats === 1 ? '' : 's'} per case, ${s.flaky} flaky`,
    );
  }
  if (s.total > s.counted)
    lines.push(
      `  ${s.total - s.counted} known-failure case(s) not counted${s.knownFailuresPassing.length > 0 ? `; now passing: ${s.knownFailuresPassing.join(', ')}` : ''}`,
    );
  if (s.meanLatencyMs !== null && !run.classic) {
    lines.push(
      `  mean latency ${s.meanLatencyMs.toFixed(0)} ms${s.totalCostUsd === null ? '' : `, cost $${s.totalCostUsd.toFixed(4)}`}, ${(run.durationMs / 1000).toFixed(1)} s`,
    );
  }
  if (g.diff) {
    const d = g.diff;
    lines.push(
      `  baseline ${d.baselineVersion} (${d.compared} cases compared${d.setChanged ? ', set changed since' : ''}): ${d.newlyFailing.length} newly failing, ${d.newlyPassing.length} newly passing`,
    );
    if (d.newlyFailing.length > 0) lines.push(`    newly failing: ${d.newlyFailing.join(', ')}`);
    if (d.newlyPassing.length > 0) lines.push(`    newly passing: ${d.newlyPassing.join(', ')}`);
  }
  if (g.test) {
    const t = g.test;
    const ci = t.interval ? `, 95 % CI [${pct(t.interval[0])}, ${pct(t.interval[1])}]` : '';
    lines.push(
      `  vs ${t.comparison}: change ${t.passRateChange >= 0 ? '+' : ''}${pct(t.passRateChange)}${ci}, McNemar p = ${t.pValue.toPrecision(3)} (b=${t.b}, c=${t.c})`,
    );
  }
  const failing = run.cases.filter((c) => c.counted && !c.pass);
  for (const c of failing.slice(0, 15)) {
    const first = c.repeats.find((r) => !r.pass)?.assertions.find((a) => !a.pass);
    lines.push(
      `  ✗ ${c.id} [${c.category}] ${c.passes}/${c.repeats.length} repeats passed${first ? `: ${first.type}: ${first.reason}` : ''}`,
    );
  }
  if (failing.length > 15) lines.push(`  … and ${failing.length - 15} more failing cases`);
  for (const r of g.reasons) lines.push(`  gate: ${r}`);
  return `${lines.join('\n')}\n`;
}
