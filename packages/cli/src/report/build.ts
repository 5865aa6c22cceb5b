// Builds the DriftReport (the JSON contract in ./types.ts) from the two tables and the column plan:
// one core driftTest per column, the dataset rule, data quality and, when asked, performance.

import { datasetDrift } from '@vigil/core';
import { toColumnData } from '../drift/column-data.js';
import type { ColumnPlan } from '../drift/plan.js';
import { inferKind } from '../drift/plan.js';
import type { DataTable, RawColumn } from '../io/table.js';
import { testColumn } from './column-drift.js';
import { duplicateShare } from './duplicates.js';
import type { PerformanceRequest } from './performance.js';
import { buildPerformance } from './performance.js';
import { columnQuality, duplicateFinding, sortFindings } from './quality.js';
import type {
  ColumnDrift,
  ColumnQuality,
  DataQuality,
  DriftReport,
  QualityFinding,
} from './types.js';

/** BuildInput is everything buildReport needs. */
export interface BuildInput {
  readonly reference: DataTable;
  readonly current: DataTable;
  readonly referenceLabel: string;
  readonly currentLabel: string;
  readonly plans: readonly ColumnPlan[];
  readonly driftShare: number;
  readonly bins?: number;
  readonly seed?: number;
  readonly distributions: boolean;
  /** columnsForDuplicates are the columns whose values define a duplicate row. */
  readonly columnsForDuplicates: readonly string[];
  readonly performance?: PerformanceRequest;
  /** onColumn reports progress after each column (done, total). */
  readonly onColumn?: (done: number, total: number) => void;
}

/** ColumnOptions are the per-column analysis settings shared by every column. */
export interface ColumnOptions {
  readonly bins?: number;
  readonly seed?: number;
  readonly distributions: boolean;
}

/** ColumnResult is everything the report holds about one analysed column. */
export interface ColumnResult {
  readonly drift: ColumnDrift;
  readonly quality: ColumnQuality;
  readonly findings: QualityFinding[];
  readonly changedType: DataQuality['schema']['changed_type'][number] | null;
}

/**
 * analyseColumn runs the drift test and the data-quality checks of one column. It is a pure
 * function of its inputs, so it runs the same on the main thread and in a worker.
 */
export function analyseColumn(
  plan: ColumnPlan,
  refRaw: RawColumn,
  curRaw: RawColumn,
  options: ColumnOptions,
): ColumnResult {
  const ref = toColumnData(refRaw, plan.kind);
  const cur = toColumnData(curRaw, plan.kind);
  const drift = testColumn(plan, ref, cur, options);
  const q = columnQuality({ name: plan.name, kind: plan.kind, reference: ref, current: cur });
  const findings = [...q.findings];
  const refKind = inferKind(refRaw);
  const curKind = inferKind(curRaw);
  let changedType: ColumnResult['changedType'] = null;
  // An all-missing side infers as categorical; that is a missing-values finding, not a type change.
  if (
    refKind !== curKind &&
    q.quality.reference.missing_share < 1 &&
    q.quality.current.missing_share < 1
  ) {
    changedType = { column: plan.name, reference: refKind, current: curKind };
    findings.push({
      column: plan.name,
      check: 'changed_type',
      severity: 'critical',
      message: `type changed from ${refKind} to ${curKind}`,
    });
  }
  return { drift, quality: q.quality, findings, changedType };
}

/** buildReport computes the whole DriftReport, analysing the columns on this thread. */
export function buildReport(input: BuildInput): DriftReport {
  let done = 0;
  const results = input.plans.map((plan) => {
    const r = analyseColumn(
      plan,
      input.reference.columns.get(plan.name)!,
      input.current.columns.get(plan.name)!,
      input,
    );
    input.onColumn?.(++done, input.plans.length);
    return r;
  });
  return assembleReport(input, results);
}

/**
 * assembleReport puts the column results (in plan order) together with the schema diff,
 * duplicate rows, the dataset rule and the performance block.
 */
export function assembleReport(input: BuildInput, results: readonly ColumnResult[]): DriftReport {
  const { reference, current } = input;
  const dupColumns = (t: DataTable) =>
    input.columnsForDuplicates.map((n) => t.columns.get(n)).filter((c) => c !== undefined);
  return finishReport({
    reference: { rows: reference.rows, header: reference.header, label: input.referenceLabel },
    current: { rows: current.rows, header: current.header, label: input.currentLabel },
    results,
    duplicates: {
      reference: duplicateShare(dupColumns(reference), reference.rows),
      current: duplicateShare(dupColumns(current), current.rows),
    },
    driftShare: input.driftShare,
    performance: input.performance ? buildPerformance(input.performance, reference, current) : null,
  });
}

/** ReportParts is what finishReport assembles, whichever engine computed the columns. */
export interface ReportParts {
  readonly reference: { rows: number; header: readonly string[]; label: string };
  readonly current: { rows: number; header: readonly string[]; label: string };
  readonly results: readonly ColumnResult[];
  readonly duplicates: DataQuality['duplicate_share'];
  readonly driftShare: number;
  readonly performance: DriftReport['performance'];
}

/** finishReport adds the schema diff, the duplicate-row finding and the dataset rule to column results. */
export function finishReport(parts: ReportParts): DriftReport {
  const { reference, current, results } = parts;
  const columns = results.map((r) => r.drift);
  const qualities = results.map((r) => r.quality);
  const findings = results.flatMap((r) => r.findings);
  const changedType = results.flatMap((r) => (r.changedType === null ? [] : [r.changedType]));

  const currentNames = new Set(current.header);
  const referenceNames = new Set(reference.header);
  const missingInCurrent = reference.header.filter((n) => !currentNames.has(n));
  const newInCurrent = current.header.filter((n) => !referenceNames.has(n));
  for (const n of missingInCurrent) {
    findings.push({
      column: n,
      check: 'missing_column',
      severity: 'critical',
      message: 'column missing from current',
    });
  }
  for (const n of newInCurrent) {
    findings.push({
      column: n,
      check: 'new_column',
      severity: 'info',
      message: 'new column in current',
    });
  }
  const dupFinding = duplicateFinding(parts.duplicates.reference, parts.duplicates.current);
  if (dupFinding) findings.push(dupFinding);

  const tested = columns.filter((c) => c.error === undefined);
  const dataset = datasetDrift(tested, { driftShare: parts.driftShare });
  return {
    reference: { rows: reference.rows, source: reference.label },
    current: { rows: current.rows, source: current.label },
    columns,
    dataset: {
      drifted_columns: dataset.driftedColumns,
      columns: dataset.columns,
      share: dataset.share,
      threshold: dataset.threshold,
      drifted: dataset.drifted,
    },
    data_quality: {
      columns: qualities,
      schema: {
        missing_in_current: missingInCurrent,
        new_in_current: newInCurrent,
        changed_type: changedType,
      },
      duplicate_share: parts.duplicates,
      findings: sortFindings(findings),
    },
    performance: parts.performance,
  };
}
