// The messages between the main thread and the analysis worker. Numeric columns travel as
// Float64Arrays whose buffers are transferred (moved, not copied) both ways.

import type { ColumnPlan } from '../drift/plan.js';
import type { ReadRequest } from '../io/read.js';
import type { DataTable, RawColumn } from '../io/table.js';
import type { ColumnOptions, ColumnResult } from '../report/build.js';
import type { SketchSpec, StreamFile } from '../sketch/run.js';
import type { SideSketch } from '../sketch/side.js';

/** AnalyseItem is one column sent to the worker, with its index in the plan. */
export interface AnalyseItem {
  readonly index: number;
  readonly plan: ColumnPlan;
  readonly reference: RawColumn;
  readonly current: RawColumn;
}

/** ToWorker is what the main thread asks: read a file, or analyse some columns. */
export type ToWorker =
  | { readonly type: 'read'; readonly request: Omit<ReadRequest, 'onProgress'> }
  | { readonly type: 'analyse'; readonly items: AnalyseItem[]; readonly options: ColumnOptions }
  | {
      readonly type: 'sketch';
      readonly file: StreamFile;
      readonly specs: SketchSpec[];
      readonly duplicateColumns: string[];
    };

/** WorkerError carries a CliError (kind usage/input) or an unexpected error across threads. */
export interface WorkerError {
  readonly kind: 'usage' | 'input' | 'internal';
  readonly message: string;
}

/** FromWorker is what the worker answers: progress, a table, column results, or an error. */
export type FromWorker =
  | { readonly type: 'progress'; readonly fraction: number }
  | { readonly type: 'table'; readonly table: DataTable }
  | {
      readonly type: 'results';
      readonly results: { index: number; result: ColumnResult }[];
      /** The columns, handed back so the main thread's tables are whole again. */
      readonly items: AnalyseItem[];
    }
  | { readonly type: 'side'; readonly side: SideSketch }
  | { readonly type: 'error'; readonly error: WorkerError };

/** transferables lists the buffers of numeric columns, to move rather than copy them. */
export function transferables(columns: Iterable<RawColumn>): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const c of columns) if (c.type === 'number') out.add(c.values.buffer as ArrayBuffer);
  return [...out];
}
