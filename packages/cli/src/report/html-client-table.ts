// Browser-side paged table of the HTML report. Only one page of rows exists in the DOM at a time,
// which is what keeps a 1,000-column report as light as a 20-column one.

/**
 * CLIENT_TABLE defines `pagedTable(spec)`: a sortable, filterable, paginated table whose rows are
 * built on demand from `spec.rows`, with optional expandable detail rows.
 *
 * spec: { rows, columns: [{ label, num?, desc?, sort?(row) → number|string|null, cell(row) → node|string|array }],
 * defaultSort(a, b), search?: { placeholder, text(row) }, filters?: [{ key, label, options: [[value, label]],
 * test(row, value) }], detail?(row) → node, rowClass?(row), noun, pageSize?, onRender?(tbody) }.
 * A first click sorts ascending (descending when the column sets `desc`). Sorting keeps nulls last in both directions and breaks ties with defaultSort.
 */
export const CLIENT_TABLE = String.raw`
const PAGE_SIZES = [25, 50, 100, 200];

function compareValues(a, b) {
  if (typeof a === 'string' || typeof b === 'string') return String(a).localeCompare(String(b));
  return a - b;
}

function pagedTable(spec) {
  const filters = spec.filters || [];
  const state = { query: '', filter: {}, sort: null, dir: 1, page: 0, size: spec.pageSize || 50, open: new Set() };
  for (const f of filters) state.filter[f.key] = 'all';
  const columnCount = spec.columns.length + (spec.detail ? 1 : 0);

  const headRow = h('tr');
  if (spec.detail) headRow.appendChild(h('th', { class: 'toggle' }));
  const headers = spec.columns.map(function (col, index) {
    const th = h('th', { class: col.num ? 'num' : null, scope: 'col' });
    if (col.sort) {
      th.appendChild(h('button', { type: 'button', text: col.label, onclick: function () {
        if (state.sort === index) state.dir = -state.dir;
        else { state.sort = index; state.dir = col.desc ? -1 : 1; }
        state.page = 0;
        render();
      } }));
    } else {
      th.textContent = col.label;
    }
    headRow.appendChild(th);
    return th;
  });
  const tbody = h('tbody');
  const table = h('table', null, [h('thead', null, headRow), tbody]);

  const controls = h('div', { class: 'controls' });
  if (spec.search) {
    controls.appendChild(h('input', { type: 'search', placeholder: spec.search.placeholder, 'aria-label': spec.search.placeholder, oninput: function (event) {
      state.query = event.target.value.trim().toLowerCase();
      state.page = 0;
      render();
    } }));
  }
  for (const f of filters) {
    const select = h('select', { 'aria-label': f.label, 'data-filter': f.key, onchange: function (event) {
      state.filter[f.key] = event.target.value;
      state.page = 0;
      render();
    } }, f.options.map(function (o) { return h('option', { value: o[0], text: o[1] }); }));
    controls.appendChild(select);
  }

  const info = h('span', { class: 'info' });
  const pageLabel = h('span', { class: 'page-label' });
  const nav = function (label, title, target) {
    return h('button', { type: 'button', text: label, title: title, 'aria-label': title, onclick: function () {
      state.page = target();
      render();
    } });
  };
  const first = nav('\u00ab', 'First page', function () { return 0; });
  const prev = nav('\u2039 Prev', 'Previous page', function () { return state.page - 1; });
  const next = nav('Next \u203a', 'Next page', function () { return state.page + 1; });
  const last = nav('\u00bb', 'Last page', function () { return Number.MAX_SAFE_INTEGER; });
  const sizeSelect = h('select', { 'aria-label': 'Rows per page', onchange: function (event) {
    state.size = Number(event.target.value);
    state.page = 0;
    render();
  } }, PAGE_SIZES.map(function (n) { return h('option', { value: n, text: n + ' per page', selected: n === state.size }); }));
  const buttons = h('div', { class: 'buttons' }, [sizeSelect, first, prev, pageLabel, next, last]);
  // A table that fits on the smallest page never needs paging controls.
  buttons.hidden = spec.rows.length <= PAGE_SIZES[0];
  const pager = h('div', { class: 'pager' }, [info, buttons]);
  const root = h('div', { class: 'paged' }, [controls, h('div', { class: 'table-wrap' }, table), pager]);

  function visibleRows() {
    const rows = spec.rows.filter(function (row) {
      if (state.query && !spec.search.text(row).toLowerCase().includes(state.query)) return false;
      for (const f of filters) if (state.filter[f.key] !== 'all' && !f.test(row, state.filter[f.key])) return false;
      return true;
    });
    if (state.sort === null) return rows.sort(spec.defaultSort);
    const key = spec.columns[state.sort].sort;
    return rows.sort(function (a, b) {
      const va = key(a);
      const vb = key(b);
      const aMissing = va === null || va === undefined || (typeof va === 'number' && Number.isNaN(va));
      const bMissing = vb === null || vb === undefined || (typeof vb === 'number' && Number.isNaN(vb));
      if (aMissing || bMissing) return aMissing === bMissing ? spec.defaultSort(a, b) : aMissing ? 1 : -1;
      return compareValues(va, vb) * state.dir || spec.defaultSort(a, b);
    });
  }

  // rendered maps the rows of the current page to their <tr>, so focus can follow a toggled row
  // across the re-render (keyboard users would otherwise be sent back to the top of the page).
  let rendered = new Map();

  function toggle(row) {
    const active = document.activeElement;
    const hadFocus = Boolean(active && active.classList && active.classList.contains('expand'));
    if (state.open.has(row)) state.open.delete(row);
    else state.open.add(row);
    render();
    if (!hadFocus) return;
    const tr = rendered.get(row);
    const button = tr && tr.querySelector('button.expand');
    if (button) button.focus({ preventScroll: true });
  }

  function buildRow(row) {
    const cls = 'row' + (spec.detail ? ' expandable' : '') + (spec.rowClass ? ' ' + spec.rowClass(row) : '');
    const tr = h('tr', { class: cls });
    if (spec.detail) {
      const open = state.open.has(row);
      tr.appendChild(h('td', { class: 'toggle' }, h('button', { type: 'button', class: 'expand', 'aria-expanded': open ? 'true' : 'false', 'aria-label': open ? 'Collapse' : 'Expand', text: open ? '\u25be' : '\u25b8' })));
      tr.addEventListener('click', function () {
        // Selecting text inside a row should not toggle it.
        if (window.getSelection && String(window.getSelection()).length > 0) return;
        toggle(row);
      });
    }
    for (const col of spec.columns) tr.appendChild(h('td', { class: col.cls || (col.num ? 'num' : null) }, col.cell(row)));
    return tr;
  }

  function render() {
    const rows = visibleRows();
    const pages = Math.max(1, Math.ceil(rows.length / state.size));
    state.page = Math.min(Math.max(0, state.page), pages - 1);
    const start = state.page * state.size;
    const slice = rows.slice(start, start + state.size);
    const trs = [];
    rendered = new Map();
    for (const row of slice) {
      const tr = buildRow(row);
      rendered.set(row, tr);
      trs.push(tr);
      if (spec.detail && state.open.has(row)) {
        trs.push(h('tr', { class: 'detail' }, h('td', { colspan: columnCount }, spec.detail(row))));
      }
    }
    if (trs.length === 0) trs.push(h('tr', null, h('td', { class: 'empty', colspan: columnCount, text: 'No ' + spec.noun + ' match the filters.' })));
    tbody.replaceChildren.apply(tbody, trs);
    headers.forEach(function (th, index) {
      if (state.sort === index) th.setAttribute('aria-sort', state.dir > 0 ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
    });
    const shown = rows.length === 0 ? '0' : fmtCount(start + 1) + '\u2013' + fmtCount(start + slice.length);
    info.textContent = 'Showing ' + shown + ' of ' + fmtCount(rows.length) + ' ' + spec.noun +
      (rows.length === spec.rows.length ? '' : ' (filtered from ' + fmtCount(spec.rows.length) + ')');
    pageLabel.textContent = 'Page ' + (state.page + 1) + ' / ' + pages;
    first.disabled = prev.disabled = state.page === 0;
    next.disabled = last.disabled = state.page >= pages - 1;
    if (spec.onRender) spec.onRender(tbody);
  }

  render();
  return { root: root, render: render, state: state };
}
`;
