// Browser-side helpers of the HTML report, shipped as source text inside the page.
// The cli package compiles without DOM types, so the client code is plain JavaScript in strings;
// the Chromium integration test is what executes it. Rules for client code: no template literals
// (so it can live in String.raw), no innerHTML (every user string goes through textContent or
// setAttribute), no style attributes (the page's CSP allows only hashed styles).

/**
 * CLIENT_UTIL defines `h` (HTML element builder), `svg` (SVG element builder), the number
 * formatters (same rules as html-format.ts) and badge helpers used by the other client parts.
 */
export const CLIENT_UTIL = String.raw`
const SVG_NS = 'http://www.w3.org/2000/svg';
const DASH = '\u2014';

// h builds an element. attrs: 'text' sets textContent, 'onclick' etc. add a listener, anything else
// is set with setAttribute, which never parses markup. Children are nodes or strings (text nodes).
function h(tag, attrs, children) {
  const el = document.createElement(tag);
  applyAttrs(el, attrs);
  appendAll(el, children);
  return el;
}

function svg(tag, attrs, children) {
  const el = document.createElementNS(SVG_NS, tag);
  applyAttrs(el, attrs);
  appendAll(el, children);
  return el;
}

function applyAttrs(el, attrs) {
  if (!attrs) return;
  for (const key of Object.keys(attrs)) {
    const value = attrs[key];
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') el.textContent = String(value);
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
}

function appendAll(el, children) {
  if (children === undefined || children === null) return;
  if (!Array.isArray(children)) children = [children];
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    el.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

function fmtNum(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return DASH;
  if (value === 0) return '0';
  if (!Number.isFinite(value)) return value > 0 ? '\u221e' : '\u2212\u221e';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3 || magnitude >= 1e6) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

function fmtPct(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  if (value > 0 && value < 0.0005) return '<0.1%';
  return (value * 100).toFixed(1) + '%';
}

function fmtCount(value) {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : DASH;
}

// fmtAxis labels chart axes compactly: 1234567 -> 1.23M, 0.000012 -> 1.2e-5.
function fmtAxis(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const magnitude = Math.abs(value);
  if (magnitude === 0) return '0';
  if (magnitude >= 1e9) return Number((value / 1e9).toPrecision(3)) + 'G';
  if (magnitude >= 1e6) return Number((value / 1e6).toPrecision(3)) + 'M';
  if (magnitude >= 1e4) return Number((value / 1e3).toPrecision(3)) + 'k';
  if (magnitude < 1e-3) return value.toExponential(1);
  return String(Number(value.toPrecision(3)));
}

const SEVERITY_RANK = { critical: 3, warning: 2, info: 1 };

function badge(kind, text, title) {
  return h('span', { class: 'badge b-' + kind, text: text, title: title });
}

function severityBadge(severity) {
  return badge(SEVERITY_RANK[severity] ? severity : 'info', severity);
}

function driftBadge(column) {
  if (column.error) return badge('error', 'error', column.error.code + ': ' + column.error.message);
  return column.drifted ? badge('drift', 'drift') : badge('ok', 'stable');
}

// lowerMeansDrift: the score is a p-value (drift when below the threshold) exactly when the
// report carries a p-value; distances have p_value null and drift when at or above it (issue 3).
function lowerMeansDrift(column) {
  return column.p_value !== null && column.p_value !== undefined;
}

function sum(values) {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += Number.isFinite(values[i]) ? values[i] : 0;
  return total;
}
`;
