// Assembles the browser-side script of the HTML report from its parts.

import { CLIENT_CHART } from './html-client-chart.js';
import { CLIENT_COLUMNS } from './html-client-columns.js';
import { CLIENT_QUALITY } from './html-client-quality.js';
import { CLIENT_TABLE } from './html-client-table.js';
import { CLIENT_UTIL } from './html-client-util.js';

// The entry point: parse the embedded report once, then mount each on-demand part into the
// placeholders the server-rendered page left for it. `data-ready` tells tests (and anyone
// scripting the page) that the tables exist.
// biome-ignore lint/complexity/noUselessStringRaw: all client parts stay raw so escapes survive edits.
const CLIENT_MAIN = String.raw`
function buildContext(data) {
  const quality = data.data_quality;
  const qualityByColumn = new Map();
  for (const q of quality.columns) qualityByColumn.set(q.column, q);
  const findingsByColumn = new Map();
  for (const f of quality.findings) {
    if (f.column === null || f.column === undefined) continue;
    if (!findingsByColumn.has(f.column)) findingsByColumn.set(f.column, []);
    findingsByColumn.get(f.column).push(f);
  }
  return { data: data, quality: quality, qualityByColumn: qualityByColumn, findingsByColumn: findingsByColumn };
}

function mount(id, part) {
  const slot = document.getElementById(id);
  if (slot) slot.replaceChildren(part && part.root ? part.root : part);
}

function init() {
  const started = performance.now();
  const data = JSON.parse(document.getElementById('vigil-data').textContent);
  const ctx = buildContext(data);
  mount('columns-table', columnsTable(ctx));
  mount('findings-table', findingsTable(ctx));
  mount('schema', schemaDiff(ctx));
  mount('quality-table', qualityTable(ctx));
  const prediction = data.performance && data.performance.prediction_drift;
  if (prediction && distributionKind(prediction.distribution)) {
    mount('prediction-chart', chartBlock(prediction.distribution, data.performance.prediction));
  }
  document.documentElement.setAttribute('data-render-ms', String(Math.round(performance.now() - started)));
  document.documentElement.setAttribute('data-ready', 'true');
}

try {
  init();
} catch (error) {
  const banner = h('p', { class: 'badge b-drift', role: 'alert', text: 'This report could not be displayed: ' + error });
  document.body.prepend(banner);
  throw error;
}
`;

/**
 * CLIENT_SCRIPT is the whole browser-side script of the HTML report, wrapped in a strict-mode
 * function so nothing leaks into the page's global scope.
 */
export const CLIENT_SCRIPT = `(function () {
'use strict';
${CLIENT_UTIL}${CLIENT_CHART}${CLIENT_TABLE}${CLIENT_COLUMNS}${CLIENT_QUALITY}${CLIENT_MAIN}})();
`;
