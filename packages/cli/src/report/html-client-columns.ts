// Browser-side column-drift table of the HTML report: one row per column, drifted first, with a
// lazily drawn thumbnail and an expandable detail (full chart, test figures, data quality).

/**
 * CLIENT_COLUMNS defines `columnsTable(ctx)`. Thumbnails are drawn only when their row scrolls
 * into view (IntersectionObserver); full charts only when a row is expanded.
 */
export const CLIENT_COLUMNS = String.raw`
// Default order: drifted first, then columns that could not be tested, then stable ones; the
// report's own order within each group.
function statusRank(c) {
  return c.drifted ? 2 : c.error ? 1 : 0;
}

function scoreCell(c) {
  if (c.score === null || c.score === undefined) return DASH;
  const symbol = c.score < c.threshold ? '<' : '\u2265';
  return h('span', {
    class: 'rel' + (c.drifted ? ' drift' : ''),
    title: lowerMeansDrift(c) ? 'p-value: drift when below the threshold' : 'distance: drift when at or above the threshold',
    text: fmtNum(c.score) + ' ' + symbol + ' ' + fmtNum(c.threshold),
  });
}

// sparkSlots draws table thumbnails once their slot is near the viewport. Slots of a page that was
// re-rendered are dropped by disconnect(), so the observer never holds detached rows.
function sparkSlots() {
  const pending = new WeakMap();
  const draw = function (slot) {
    const chart = miniChart(pending.get(slot));
    pending.delete(slot);
    if (chart) slot.replaceChildren(chart);
  };
  const io = typeof IntersectionObserver === 'function'
    ? new IntersectionObserver(function (entries) {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          io.unobserve(entry.target);
          draw(entry.target);
        }
      }, { rootMargin: '200px 0px' })
    : null;
  return {
    slot: function (dist) {
      const slot = h('span', { class: 'spark-slot' });
      pending.set(slot, dist);
      return slot;
    },
    observe: function (container) {
      if (io) io.disconnect();
      for (const slot of container.querySelectorAll('.spark-slot')) {
        if (!pending.has(slot)) continue;
        if (io) io.observe(slot);
        else draw(slot);
      }
    },
  };
}

function kv(pairs) {
  const dl = h('dl', { class: 'kv' });
  for (const pair of pairs) {
    dl.appendChild(h('dt', { text: pair[0] }));
    dl.appendChild(h('dd', null, pair[1]));
  }
  return dl;
}

function columnDetail(ctx, c) {
  const facts = [
    ['Kind', c.type],
    ['Method', h('code', { text: c.method })],
    ['Statistic', fmtNum(c.statistic)],
    ['p-value', fmtNum(c.p_value)],
    ['Score', scoreCell(c)],
    ['Rule', lowerMeansDrift(c) ? 'drift when the p-value is below the threshold' : 'drift when the distance is at or above the threshold'],
  ];
  if (c.effect_size) facts.push(['Effect size', c.effect_size.name + ' = ' + fmtNum(c.effect_size.value)]);
  if (c.error) facts.push(['Error', [h('code', { text: c.error.code }), ' ' + c.error.message]]);
  const side = [h('h3', { text: 'Drift test' }), kv(facts)];
  const quality = ctx.qualityByColumn.get(c.column);
  if (quality) side.push(h('h3', { text: 'Data quality' }), qualityFacts(quality));
  const findings = ctx.findingsByColumn.get(c.column);
  if (findings) side.push(findingList(findings));
  return h('div', { class: 'detail-grid' }, [chartBlock(c.distribution, c.column), h('div', null, side)]);
}

function columnsTable(ctx) {
  const sparks = sparkSlots();
  const rows = ctx.data.columns.map(function (c, i) { return { c: c, i: i }; });
  const types = Array.from(new Set(rows.map(function (r) { return r.c.type; })));
  return pagedTable({
    rows: rows,
    noun: 'columns',
    pageSize: 50,
    defaultSort: function (a, b) { return statusRank(b.c) - statusRank(a.c) || a.i - b.i; },
    search: { placeholder: 'Filter columns by name', text: function (r) { return r.c.column; } },
    filters: [
      { key: 'status', label: 'Drift status', options: [['all', 'All statuses'], ['drift', 'Drifted'], ['stable', 'Stable'], ['error', 'Errors']],
        test: function (r, v) { return v === 'drift' ? r.c.drifted : v === 'error' ? Boolean(r.c.error) : !r.c.drifted && !r.c.error; } },
      { key: 'type', label: 'Column kind', options: [['all', 'All kinds']].concat(types.map(function (t) { return [t, t]; })),
        test: function (r, v) { return r.c.type === v; } },
    ],
    rowClass: function (r) { return r.c.drifted ? 'drifted' : ''; },
    columns: [
      { label: 'Status', desc: true, sort: function (r) { return statusRank(r.c); }, cell: function (r) { return driftBadge(r.c); } },
      { label: 'Column', cls: 'name', sort: function (r) { return r.c.column; }, cell: function (r) { return r.c.column; } },
      { label: 'Kind', sort: function (r) { return r.c.type; }, cell: function (r) { return r.c.type; } },
      { label: 'Method', sort: function (r) { return r.c.method; }, cell: function (r) { return h('code', { text: r.c.method }); } },
      { label: 'Statistic', num: true, desc: true, sort: function (r) { return r.c.statistic; }, cell: function (r) { return fmtNum(r.c.statistic); } },
      { label: 'p-value', num: true, sort: function (r) { return r.c.p_value; }, cell: function (r) { return fmtNum(r.c.p_value); } },
      { label: 'Score vs threshold', num: true, sort: function (r) { return r.c.score; }, cell: function (r) { return scoreCell(r.c); } },
      { label: 'Effect size', num: true, desc: true,
        sort: function (r) { return r.c.effect_size ? Math.abs(r.c.effect_size.value) : null; },
        cell: function (r) { return r.c.effect_size ? r.c.effect_size.name + ' ' + fmtNum(r.c.effect_size.value) : DASH; } },
      { label: 'Distribution', cell: function (r) { return distributionKind(r.c.distribution) ? sparks.slot(r.c.distribution) : DASH; } },
      { label: 'Error', sort: function (r) { return r.c.error ? r.c.error.code : null; },
        cell: function (r) { return r.c.error ? h('code', { title: r.c.error.message, text: r.c.error.code }) : ''; } },
    ],
    detail: function (r) { return columnDetail(ctx, r.c); },
    onRender: function (tbody) { sparks.observe(tbody); },
  });
}
`;
