// Browser-side SVG renderer of the HTML report: reference vs current distributions of one column.
// Counts are drawn as shares of each side's total, because the two sides rarely have the same
// number of rows and raw counts would make the larger side look "drifted" everywhere.

/**
 * CLIENT_CHART defines `chartBlock(distribution, label)` (legend + full chart with axes and
 * per-bin tooltips) and `miniChart(distribution)` (the 120x28 table thumbnail).
 *
 * Numerical columns (`edges`): reference as filled bars, current as a step outline on the same
 * bins. Bins are placed proportionally to their edges unless an edge is open (±∞, serialised as
 * null) or widths differ more than 20x (quantile bins), then they are drawn at equal width and the
 * chart says so. Categorical columns (`categories`): grouped bars, reference left, current right.
 */
export const CLIENT_CHART = String.raw`
const FULL = { w: 640, h: 220, left: 46, right: 14, top: 12, bottom: 36 };
const MINI = { w: 120, h: 28, left: 1, right: 1, top: 2, bottom: 1 };

// countNote adds the raw count to a tooltip when the report holds counts; a report that holds
// shares already (non-integers) gets none, since its "count" would mean nothing.
function countNote(value) {
  return Number.isInteger(value) ? ' (' + fmtCount(value) + ')' : '';
}

function sideLabel(name, counts) {
  return counts.every(Number.isInteger) ? name + ' (n=' + fmtCount(sum(counts)) + ')' : name;
}

function shares(counts) {
  const total = sum(counts);
  return counts.map(function (v) { return total > 0 && Number.isFinite(v) ? v / total : 0; });
}

function niceCeil(value) {
  if (!(value > 0)) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(value)));
  const steps = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
  for (const step of steps) if (step * power >= value * (1 - 1e-12)) return step * power;
  return 10 * power;
}

function niceStep(raw) {
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const unit = raw / power;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 2.5 ? 2.5 : unit <= 5 ? 5 : 10) * power;
}

function niceTicks(lo, hi, count) {
  if (!(hi > lo)) return [lo];
  const step = niceStep((hi - lo) / count);
  const ticks = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  }
  return ticks;
}

function pctLabel(share) {
  return Number((share * 100).toPrecision(2)) + '%';
}

function edgeLabel(edges, i) {
  const value = edges[i];
  if (value === null || value === undefined || !Number.isFinite(value)) return i === 0 ? '\u2212\u221e' : '\u221e';
  return fmtAxis(value);
}

// binLayout maps bin edges to x positions; see CLIENT_CHART's doc for when bins are equal-width.
function binLayout(edges, x0, x1) {
  const n = edges.length - 1;
  let proportional = true;
  let minWidth = Infinity;
  let maxWidth = 0;
  for (let i = 0; i < n; i++) {
    const width = edges[i + 1] - edges[i];
    if (!Number.isFinite(width) || width <= 0 || edges[i] === null || edges[i + 1] === null) {
      proportional = false;
      break;
    }
    minWidth = Math.min(minWidth, width);
    maxWidth = Math.max(maxWidth, width);
  }
  if (proportional && maxWidth / minWidth > 20) proportional = false;
  const xs = new Array(n + 1);
  const span = edges[n] - edges[0];
  for (let i = 0; i <= n; i++) {
    xs[i] = proportional ? x0 + ((edges[i] - edges[0]) / span) * (x1 - x0) : x0 + (i / n) * (x1 - x0);
  }
  return { xs: xs, proportional: proportional };
}

function distributionKind(dist) {
  if (!dist || !Array.isArray(dist.reference) || !Array.isArray(dist.current)) return null;
  const n = dist.reference.length;
  if (n === 0 || dist.current.length !== n) return null;
  if (Array.isArray(dist.edges) && dist.edges.length === n + 1) return 'numerical';
  if (Array.isArray(dist.categories) && dist.categories.length === n) return 'categorical';
  return null;
}

function frame(box, label) {
  return svg('svg', {
    viewBox: '0 0 ' + box.w + ' ' + box.h,
    width: box.w,
    height: box.h,
    role: 'img',
    'aria-label': label,
    class: box === MINI ? 'spark' : null,
  });
}

function yAxis(root, box, top) {
  const bottom = box.h - box.bottom;
  for (const t of [0, top / 2, top]) {
    const y = bottom - (t / top) * (bottom - box.top);
    root.appendChild(svg('line', { class: 'grid', x1: box.left, x2: box.w - box.right, y1: y, y2: y }));
    root.appendChild(svg('text', { x: box.left - 6, y: y + 4, 'text-anchor': 'end', text: pctLabel(t) }));
  }
}

function drawNumerical(dist, box, label) {
  const root = frame(box, label);
  const full = box === FULL;
  const ref = shares(dist.reference);
  const cur = shares(dist.current);
  const top = niceCeil(Math.max(Math.max.apply(null, ref), Math.max.apply(null, cur)));
  const bottom = box.h - box.bottom;
  const y = function (v) { return bottom - (v / top) * (bottom - box.top); };
  const layout = binLayout(dist.edges, box.left, box.w - box.right);
  const xs = layout.xs;
  const n = ref.length;
  if (full) yAxis(root, box, top);
  const gap = full && xs[1] - xs[0] > 4 ? 0.75 : 0;
  for (let i = 0; i < n; i++) {
    if (ref[i] <= 0) continue;
    root.appendChild(svg('rect', { class: 'ref', x: xs[i] + gap, y: y(ref[i]), width: Math.max(0.5, xs[i + 1] - xs[i] - 2 * gap), height: bottom - y(ref[i]) }));
  }
  let step = 'M' + xs[0] + ' ' + bottom;
  for (let i = 0; i < n; i++) step += 'L' + xs[i] + ' ' + y(cur[i]) + 'L' + xs[i + 1] + ' ' + y(cur[i]);
  step += 'L' + xs[n] + ' ' + bottom;
  root.appendChild(svg('path', { class: 'cur-fill', d: step + 'Z' }));
  root.appendChild(svg('path', { class: 'cur-line', d: step }));
  if (!full) return root;
  root.appendChild(svg('line', { class: 'axis', x1: box.left, x2: box.w - box.right, y1: bottom, y2: bottom }));
  if (layout.proportional) {
    const lo = dist.edges[0];
    const hi = dist.edges[n];
    for (const t of niceTicks(lo, hi, 6)) {
      const x = box.left + ((t - lo) / (hi - lo)) * (box.w - box.right - box.left);
      root.appendChild(svg('line', { class: 'axis', x1: x, x2: x, y1: bottom, y2: bottom + 4 }));
      root.appendChild(svg('text', { x: x, y: bottom + 16, 'text-anchor': 'middle', text: fmtAxis(t) }));
    }
  } else {
    // Label about six edges, always the first and last, without crowding the last one.
    const every = Math.max(1, Math.ceil(n / 6));
    const marks = [];
    for (let i = 0; i < n; i += every) marks.push(i);
    if (marks.length > 1 && n - marks[marks.length - 1] < every / 2) marks.pop();
    marks.push(n);
    for (const i of marks) {
      root.appendChild(svg('text', { x: xs[i], y: bottom + 16, 'text-anchor': i === 0 ? 'start' : i === n ? 'end' : 'middle', text: edgeLabel(dist.edges, i) }));
    }
  }
  for (let i = 0; i < n; i++) {
    const range = '[' + edgeLabel(dist.edges, i) + ', ' + edgeLabel(dist.edges, i + 1) + (i === n - 1 ? ']' : ')');
    const tip = range + '\nReference: ' + fmtPct(ref[i]) + countNote(dist.reference[i]) + '\nCurrent: ' + fmtPct(cur[i]) + countNote(dist.current[i]);
    root.appendChild(svg('rect', { class: 'hit', x: xs[i], y: box.top, width: Math.max(0.5, xs[i + 1] - xs[i]), height: bottom - box.top }, svg('title', { text: tip })));
  }
  root.setAttribute('data-layout', layout.proportional ? 'proportional' : 'equal-width');
  return root;
}

function drawCategorical(dist, box, label) {
  const full = box === FULL;
  const n = dist.categories.length;
  const rotate = full && n > 10;
  const layoutBox = rotate ? Object.assign({}, box, { bottom: 70, h: box.h + 34 }) : box;
  const root = frame(layoutBox, label);
  const ref = shares(dist.reference);
  const cur = shares(dist.current);
  const top = niceCeil(Math.max(Math.max.apply(null, ref), Math.max.apply(null, cur)));
  const bottom = layoutBox.h - layoutBox.bottom;
  const y = function (v) { return bottom - (v / top) * (bottom - layoutBox.top); };
  // Cap the band width so two or three categories do not become slabs; centre the group.
  const plotWidth = layoutBox.w - layoutBox.right - layoutBox.left;
  const band = Math.min(plotWidth / n, full ? 90 : plotWidth);
  const offset = layoutBox.left + (plotWidth - band * n) / 2;
  if (full) yAxis(root, layoutBox, top);
  for (let i = 0; i < n; i++) {
    const x = offset + i * band;
    const bar = band * (full ? 0.36 : 0.4);
    const mid = x + band / 2;
    root.appendChild(svg('rect', { class: 'ref-bar', x: mid - bar, y: y(ref[i]), width: bar, height: bottom - y(ref[i]) }));
    root.appendChild(svg('rect', { class: 'cur-bar', x: mid, y: y(cur[i]), width: bar, height: bottom - y(cur[i]) }));
    if (!full) continue;
    const name = String(dist.categories[i]);
    const maxChars = rotate ? 14 : Math.max(3, Math.floor(band / 6.5));
    const text = name.length > maxChars ? name.slice(0, maxChars - 1) + '\u2026' : name;
    root.appendChild(rotate
      ? svg('text', { x: mid, y: bottom + 12, 'text-anchor': 'end', transform: 'rotate(-40 ' + mid + ' ' + (bottom + 12) + ')', text: text })
      : svg('text', { x: mid, y: bottom + 16, 'text-anchor': 'middle', text: text }));
    const tip = name + '\nReference: ' + fmtPct(ref[i]) + countNote(dist.reference[i]) + '\nCurrent: ' + fmtPct(cur[i]) + countNote(dist.current[i]);
    root.appendChild(svg('rect', { class: 'hit', x: x, y: layoutBox.top, width: band, height: bottom - layoutBox.top }, svg('title', { text: tip })));
  }
  if (full) root.appendChild(svg('line', { class: 'axis', x1: layoutBox.left, x2: layoutBox.w - layoutBox.right, y1: bottom, y2: bottom }));
  return root;
}

function drawDistribution(dist, box, label) {
  const kind = distributionKind(dist);
  if (kind === 'numerical') return drawNumerical(dist, box, label);
  if (kind === 'categorical') return drawCategorical(dist, box, label);
  return null;
}

function miniChart(dist) {
  return drawDistribution(dist, MINI, 'reference vs current distribution');
}

function chartBlock(dist, label) {
  const chart = drawDistribution(dist, FULL, 'Distribution of ' + label + ': reference vs current');
  if (!chart) return h('p', { class: 'muted', text: 'No distribution recorded for this column.' });
  const kind = distributionKind(dist);
  const legend = h('div', { class: 'legend' }, [
    h('span', null, [h('span', { class: 'sw ref' }), sideLabel('Reference', dist.reference)]),
    h('span', null, [h('span', { class: kind === 'categorical' ? 'sw cur solid' : 'sw cur' }), sideLabel('Current', dist.current)]),
    h('span', { text: 'share of rows per ' + (kind === 'categorical' ? 'category' : 'bin') }),
  ]);
  const note = kind === 'numerical' && chart.getAttribute('data-layout') === 'equal-width'
    ? h('p', { class: 'muted', text: 'Bins drawn at equal width (open-ended or very uneven edges).' })
    : null;
  return h('div', { class: 'chart' }, [legend, chart, note]);
}
`;
