// Data quality, always on: per-column missing values, range, distinct values and mode share on
// both sides, new categories, values outside the reference range, (almost) constant columns,
// unreadable numbers, plus the schema diff and duplicate rows. Each finding carries a severity.

import type { ColumnData, ColumnKind } from '@vigil/core';
import type { Converted } from '../drift/column-data.js';
import type { ColumnQuality, QualityFinding, Severity } from './types.js';
import type { ValueStats } from './value-counts.js';
import { numberStats, stringCounts, stringStats } from './value-counts.js';

/** QUALITY_LIMITS are the severity cut-offs; each comparison says which way it goes. */
export const QUALITY_LIMITS = {
  /** Missing share rising by at least this much (absolute) is a warning / critical. */
  missingRiseWarning: 0.01,
  missingRiseCritical: 0.1,
  /** Share of current values in new categories / outside the reference range. */
  newShareWarning: 0.01,
  newShareCritical: 0.1,
  /** Below this share, values outside the reference range are the tails of a continuous column. */
  outOfRangeInfo: 0.001,
  outOfRangeWarning: 0.01,
  outOfRangeCritical: 0.05,
  /** A column whose most frequent value has at least this share is almost constant. */
  almostConstant: 0.95,
  /** Duplicate share rising by at least this much is a warning. */
  duplicateRiseWarning: 0.05,
  /** At most this many new categories are listed by name. */
  listedCategories: 20,
} as const;

type Side = ColumnQuality['reference'];

interface SideSummary {
  side: Side;
  stats: ValueStats;
  counts?: Map<string, number>;
}

/** pct formats a share for messages: 0%, <0.1%, 12.3%. */
export function pct(x: number): string {
  if (x === 0) return '0%';
  if (x < 0.001) return '<0.1%';
  return `${(x * 100).toFixed(1)}%`;
}

function summarise(data: ColumnData): SideSummary {
  const rows = data.values.length;
  if (data.kind === 'numerical') {
    const stats = numberStats(data.values);
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    const v = data.values;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x < min && x !== Number.NEGATIVE_INFINITY) min = x;
      if (x > max && x !== Number.POSITIVE_INFINITY) max = x;
    }
    const side: Side = {
      missing_share: rows === 0 ? 0 : (rows - stats.present) / rows,
      ...(stats.present > 0 ? { min, max } : {}),
      ...(stats.distinct !== undefined ? { distinct: stats.distinct } : {}),
      top_share: stats.present === 0 ? 0 : stats.topCount / stats.present,
    };
    return { side, stats };
  }
  const { counts, present } = stringCounts(data.values);
  const stats = stringStats(counts, present);
  const side: Side = {
    missing_share: rows === 0 ? 0 : (rows - present) / rows,
    distinct: stats.distinct,
    top_share: present === 0 ? 0 : stats.topCount / present,
  };
  return { side, stats, counts };
}

function grade(value: number, warning: number, critical: number): Severity {
  return value >= critical ? 'critical' : value >= warning ? 'warning' : 'info';
}

function outOfRangeShare(
  current: Float64Array,
  min: number,
  max: number,
): { share: number; count: number } {
  let count = 0;
  let present = 0;
  for (let i = 0; i < current.length; i++) {
    const x = current[i];
    if (x - x !== 0) continue;
    present++;
    if (x < min || x > max) count++;
  }
  return { share: present === 0 ? 0 : count / present, count };
}

/** ColumnQualityInput is one analysed column on both sides. */
export interface ColumnQualityInput {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly reference: Converted;
  readonly current: Converted;
}

/**
 * QualityFacts are the summaries the findings are graded from, however they were computed (raw
 * values in the exact engine, profiles in the sketch engine).
 */
export interface QualityFacts {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly reference: { readonly side: Side; readonly present: number; readonly distinct?: number };
  readonly current: { readonly side: Side; readonly present: number; readonly distinct?: number };
  /** unreadable lists non-numbers met in a numerical column, per side. */
  readonly unreadable: ReadonlyArray<{ side: string; count: number; example?: string }>;
  /** newCategories lists current categories absent from the reference with their counts (categorical). */
  readonly newCategories?: ReadonlyArray<readonly [string, number]>;
  /** outOfRange counts current values outside the reference [min, max] (numerical). */
  readonly outOfRange?: { readonly share: number; readonly count: number };
}

/**
 * qualityFindings grades QualityFacts into the column's quality entry and findings: missing values
 * (share and rise), unreadable numbers, new categories, values outside the reference range,
 * constant or almost constant (mode share >= 95 %) columns.
 */
