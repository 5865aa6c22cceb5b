// The report's stylesheet, inlined into the page. System fonts only (no web fonts: the file must
// open offline). Series colours are the Okabe-Ito blue/orange pair, which stays distinguishable
// under the common colour-vision deficiencies; every state also carries a text label.

/** REPORT_CSS is the whole stylesheet of the HTML report, light and dark (prefers-color-scheme). */
export const REPORT_CSS = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1b1f24; --muted: #5b6472; --border: #e3e6ea; --panel: #f6f7f9;
  --row-hover: #f0f3f7; --accent: #0b62c4;
  --ref: #0072b2; --cur: #e69f00;
  --drift: #c8470b; --ok: #00806a; --warn: #9a6700; --info: #4a6482;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1216; --fg: #e4e7eb; --muted: #97a1ad; --border: #2a3038; --panel: #171b21;
    --row-hover: #1c2129; --accent: #6cb2ff;
    --ref: #56b4e9; --cur: #e69f00;
    --drift: #ff8a5c; --ok: #3cc19a; --warn: #e3b341; --info: #9db4cf;
  }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { background: var(--bg); color: var(--fg); }
body {
  margin: 0; padding: 24px 20px 64px;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-variant-numeric: tabular-nums;
}
main { max-width: 1240px; margin: 0 auto; }
h1 { font-size: 22px; margin: 0; font-weight: 650; letter-spacing: -0.01em; }
h2 { font-size: 17px; margin: 36px 0 10px; font-weight: 650; }
h3 { font-size: 14px; margin: 18px 0 8px; font-weight: 600; color: var(--muted); }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.muted { color: var(--muted); }
.title-row { display: flex; flex-wrap: wrap; align-items: center; gap: 12px 16px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 12px; margin: 16px 0 0; }
.card { background: var(--panel); border: 1px solid var(--border); border-radius: 10px; padding: 12px 14px; min-width: 0; }
.card dt { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
.card dd { margin: 2px 0 0; }
.big { font-size: 26px; font-weight: 650; line-height: 1.2; }
.source { display: block; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.meter { display: block; width: 100%; height: 10px; margin-top: 8px; }
.meter .track { fill: var(--border); }
.meter .fill { fill: var(--ok); }
.meter .fill.over { fill: var(--drift); }
.meter .mark { stroke: var(--fg); stroke-width: 1.5; }
.badge {
  display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600;
  border: 1px solid currentColor; white-space: nowrap; line-height: 18px;
}
.badge.big-badge { font-size: 14px; padding: 3px 12px; }
.b-drift, .b-critical { color: var(--drift); background: color-mix(in srgb, var(--drift) 12%, transparent); }
.b-ok { color: var(--ok); background: color-mix(in srgb, var(--ok) 12%, transparent); }
.b-warning { color: var(--warn); background: color-mix(in srgb, var(--warn) 12%, transparent); }
.b-info, .b-error { color: var(--info); background: color-mix(in srgb, var(--info) 12%, transparent); }
.controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
input[type=search], select, button {
  font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--border);
  border-radius: 6px; padding: 4px 8px;
}
input[type=search] { min-width: 220px; }
button { cursor: pointer; }
button:hover:not(:disabled) { border-color: var(--accent); }
button:disabled { opacity: 0.45; cursor: default; }
.table-wrap { overflow-x: auto; border: 1px solid var(--border); border-radius: 10px; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 6px 10px; text-align: left; border-bottom: 1px solid var(--border); vertical-align: middle; }
th { position: sticky; top: 0; background: var(--panel); font-size: 12px; font-weight: 600; color: var(--muted); white-space: nowrap; }
th button { border: 0; background: none; padding: 0; font-weight: 600; color: inherit; text-transform: inherit; }
th[aria-sort=ascending] button::after { content: " ▲"; }
th[aria-sort=descending] button::after { content: " ▼"; }
td.num, th.num { text-align: right; }
td.num { white-space: nowrap; }
tbody tr.row:hover { background: var(--row-hover); }
tbody tr.row.expandable { cursor: pointer; }
tr.drifted td.name { font-weight: 600; }
td.name { min-width: 140px; max-width: 320px; overflow-wrap: anywhere; }
.toggle { width: 22px; color: var(--muted); }
.rel.drift { color: var(--drift); font-weight: 600; }
.spark-slot { display: inline-block; width: 120px; height: 28px; vertical-align: middle; }
.spark { display: block; width: 120px; height: 28px; }
tr.detail > td { background: var(--panel); padding: 14px 16px 18px; }
.detail-grid { display: grid; grid-template-columns: minmax(0, 3fr) minmax(220px, 2fr); gap: 20px; }
@media (max-width: 820px) { .detail-grid { grid-template-columns: 1fr; } }
.chart svg { display: block; width: 100%; height: auto; max-width: 720px; }
.legend { display: flex; gap: 16px; font-size: 12px; color: var(--muted); margin-bottom: 4px; flex-wrap: wrap; }
.sw { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -2px; margin-right: 5px; }
.sw.ref { background: var(--ref); opacity: 0.6; }
.sw.cur { background: none; border: 2px solid var(--cur); }
.sw.cur.solid { background: var(--cur); border: 0; }
svg .ref { fill: var(--ref); fill-opacity: 0.55; }
svg .cur-line { fill: none; stroke: var(--cur); stroke-width: 2; stroke-linejoin: round; }
svg .cur-fill { fill: var(--cur); fill-opacity: 0.16; }
svg .cur-bar { fill: var(--cur); }
svg .ref-bar { fill: var(--ref); }
svg .grid { stroke: var(--border); stroke-width: 1; }
svg .axis { stroke: var(--muted); stroke-width: 1; }
svg text { fill: var(--muted); font-size: 11px; font-family: inherit; }
svg .hit { fill: transparent; }
svg .hit:hover { fill: var(--fg); fill-opacity: 0.06; }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: 3px 14px; margin: 0; }
dl.kv dt { color: var(--muted); }
dl.kv dd { margin: 0; overflow-wrap: anywhere; }
.pager { display: flex; gap: 8px; align-items: center; justify-content: space-between; flex-wrap: wrap; margin: 8px 0; font-size: 13px; color: var(--muted); }
.pager .buttons { display: flex; gap: 6px; align-items: center; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; }
.chip { border: 1px solid var(--border); border-radius: 6px; padding: 0 6px; background: var(--panel); overflow-wrap: anywhere; }
.empty { color: var(--muted); padding: 14px; text-align: center; }
.perf-head { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: center; }
footer { margin-top: 40px; font-size: 12px; color: var(--muted); }
`;
