// Server-rendered model-performance block. Its size depends on the number of metrics, not columns.
// The prediction-drift chart inside it is drawn by the client script into #prediction-chart.

import { escapeHtml } from './html-escape.js';
import { formatNumber, formatShare, formatSigned } from './html-format.js';
import type { Performance } from './types.js';

/** renderPerformance renders metrics on both sides, their change and the concept-drift verdict. */
export function renderPerformance(perf: Performance): string {
  const names = unique([...Object.keys(perf.reference), ...Object.keys(perf.current)]);
  const rows = names
    .map(
      (name) => `<tr><td>${escapeHtml(name)}</td>
<td class="num">${formatNumber(perf.reference[name])}</td>
<td class="num">${formatNumber(perf.current[name])}</td>
<td class="num">${formatSigned(perf.change[name])}</td></tr>`,
    )
    .join('');
  const verdict = perf.concept_drift
    ? '<span class="badge big-badge b-drift" id="concept-verdict">Concept drift</span>'
    : '<span class="badge big-badge b-ok" id="concept-verdict">No concept drift</span>';
  return `<section id="performance" aria-labelledby="performance-title">
<h2 id="performance-title">Model performance</h2>
<div class="perf-head">${verdict}
<span class="muted">${escapeHtml(perf.task)} · target <code>${escapeHtml(perf.target)}</code> · prediction <code>${escapeHtml(perf.prediction)}</code></span></div>
<p class="muted">Rule: ${escapeHtml(perf.rule)}</p>
<div class="table-wrap"><table id="performance-table"><thead><tr><th>Metric</th><th class="num">Reference</th><th class="num">Current</th><th class="num">Change</th></tr></thead>
<tbody>${rows}</tbody></table></div>
${renderPredictionDrift(perf)}
</section>`;
}

function renderPredictionDrift(perf: Performance): string {
  const drift = perf.prediction_drift;
  if (!drift) return '';
  const badge = drift.error
    ? `<span class="badge b-error">${escapeHtml(drift.error.code)}</span> <span class="muted">${escapeHtml(drift.error.message)}</span>`
    : drift.drifted
      ? '<span class="badge b-drift">Prediction drift</span>'
      : '<span class="badge b-ok">No prediction drift</span>';
  const score =
    drift.score === null
      ? ''
      : ` · score ${formatNumber(drift.score)} (threshold ${formatNumber(drift.threshold)})`;
  const pValue = drift.p_value === null ? '' : ` · p-value ${formatNumber(drift.p_value)}`;
  return `<h3>Prediction drift</h3>
<p>${badge} <span class="muted">${escapeHtml(drift.method)}${score}${pValue}</span></p>
<div class="chart" id="prediction-chart"></div>`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** renderQualityHeader renders the bounded part of the data-quality section: duplicate rows. */
export function renderQualityHeader(duplicates: { reference: number; current: number }): string {
  return `<p id="duplicates">Duplicate rows: <strong>${formatShare(duplicates.reference)}</strong> in reference,
<strong>${formatShare(duplicates.current)}</strong> in current.</p>`;
}
