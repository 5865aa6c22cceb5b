// The HTML report of a gated run: one self-contained file (inline CSS, no script, nothing loaded
// from outside) with the verdict, the summary, the baseline diff, pass rates per category and every
// case with its repeats and assertions. Every user string is escaped.
import { CATEGORIES } from '../golden/types.js';
import type { CaseResult } from '../run/types.js';
import type { GatedRun } from './run-file.js';

/** escapeHtml makes text safe as element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

const e = escapeHtml;
const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

const STYLE = `
:root { color-scheme: light dark; --bg: #fff; --fg: #1b1f24; --muted: #5a6470; --line: #d8dde3; --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --bar: #e7ebef; }
@media (prefers-color-scheme: dark) { :root { --bg: #0d1117; --fg: #e6edf3; --muted: #8d96a0; --line: #30363d; --ok: #3fb950; --bad: #f85149; --warn: #d29922; --bar: #21262d; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.45 system-ui, sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 28px 0 8px; }
.muted { color: var(--muted); } .ok { color: var(--ok); } .bad { color: var(--bad); } .warn { color: var(--warn); }
.verdict { display: inline-block; padding: 2px 10px; border-radius: 4px; color: #fff; font-weight: 600; }
.verdict.ok { background: var(--ok); } .verdict.bad { background: var(--bad); }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 16px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; min-width: 150px; }
.card strong { display: block; font-size: 20px; }
table { width: 100%; border-collapse: collapse; } th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); }
td.num { font-variant-numeric: tabular-nums; }
details summary { cursor: pointer; } pre { white-space: pre-wrap; word-break: break-word; margin: 4px 0; font-size: 12px; }
ul { margin: 4px 0; padding-left: 20px; }
svg.bar rect.track { fill: var(--bar); } svg.bar rect.fill { fill: var(--ok); }
`;

function bar(share: number): string {
  const w = Math.round(120 * Math.max(0, Math.min(1, share)));
  return `<svg class="bar" width="120" height="10" role="img" aria-label="${pct(share)}"><rect class="track" width="120" height="10" rx="2"></rect><rect class="fill" width="${w}" height="10" rx="2"></rect></svg>`;
}

function caseRow(c: CaseResult): string {
  const status = !c.counted
    ? '<span class="muted">known failure</span>'
    : c.pass
      ? '<span class="ok">pass</span>'
      : '<span class="bad">fail</span>';
  const repeats = c.repeats
    .map((r, i) => {
      const asserts = r.assertions
        .map(
          (a) =>
            `<li class="${a.pass ? 'ok' : 'bad'}">${e(a.type)} (w ${a.weight}): ${a.score.toFixed(3)}: ${e(a.reason)}</li>`,
        )
        .join('');
      return `<p><strong>repeat ${i + 1}</strong>: ${r.pass ? 'pass' : 'fail'}, score ${r.score.toFixed(3)}, ${Math.round(r.latencyMs)} ms</p><pre>${e(r.output)}</pre><ul>${asserts}</ul>`;
    })
    .join('');
  return `<tr id="case-${e(c.id)}"><td><details><summary>${e(c.id)}</summary>${repeats}</details></td><td>${e(c.category)}</td><td>${e(c.tags.join(', '))}</td><td>${status}${c.flaky ? ' <span class="warn">flaky</span>' : ''}</td><td class="num">${c.score.toFixed(3)}</td><td class="num">${c.passes}/${c.repeats.length}</td></tr>`;
}

/** renderHtml renders a gated run as a self-contained HTML page. */
export function renderHtml(run: GatedRun): string {
  const s = run.summary;
  const g = run.gate;
  const on = run.classic ? `holdout ${run.set.name}` : `${run.set.name} v${run.set.version}`;
  const title = `${run.target.name} ${run.target.version} on ${on}`;
  const parts: string[] = [];
  parts.push(
    `<header><h1>${e(title)}</h1><span class="verdict ${g.pass ? 'ok' : 'bad'}">${g.pass ? 'PASS' : 'FAIL'}</span> <span class="muted">${e(run.startedAt)} · run ${e(run.id)} · set ${e(run.set.hash.slice(0, 19))}</span></header>`,
  );
  parts.push('<section class="cards">');
  parts.push(
    `<div class="card"><span class="muted">pass rate</span><strong>${pct(s.passRate)}</strong>${s.passed}/${s.counted} (threshold ${pct(g.minPassRate)})</div>`,
  );
  parts.push(
    `<div class="card"><span class="muted">repeats</span><strong>${run.repeats}</strong>${s.flaky} flaky case(s)</div>`,
  );
  if (s.meanLatencyMs !== null)
    parts.push(
      `<div class="card"><span class="muted">mean latency</span><strong>${s.meanLatencyMs.toFixed(0)} ms</strong>${(run.durationMs / 1000).toFixed(1)} s in total</div>`,
    );
  if (s.totalCostUsd !== null)
    parts.push(
      `<div class="card"><span class="muted">cost</span><strong>$${s.totalCostUsd.toFixed(4)}</strong>all repeats</div>`,
    );
  if (run.classic) {
    const k = run.classic;
    parts.push(
      `<div class="card"><span class="muted">holdout accuracy</span><strong>${pct(k.candidate.accuracy)}</strong>production ${pct(k.production.accuracy)}, drop ${pct(k.accuracyDrop)} (allowed ${pct(k.maxAccuracyDrop)})</div>`,
    );
  }
  parts.push('</section>');
  if (g.reasons.length > 0)
    parts.push(
      `<h2>Why the gate failed</h2><ul>${g.reasons.map((r) => `<li class="bad">${e(r)}</li>`).join('')}</ul>`,
    );
  if (g.diff) {
    const d = g.diff;
    const list = (ids: readonly string[]) =>
      ids.length === 0
        ? '<span class="muted">none</span>'
        : ids.map((id) => `<code>${e(id)}</code>`).join(', ');
    parts.push(
      `<h2>Against baseline ${e(d.baselineVersion)}</h2><p>${d.compared} cases compared${d.setChanged ? ' (the set changed since the baseline)' : ''}.</p><ul><li>newly failing: ${list(d.newlyFailing)}</li><li>newly passing: ${list(d.newlyPassing)}</li><li>new cases: ${list(d.onlyInRun)}</li><li>dropped cases: ${list(d.onlyInBaseline)}</li></ul>`,
    );
  }
  if (g.test) {
    const t = g.test;
    parts.push(
      `<p>Pass-rate change vs ${e(t.comparison)}: <strong>${t.passRateChange >= 0 ? '+' : ''}${pct(t.passRateChange)}</strong>${t.interval ? ` (95 % bootstrap interval ${pct(t.interval[0])} to ${pct(t.interval[1])})` : ''}; McNemar ${t.method === 'mcnemar-exact' ? 'exact' : 'χ²'} p = ${t.pValue.toPrecision(3)} (${t.b} regressed, ${t.c} fixed).</p>`,
    );
  }
  const rows = CATEGORIES.map((cat) => {
    const cs = run.cases.filter((c) => c.category === cat);
    if (cs.length === 0) return '';
    const passed = cs.filter((c) => c.pass).length;
    return `<tr><td>${cat}</td><td class="num">${cs.length}</td><td class="num">${passed}</td><td>${bar(passed / cs.length)} ${pct(passed / cs.length)}</td></tr>`;
  }).join('');
  parts.push(
    `<h2>By category</h2><table><thead><tr><th>category</th><th>cases</th><th>passed</th><th>share</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
  const ordered = [...run.cases].sort(
    (a, b) => Number(a.pass) - Number(b.pass) || Number(b.counted) - Number(a.counted),
  );
  parts.push(
    `<h2>Cases</h2><table><thead><tr><th>case</th><th>category</th><th>tags</th><th>verdict</th><th>score</th><th>repeats passed</th></tr></thead><tbody>${ordered.map(caseRow).join('')}</tbody></table>`,
  );
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(`Vigil regress: ${title}`)}</title><style>${STYLE}</style></head><body><main>${parts.join('\n')}<footer class="muted"><p>Generated by vigil regress.</p></footer></main></body></html>\n`;
}
