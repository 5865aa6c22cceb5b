// Server-rendered summary header of the HTML report. It is bounded in size (independent of the
// column count) and readable without JavaScript, so the verdict shows even where scripts are off.

import { escapeHtml } from './html-escape.js';
import { formatCount, formatShare } from './html-format.js';
import type { DriftReport, Severity } from './types.js';

/** renderSummary renders the report header: title, dataset verdict, drift share and both sides. */
export function renderSummary(report: DriftReport, title: string): string {
  const { dataset } = report;
  const verdict = dataset.drifted
    ? '<span class="badge big-badge b-drift" id="summary-verdict">Dataset drift detected</span>'
    : '<span class="badge big-badge b-ok" id="summary-verdict">No dataset drift</span>';
  const cards = [
    card(
      'Drifted columns',
      `<span class="big" id="summary-drifted">${formatCount(dataset.drifted_columns)} / ${formatCount(dataset.columns)}</span>
       <span class="muted" id="summary-share">${formatShare(dataset.share)} drifted · threshold ${formatShare(dataset.threshold)}</span>
       ${shareMeter(dataset.share, dataset.threshold, dataset.drifted)}`,
    ),
    sideCard('Reference', 'ref', report.reference),
    sideCard('Current', 'cur', report.current),
    card('Data quality', qualityLine(report)),
  ];
  if (report.performance) {
    const perf = report.performance;
    cards.push(
      card(
        'Model performance',
        `${perf.concept_drift ? '<span class="badge b-drift">Concept drift</span>' : '<span class="badge b-ok">No concept drift</span>'}
         <span class="muted">${escapeHtml(perf.task)} · target <code>${escapeHtml(perf.target)}</code></span>`,
      ),
    );
  }
  const timing = report.timing_ms
    ? `<p class="muted">Read ${seconds(report.timing_ms.read)}, analysed ${seconds(report.timing_ms.analyse)}, total ${seconds(report.timing_ms.total)}.</p>`
    : '';
  return `<header id="summary">
  <div class="title-row"><h1>${escapeHtml(title)}</h1>${verdict}</div>
  <dl class="cards">${cards.join('')}</dl>
  ${timing}
</header>`;
}

function card(label: string, body: string): string {
  return `<div class="card"><dt>${escapeHtml(label)}</dt><dd>${body}</dd></div>`;
}

function sideCard(
  label: string,
  id: 'ref' | 'cur',
  side: { rows: number; source: string },
): string {
  return card(
    label,
    `<span class="big" id="summary-${id}-rows">${formatCount(side.rows)}</span> <span class="muted">rows</span>
     <span class="source mono" title="${escapeHtml(side.source)}">${escapeHtml(side.source)}</span>`,
  );
}

// The meter is an inline SVG rather than a styled div so the page needs no style attributes,
// which keeps the Content-Security-Policy strict (style hashes only, no 'unsafe-inline').
function shareMeter(share: number, threshold: number, drifted: boolean): string {
  const fill = clampPercent(share);
  const mark = clampPercent(threshold);
  return `<svg class="meter" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="${formatShare(share)} of columns drifted, threshold ${formatShare(threshold)}">
<rect class="track" x="0" y="2" width="100" height="6" rx="3"/>
<rect class="fill${drifted ? ' over' : ''}" x="0" y="2" width="${fill}" height="6" rx="3"/>
<line class="mark" x1="${mark}" x2="${mark}" y1="0" y2="10" vector-effect="non-scaling-stroke"/></svg>`;
}

function clampPercent(share: number): string {
  const value = Number.isFinite(share) ? Math.min(1, Math.max(0, share)) * 100 : 0;
  return value.toFixed(2);
}

const SEVERITIES: Severity[] = ['critical', 'warning', 'info'];

function qualityLine(report: DriftReport): string {
  const counts: Record<Severity, number> = { critical: 0, warning: 0, info: 0 };
  for (const finding of report.data_quality.findings) counts[finding.severity] += 1;
  const total = report.data_quality.findings.length;
  if (total === 0) return '<span class="big">0</span> <span class="muted">findings</span>';
  const badges = SEVERITIES.filter((s) => counts[s] > 0)
    .map((s) => `<span class="badge b-${s}">${formatCount(counts[s])} ${s}</span>`)
    .join(' ');
  return `<span class="big" id="summary-findings">${formatCount(total)}</span> <span class="muted">findings</span><br>${badges}`;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
