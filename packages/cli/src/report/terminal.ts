// The terminal report: a headline verdict, a compact drift table (drifted columns first), the
// data-quality findings and the performance block. Colour only when asked (a TTY by default).

import type { DriftMethodName } from '@vigil/core';
import { DRIFT_METHODS, isDriftMethodName } from '@vigil/core';
import pc from 'picocolors';
import type { ColumnDrift, DriftReport, QualityFinding, Severity } from './types.js';

/** TerminalOptions configure renderTable. */
export interface TerminalOptions {
  colour: boolean;
  /** maxRows caps the drift table; the rest is summarised in one line. */
  maxRows?: number;
  /** maxFindings caps the data-quality list. */
  maxFindings?: number;
}

type Colours = ReturnType<typeof pc.createColors>;

/** formatNumber prints a score compactly: 4 significant digits, exponent form below 0.001. */
export function formatNumber(x: number | null | undefined): string {
  if (x === null || x === undefined) return '-';
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const a = Math.abs(x);
  if (a < 1e-3 || a >= 1e6) return x.toExponential(2);
  return String(Number(x.toPrecision(4)));
}

function formatShare(x: number): string {
  return `${Number((x * 100).toFixed(1))}%`;
}

function visibleLength(s: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes to measure width
  return s.replace(/\u001b\[[0-9;]*m/g, '').length;
}

function pad(s: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - visibleLength(s)));
  return right ? fill + s : s + fill;
}

/** table lays out rows in aligned columns; `right` marks right-aligned (numeric) columns. */
function table(header: string[], rows: string[][], right: boolean[], c: Colours): string[] {
  const widths = header.map((h, i) =>
    Math.max(visibleLength(h), ...rows.map((r) => visibleLength(r[i]))),
  );
  const line = (cells: string[]) =>
    `  ${cells.map((cell, i) => pad(cell, widths[i], right[i])).join('  ')}`.trimEnd();
  return [
    c.bold(line(header)),
    c.dim(`  ${'─'.repeat(widths.reduce((s, w) => s + w + 2, -2))}`),
    ...rows.map(line),
  ];
}

function severityLabel(s: Severity, c: Colours): string {
  return s === 'critical'
    ? c.red(c.bold('critical'))
    : s === 'warning'
      ? c.yellow('warning')
      : c.dim('info');
}

function driftCell(col: ColumnDrift, c: Colours): string {
  if (col.error !== undefined) return c.dim('n/a');
  return col.drifted ? c.red(c.bold('DRIFT')) : c.green('ok');
}

/** sortForDisplay puts drifted columns first, then the rest, untestable last; stable within groups. */
export function sortForDisplay(columns: readonly ColumnDrift[]): ColumnDrift[] {
  const rank = (col: ColumnDrift) => (col.error !== undefined ? 2 : col.drifted ? 0 : 1);
  return columns
    .map((col, i) => ({ col, i }))
    .sort((a, b) => rank(a.col) - rank(b.col) || a.i - b.i)
    .map(({ col }) => col);
}

const RULE_SYMBOL = { lt: '<', lte: '<=', gte: '>=', gt: '>' } as const;

/** ruleCell says when the score means drift: "< 0.05" for p-values, ">= 0.1" for distances. */
function ruleCell(col: ColumnDrift): string {
  if (col.error !== undefined || !isDriftMethodName(col.method)) return '-';
  return `${RULE_SYMBOL[DRIFT_METHODS[col.method as DriftMethodName].rule]} ${formatNumber(col.threshold)}`;
}

/** effectCell shows the effect size of tests (ks_d, cramers_v, ...); a distance is its own effect size. */
function effectCell(col: ColumnDrift): string {
  const e = col.effect_size;
  if (e === null || e.name === col.method) return '';
  return `${e.name} ${formatNumber(e.value)}`;
}

function findingLine(f: QualityFinding, c: Colours): string[] {
  return [severityLabel(f.severity, c), f.column ?? c.dim('(dataset)'), f.check, f.message];
}

/**
 * renderTable renders the report for a terminal. Example headline:
 * "Dataset drift: DETECTED - 4 of 5 columns drifted (80%, threshold 50%)".
 */
