// Turning a reference file into a baseline: read it with the drift readers (time range and derived
// columns included), then profile each column with the core. Numeric profiles get histogram edges
// fixed from the reference, so every later window profile shares them and PSI can compare.
import {
  type ColumnProfile,
  createCategoricalProfile,
  numericProfileFromReference,
  profileToBytes,
  updateCategorical,
} from '@vigil/core';
import { inputError } from '../errors.js';
import { applyDerive, type DeriveSpec } from '../io/derive.js';
import { detectFormat } from '../io/format.js';
import { readTable } from '../io/read.js';
import type { DataTable } from '../io/table.js';
import type { TimeRange } from '../io/time.js';
import { splitByTime } from '../io/time-split.js';

/** ReferenceRequest says which rows and columns of a file make the baseline. */
export interface ReferenceRequest {
  readonly path: string;
  /** Time column: used for `range` and `derive`, never profiled itself. */
  readonly timeColumn?: string;
  readonly range?: TimeRange;
  readonly derive?: readonly DeriveSpec[];
}

/** ProfiledColumn is one column of the reference, profiled. */
export interface ProfiledColumn {
  readonly name: string;
  readonly kind: 'numerical' | 'categorical';
  readonly profile: ColumnProfile;
}

/** ReferenceProfiles are the profiled columns and the row count they came from. */
export interface ReferenceProfiles {
  readonly rows: number;
  readonly columns: readonly ProfiledColumn[];
}

/**
 * readReference reads the file, derives the requested columns and keeps the rows whose time lies
 * in `range` (the time column must then be given). Errors are CliErrors naming the file.
 */
export async function readReference(request: ReferenceRequest): Promise<DataTable> {
  let table = await readTable({
    path: request.path,
    format: detectFormat(request.path, undefined),
  });
  for (const d of request.derive ?? []) table = applyDerive(table, d);
  if (request.range !== undefined) {
    if (request.timeColumn === undefined)
      throw inputError(request.path, '--range needs --time-column');
    table = splitByTime(table, request.timeColumn, request.range, '--range');
  }
  return table;
}

/**
 * profileReference profiles every column but the time column (and date/time columns, which are
 * positions in time rather than features): numbers with numericProfileFromReference, text with a
 * categorical profile. A column with no finite value at all is skipped, as it has no edges.
 */
export function profileReference(
  table: DataTable,
  options: { timeColumn?: string } = {},
): ReferenceProfiles {
  const columns: ProfiledColumn[] = [];
  for (const name of table.names) {
    if (name === options.timeColumn) continue;
    const column = table.columns.get(name);
    if (column === undefined) continue;
    if (column.type === 'number') {
      if (column.temporal === true) continue;
      const p = numericProfileFromReference(column.values);
      if (!p.ok) continue;
      columns.push({ name, kind: 'numerical', profile: p.value });
    } else {
      const p = createCategoricalProfile();
      // Default options are valid by construction.
      if (!p.ok) throw new Error(`profileReference: ${p.error.message}`);
      updateCategorical(p.value, column.values);
      columns.push({ name, kind: 'categorical', profile: p.value });
    }
  }
  if (columns.length === 0) throw inputError(table.source, 'no column to profile');
  return { rows: table.rows, columns };
}

/** profilesBody is the JSON body of POST /v1/models/:model/baselines/profiles (binary profiles). */
export function profilesBody(
  profiles: ReferenceProfiles,
  options: { name: string; path: string; activate?: boolean },
): Record<string, unknown> {
  return {
    name: options.name,
    source: { kind: 'file', path: options.path },
    row_count: profiles.rows,
    activate: options.activate ?? true,
    columns: profiles.columns.map((c) => ({
      role: 'feature',
      name: c.name,
      profile: Buffer.from(profileToBytes(c.profile)).toString('base64'),
    })),
  };
}
