// Browser-side data-quality part of the HTML report: findings, schema diff and per-column table.

/**
 * CLIENT_QUALITY defines `findingsTable(ctx)`, `schemaDiff(ctx)`, `qualityTable(ctx)` and the
 * helpers the column detail reuses (`qualityFacts`, `findingList`).
 */
export const CLIENT_QUALITY = String.raw`
const CHIP_LIMIT = 40;

function arrow(a, b, format) {
  return format(a) + ' \u2192 ' + format(b);
}

function range(side) {
  return side.min === undefined || side.max === undefined ? DASH : '[' + fmtNum(side.min) + ', ' + fmtNum(side.max) + ']';
}

// chips lists names as chips, the first CHIP_LIMIT at once and the rest behind a button, so a
// schema diff of 1,000 columns does not flood the page.
function chips(names) {
  const box = h('div', { class: 'chips' });
  const add = function (from, to) {
    for (let i = from; i < to; i++) box.appendChild(h('span', { class: 'chip mono', text: names[i] }));
  };
  add(0, Math.min(names.length, CHIP_LIMIT));
  if (names.length > CHIP_LIMIT) {
    const more = h('button', { type: 'button', text: 'Show all ' + fmtCount(names.length), onclick: function () {
      more.remove();
      add(CHIP_LIMIT, names.length);
    } });
    box.appendChild(more);
  }
  return box;
}

function qualityFacts(q) {
  const facts = [
    ['Missing', arrow(q.reference.missing_share, q.current.missing_share, fmtPct)],
    ['Most common value', arrow(q.reference.top_share, q.current.top_share, fmtPct)],
  ];
  if (q.reference.distinct !== undefined || q.current.distinct !== undefined) {
    facts.push(['Distinct values', arrow(q.reference.distinct, q.current.distinct, fmtCount)]);
  }
  if (q.reference.min !== undefined || q.current.min !== undefined) {
    facts.push(['Range', range(q.reference) + ' \u2192 ' + range(q.current)]);
  }
  if (q.out_of_range_share !== undefined) facts.push(['Outside reference range', fmtPct(q.out_of_range_share)]);
  if (q.new_categories && q.new_categories.length > 0) facts.push(['New categories', chips(q.new_categories)]);
  return kv(facts);
}

function findingList(findings) {
  return h('ul', { class: 'findings' }, findings.map(function (f) {
    return h('li', null, [severityBadge(f.severity), ' ', h('code', { text: f.check }), ' ' + f.message]);
  }));
}

function findingsTable(ctx) {
  const rows = ctx.quality.findings.map(function (f, i) { return { f: f, i: i }; });
  if (rows.length === 0) return h('p', { class: 'muted', text: 'No data-quality findings.' });
  return pagedTable({
    rows: rows,
    noun: 'findings',
    pageSize: 25,
    defaultSort: function (a, b) { return (SEVERITY_RANK[b.f.severity] || 0) - (SEVERITY_RANK[a.f.severity] || 0) || a.i - b.i; },
    search: { placeholder: 'Filter findings', text: function (r) { return (r.f.column || '') + ' ' + r.f.check + ' ' + r.f.message; } },
    filters: [{ key: 'severity', label: 'Severity', options: [['all', 'All severities'], ['critical', 'Critical'], ['warning', 'Warning'], ['info', 'Info']],
      test: function (r, v) { return r.f.severity === v; } }],
    columns: [
      { label: 'Severity', desc: true, sort: function (r) { return SEVERITY_RANK[r.f.severity] || 0; }, cell: function (r) { return severityBadge(r.f.severity); } },
      { label: 'Column', cls: 'name', sort: function (r) { return r.f.column; },
        cell: function (r) { return r.f.column === null ? h('span', { class: 'muted', text: '(dataset)' }) : r.f.column; } },
      { label: 'Check', sort: function (r) { return r.f.check; }, cell: function (r) { return h('code', { text: r.f.check }); } },
      { label: 'Message', cell: function (r) { return r.f.message; } },
      { label: 'Value', num: true, sort: function (r) { return r.f.value; }, cell: function (r) { return fmtNum(r.f.value); } },
    ],
  });
}

function schemaDiff(ctx) {
  const schema = ctx.quality.schema;
  const groups = [
    ['Missing from current', schema.missing_in_current],
    ['New in current', schema.new_in_current],
    ['Kind changed', schema.changed_type.map(function (t) { return t.column + ': ' + t.reference + ' \u2192 ' + t.current; })],
  ].filter(function (g) { return g[1].length > 0; });
  if (groups.length === 0) return h('p', { class: 'muted', text: 'Same columns with the same kinds on both sides.' });
  return kv(groups.map(function (g) { return [g[0] + ' (' + fmtCount(g[1].length) + ')', chips(g[1])]; }));
}

function qualityTable(ctx) {
  const rows = ctx.quality.columns.map(function (q, i) {
    const findings = ctx.findingsByColumn.get(q.column) || [];
    let worst = 0;
    for (const f of findings) worst = Math.max(worst, SEVERITY_RANK[f.severity] || 0);
    return { q: q, i: i, findings: findings, worst: worst };
  });
  const worstName = { 3: 'critical', 2: 'warning', 1: 'info' };
  return pagedTable({
    rows: rows,
    noun: 'columns',
    pageSize: 25,
    defaultSort: function (a, b) { return b.worst - a.worst || b.findings.length - a.findings.length || a.i - b.i; },
    search: { placeholder: 'Filter columns by name', text: function (r) { return r.q.column; } },
    filters: [{ key: 'issues', label: 'Findings', options: [['all', 'All columns'], ['some', 'With findings'], ['none', 'Without findings']],
      test: function (r, v) { return (r.findings.length > 0) === (v === 'some'); } }],
    columns: [
      { label: 'Column', cls: 'name', sort: function (r) { return r.q.column; }, cell: function (r) { return r.q.column; } },
      { label: 'Kind', sort: function (r) { return r.q.type; }, cell: function (r) { return r.q.type; } },
      { label: 'Missing (ref \u2192 cur)', num: true, desc: true, sort: function (r) { return r.q.current.missing_share; },
        cell: function (r) { return arrow(r.q.reference.missing_share, r.q.current.missing_share, fmtPct); } },
      { label: 'Most common (ref \u2192 cur)', num: true, desc: true, sort: function (r) { return r.q.current.top_share; },
        cell: function (r) { return arrow(r.q.reference.top_share, r.q.current.top_share, fmtPct); } },
      { label: 'Distinct (ref \u2192 cur)', num: true, sort: function (r) { return r.q.current.distinct; },
        cell: function (r) { return r.q.reference.distinct === undefined && r.q.current.distinct === undefined ? DASH : arrow(r.q.reference.distinct, r.q.current.distinct, fmtCount); } },
      { label: 'Out of range', num: true, desc: true, sort: function (r) { return r.q.out_of_range_share; }, cell: function (r) { return fmtPct(r.q.out_of_range_share); } },
      { label: 'New categories', desc: true, sort: function (r) { return r.q.new_categories ? r.q.new_categories.length : null; },
        cell: function (r) {
          const list = r.q.new_categories || [];
          if (list.length === 0) return DASH;
          const shown = list.slice(0, 3).join(', ') + (list.length > 3 ? ', \u2026' : '');
          return h('span', { title: list.slice(0, 50).join('\n'), text: fmtCount(list.length) + ': ' + shown });
        } },
      { label: 'Findings', desc: true, sort: function (r) { return r.worst * 1e6 + r.findings.length; },
        cell: function (r) { return r.findings.length === 0 ? DASH : [severityBadge(worstName[r.worst] || 'info'), ' ' + fmtCount(r.findings.length)]; } },
    ],
  });
}
`;