export function renderTable(report: DriftReport, options: TerminalOptions): string {
  const c = pc.createColors(options.colour);
  const maxRows = options.maxRows ?? 60;
  const maxFindings = options.maxFindings ?? 20;
  const out: string[] = [];
  const n = (x: number) => x.toLocaleString('en-US');
  out.push(
    `${c.bold('reference')}  ${report.reference.source}  ${c.dim(`${n(report.reference.rows)} rows`)}`,
  );
  out.push(
    `${c.bold('current  ')}  ${report.current.source}  ${c.dim(`${n(report.current.rows)} rows`)}`,
  );
  if (report.engine === 'sketch') {
    out.push(
      `${c.bold('engine   ')}  sketch ${c.dim("(streamed profiles: see each column's error_bound in --format json)")}`,
    );
  }
  out.push('');
  const d = report.dataset;
  const verdict = d.drifted ? c.red(c.bold('DETECTED')) : c.green(c.bold('not detected'));
  out.push(
    `${c.bold('Dataset drift:')} ${verdict} - ${d.drifted_columns} of ${d.columns} columns drifted (${formatShare(d.share)}, threshold ${formatShare(d.threshold)})`,
  );
  out.push('');

  const sorted = sortForDisplay(report.columns);
  const shown = sorted.length > maxRows ? sorted.slice(0, maxRows - 1) : sorted;
  const rows = shown.map((col) => [
    col.column,
    col.type,
    col.method,
    col.error !== undefined ? c.dim(col.error.code.toLowerCase()) : formatNumber(col.score),
    ruleCell(col),
    driftCell(col, c),
    effectCell(col),
  ]);
  out.push(
    ...table(
      ['column', 'type', 'method', 'score', 'drift when', 'drift', 'effect size'],
      rows,
      [false, false, false, true, true, false, false],
      c,
    ),
  );
  if (shown.length < sorted.length) {
    const rest = sorted.slice(shown.length);
    out.push(
      c.dim(
        `  ... ${rest.length} more columns (${rest.filter((x) => x.drifted).length} drifted); --format json lists all`,
      ),
    );
  }
  const errors = report.columns.filter((col) => col.error !== undefined);
  for (const col of errors.slice(0, 5))
    out.push(c.dim(`  ${col.column}: not tested: ${col.error?.message}`));

  const q = report.data_quality;
  const count = (s: Severity) => q.findings.filter((f) => f.severity === s).length;
  out.push('');
  out.push(
    `${c.bold('Data quality:')} ${count('critical') > 0 ? c.red(`${count('critical')} critical`) : '0 critical'}, ${count('warning') > 0 ? c.yellow(`${count('warning')} warnings`) : '0 warnings'}, ${count('info')} info; duplicate rows ${formatShare(q.duplicate_share.reference)} -> ${formatShare(q.duplicate_share.current)}`,
  );
  if (q.findings.length > 0) {
    out.push(
      ...table(
        ['severity', 'column', 'check', 'finding'],
        q.findings.slice(0, maxFindings).map((f) => findingLine(f, c)),
        [false, false, false, false],
        c,
      ),
    );
    if (q.findings.length > maxFindings)
      out.push(
        c.dim(`  ... ${q.findings.length - maxFindings} more findings; --format json lists all`),
      );
  }

  const p = report.performance;
  if (p !== null) {
    out.push('');
    out.push(
      `${c.bold('Performance')} (${p.task}: target ${p.target}, prediction ${p.prediction})`,
    );
    const metrics = Object.keys(p.reference);
    if (metrics.length > 0) {
      out.push(
        ...table(
          ['metric', 'reference', 'current', 'change'],
          metrics.map((m) => [
            m,
            formatNumber(p.reference[m]),
            formatNumber(p.current[m]),
            formatNumber(p.change[m]),
          ]),
          [false, true, true, true],
          c,
        ),
      );
    }
    out.push(
      `  concept drift: ${p.concept_drift ? c.red(c.bold('YES')) : c.green('no')} ${c.dim(`(${p.rule})`)}`,
    );
    const pd = p.prediction_drift;
    if (pd !== null) {
      out.push(
        `  prediction drift: ${driftCell(pd, c)} ${c.dim(`(${pd.method}, score ${formatNumber(pd.score)}, threshold ${formatNumber(pd.threshold)})`)}`,
      );
    }
  }
  if (report.timing_ms !== undefined) {
    const t = report.timing_ms;
    out.push('');
    out.push(
      c.dim(
        `read ${(t.read / 1000).toFixed(2)} s, analysis ${(t.analyse / 1000).toFixed(2)} s, total ${(t.total / 1000).toFixed(2)} s`,
      ),
    );
  }
  return `${out.join('\n')}\n`;
}