export function qualityFindings(facts: QualityFacts): {
  quality: ColumnQuality;
  findings: QualityFinding[];
} {
  const { name, kind, reference: ref, current: cur } = facts;
  const findings: QualityFinding[] = [];
  const add = (check: string, severity: Severity, message: string, value?: number) =>
    findings.push({
      column: name,
      check,
      severity,
      message,
      ...(value !== undefined ? { value } : {}),
    });
  const quality: ColumnQuality = {
    column: name,
    type: kind,
    reference: ref.side,
    current: cur.side,
  };

  // Missing values.
  const mr = ref.side.missing_share;
  const mc = cur.side.missing_share;
  if (mc === 1) add('missing_values', 'critical', 'every value is missing in current', mc);
  else if (mr === 1) add('missing_values', 'critical', 'every value is missing in reference', mr);
  else if (mc - mr >= QUALITY_LIMITS.missingRiseWarning) {
    add(
      'missing_values',
      grade(mc - mr, QUALITY_LIMITS.missingRiseWarning, QUALITY_LIMITS.missingRiseCritical),
      `missing values rose from ${pct(mr)} to ${pct(mc)}`,
      mc,
    );
  } else if (mc > 0) add('missing_values', 'info', `${pct(mc)} missing (reference ${pct(mr)})`, mc);

  for (const u of facts.unreadable) {
    if (u.count > 0) {
      add(
        'unreadable_values',
        'critical',
        `${u.count} ${u.side} values are not numbers (e.g. '${u.example}'); counted as missing`,
        u.count,
      );
    }
  }

  const fresh = facts.newCategories;
  if (kind === 'categorical' && fresh !== undefined && fresh.length > 0) {
    const count = fresh.reduce((s, [, c]) => s + c, 0);
    const share = cur.present === 0 ? 0 : count / cur.present;
    quality.new_categories = fresh
      .slice(0, QUALITY_LIMITS.listedCategories)
      .map(([label]) => label);
    const shown = fresh
      .slice(0, 3)
      .map(([label]) => `'${label}'`)
      .join(', ');
    add(
      'new_categories',
      grade(share, QUALITY_LIMITS.newShareWarning, QUALITY_LIMITS.newShareCritical),
      `${fresh.length} new ${fresh.length === 1 ? 'category' : 'categories'} in current (${shown}${fresh.length > 3 ? ', ...' : ''}), ${pct(share)} of values`,
      share,
    );
  }

  if (kind === 'numerical' && facts.outOfRange !== undefined) {
    const { share, count } = facts.outOfRange;
    quality.out_of_range_share = share;
    if (count > 0 && share >= QUALITY_LIMITS.outOfRangeInfo) {
      add(
        'out_of_range',
        grade(share, QUALITY_LIMITS.outOfRangeWarning, QUALITY_LIMITS.outOfRangeCritical),
        `${pct(share)} of current values outside the reference range [${ref.side.min}, ${ref.side.max}]`,
        share,
      );
    }
  }

  // One value alone is trivially constant: judge constancy from two values up.
  type Facts = QualityFacts['reference'];
  const constant = (s: Facts) => s.present > 1 && s.distinct === 1;
  const almost = (s: Facts) => s.present > 1 && s.side.top_share >= QUALITY_LIMITS.almostConstant;
  if (constant(cur)) {
    add(
      'constant',
      constant(ref) ? 'warning' : 'critical',
      constant(ref) ? 'constant on both sides' : 'constant in current (one value)',
      1,
    );
  } else if (constant(ref)) {
    add('constant', 'warning', 'constant in reference (one value)', 1);
  } else if (almost(cur)) {
    add(
      'almost_constant',
      almost(ref) ? 'info' : 'warning',
      `almost constant in current: one value holds ${pct(cur.side.top_share)}${almost(ref) ? '' : ` (reference ${pct(ref.side.top_share)})`}`,
      cur.side.top_share,
    );
  } else if (almost(ref)) {
    add(
      'almost_constant',
      'info',
      `almost constant in reference: one value holds ${pct(ref.side.top_share)}`,
      ref.side.top_share,
    );
  }
  return { quality, findings };
}

/**
 * columnQuality summarises one column on both sides from its values and lists its findings (see
 * qualityFindings).
 */
export function columnQuality(input: ColumnQualityInput): {
  quality: ColumnQuality;
  findings: QualityFinding[];
} {
  const { name, kind } = input;
  const ref = summarise(input.reference.data);
  const cur = summarise(input.current.data);
  let newCategories: [string, number][] | undefined;
  if (kind === 'categorical' && ref.counts && cur.counts) {
    newCategories = [...cur.counts]
      .filter(([label]) => !ref.counts!.has(label))
      .sort((a, b) => b[1] - a[1]);
  }
  let outOfRange: QualityFacts['outOfRange'];
  if (
    kind === 'numerical' &&
    ref.side.min !== undefined &&
    ref.side.max !== undefined &&
    input.current.data.kind === 'numerical'
  ) {
    outOfRange = outOfRangeShare(input.current.data.values, ref.side.min, ref.side.max);
  }
  const facts = (s: SideSummary) => ({
    side: s.side,
    present: s.stats.present,
    ...(s.stats.distinct !== undefined ? { distinct: s.stats.distinct } : {}),
  });
  return qualityFindings({
    name,
    kind,
    reference: facts(ref),
    current: facts(cur),
    unreadable: [
      { side: 'reference', count: input.reference.unreadable, example: input.reference.example },
      { side: 'current', count: input.current.unreadable, example: input.current.example },
    ],
    ...(newCategories !== undefined ? { newCategories } : {}),
    ...(outOfRange !== undefined ? { outOfRange } : {}),
  });
}

/** SEVERITY_ORDER sorts findings critical first. */
export const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** sortFindings orders findings by severity, keeping the column order within a severity. */
export function sortFindings(findings: QualityFinding[]): QualityFinding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}

/** duplicateFinding grades the current duplicate share against the reference's. */
export function duplicateFinding(reference: number, current: number): QualityFinding | null {
  if (current === 0) return null;
  const severity: Severity =
    current - reference >= QUALITY_LIMITS.duplicateRiseWarning ? 'warning' : 'info';
  return {
    column: null,
    check: 'duplicate_rows',
    severity,
    message: `${pct(current)} of current rows are duplicates (reference ${pct(reference)})`,
    value: current,
  };
}
