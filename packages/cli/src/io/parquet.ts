// Parquet reader on hyparquet (pure JS) with its ZSTD/Snappy/gzip/Brotli/LZ4 decompressors. It reads
// only the requested columns, skips row groups whose min/max statistics cannot meet a time filter,
// and writes each decoded page straight into a preallocated Float64Array or string array.

import type { FileHandle } from 'node:fs/promises';
import type { AsyncBuffer, FileMetaData, SchemaElement } from 'hyparquet';
import { parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { CliError, inputError } from '../errors.js';
import { openInput } from './open.js';
import type { DataTable, RawColumn } from './table.js';

/** ParquetOptions configure readParquet. */
export interface ParquetOptions {
  /** columns keeps only these columns; undefined keeps all. */
  columns?: ReadonlySet<string>;
  /**
   * prune skips row groups whose statistics for `column` show no value in any half-open interval
   * [lo, hi) (epoch milliseconds for timestamps). Rows are still filtered exactly afterwards.
   */
  prune?: { column: string; intervals: ReadonlyArray<readonly [number, number]> };
  /** onProgress receives row groups done and row groups to read. */
  onProgress?: (done: number, total: number) => void;
}

// Timestamps become epoch milliseconds (numbers), never Date objects: 3M Dates would cost ~200 MB.
const PARSERS = {
  timestampFromMilliseconds: (v: bigint) => Number(v),
  timestampFromMicroseconds: (v: bigint) => Number(v) / 1e3,
  timestampFromNanoseconds: (v: bigint) => Number(v) / 1e6,
  dateFromDays: (days: number) => days * 86_400_000,
};

/** fileBuffer adapts a file handle to hyparquet's AsyncBuffer (positional reads, no streams). */
function fileBuffer(handle: FileHandle, size: number): AsyncBuffer {
  return {
    byteLength: size,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const stop = end ?? size;
      const out = new Uint8Array(Math.max(0, stop - start));
      let done = 0;
      while (done < out.length) {
        const { bytesRead } = await handle.read(out, done, out.length - done, start + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return out.buffer;
    },
  };
}

/** ColumnPlan says how one Parquet column becomes a RawColumn. */
type ColumnPlan = { name: string; target: 'number' | 'temporal' | 'string' | 'boolean' };

function planColumn(element: SchemaElement, hasChildren: boolean): ColumnPlan['target'] {
  if (hasChildren) return 'string';
  const ctype = element.converted_type;
  const ltype = element.logical_type?.type;
  if (
    ltype === 'TIMESTAMP' ||
    ltype === 'DATE' ||
    ctype === 'TIMESTAMP_MILLIS' ||
    ctype === 'TIMESTAMP_MICROS' ||
    ctype === 'DATE' ||
    element.type === 'INT96'
  ) {
    return 'temporal';
  }
  if (element.type === 'BOOLEAN') return 'boolean';
  if (ctype === 'DECIMAL' || ltype === 'DECIMAL') return 'number';
  if (
    ctype === 'UTF8' ||
    ltype === 'STRING' ||
    ltype === 'ENUM' ||
    ltype === 'JSON' ||
    ltype === 'UUID'
  ) {
    return 'string';
  }
  switch (element.type) {
    case 'INT32':
    case 'INT64':
    case 'FLOAT':
    case 'DOUBLE':
      return 'number';
    default:
      return 'string';
  }
}

function statToMs(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.getTime();
  return undefined;
}

/** selectGroups returns the indexes of the row groups that may hold rows in the prune intervals. */
function selectGroups(metadata: FileMetaData, prune: ParquetOptions['prune']): number[] {
  const groups = metadata.row_groups.map((_, i) => i);
  if (!prune) return groups;
  return groups.filter((g) => {
    const chunk = metadata.row_groups[g].columns.find(
      (c) => c.meta_data?.path_in_schema[0] === prune.column,
    );
    const stats = chunk?.meta_data?.statistics;
    const min = statToMs(stats?.min_value ?? stats?.min);
    const max = statToMs(stats?.max_value ?? stats?.max);
    if (min === undefined || max === undefined) return true;
    return prune.intervals.some(([lo, hi]) => min < hi && max >= lo);
  });
}

/** Sink receives decoded pages of one column at absolute output positions. */
interface Sink {
  write(values: ArrayLike<unknown>, at: number): void;
  finish(): RawColumn;
}

function numberSink(rows: number, temporal: boolean): Sink {
  const out = new Float64Array(rows).fill(Number.NaN);
  return {
    write(values, at) {
      if (
        values instanceof Float64Array ||
        values instanceof Float32Array ||
        values instanceof Int32Array
      ) {
        out.set(values, at);
        return;
      }
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        out[at + i] = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : Number.NaN;
      }
    },
    finish: () =>
      temporal ? { type: 'number', values: out, temporal: true } : { type: 'number', values: out },
  };
}

function stringSink(rows: number, boolean: boolean): Sink {
  const out: (string | null)[] = new Array(rows).fill(null);
  return {
    write(values, at) {
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v === null || v === undefined) continue;
        out[at + i] =
          typeof v === 'string'
            ? v
            : boolean || typeof v !== 'object'
              ? String(v)
              : JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x));
      }
    },
    finish: () => ({ type: 'string', values: out }),
  };
}

/** readParquetMetadata opens a Parquet file and returns its metadata and top-level column names. */
async function withMetadata<T>(
  path: string,
  body: (file: AsyncBuffer, metadata: FileMetaData, names: string[]) => Promise<T>,
): Promise<T> {
  const { handle, size } = await openInput(path);
  try {
    if (size === 0) throw inputError(path, 'empty file');
    const file = fileBuffer(handle, size);
    let metadata: FileMetaData;
    try {
      metadata = await parquetMetadataAsync(file, { parsers: PARSERS });
    } catch (error) {
      throw inputError(
        path,
        `not a valid Parquet file (${error instanceof Error ? error.message : String(error)})`,
        error,
      );
    }
    const names = parquetSchema(metadata).children.map((c) => c.element.name);
    return await body(file, metadata, names);
  } finally {
    await handle.close();
  }
}

/** readParquetHeader returns the top-level column names of a Parquet file. */
export async function readParquetHeader(path: string): Promise<string[]> {
  return withMetadata(path, async (_file, _metadata, names) => names);
}

/**
 * readParquet reads the requested columns of a Parquet file into a DataTable: integers, floats and
 * decimals as Float64Array (INT64/BigInt converted with Number()), timestamps and dates as epoch
 * milliseconds flagged temporal, booleans as "true"/"false", strings as strings, nested values as
 * JSON text.
 */
export async function readParquet(path: string, options: ParquetOptions = {}): Promise<DataTable> {
  return withMetadata(path, async (file, metadata, names) => {
    const tree = parquetSchema(metadata);
    const plans: ColumnPlan[] = tree.children
      .filter((c) => options.columns === undefined || options.columns.has(c.element.name))
      .map((c) => ({ name: c.element.name, target: planColumn(c.element, c.children.length > 0) }));
    const groups = selectGroups(metadata, options.prune);
    // Output positions: selected groups are packed one after another.
    const starts: number[] = [];
    let fileRow = 0;
    const groupStart = metadata.row_groups.map((g) => {
      const s = fileRow;
      fileRow += Number(g.num_rows);
      return s;
    });
    let rows = 0;
    for (const g of groups) {
      starts.push(rows);
      rows += Number(metadata.row_groups[g].num_rows);
    }
    const sinks = new Map<string, Sink>();
    for (const plan of plans) {
      sinks.set(
        plan.name,
        plan.target === 'number' || plan.target === 'temporal'
          ? numberSink(rows, plan.target === 'temporal')
          : stringSink(rows, plan.target === 'boolean'),
      );
    }
    try {
      let done = 0;
      for (let k = 0; k < groups.length; k++) {
        const g = groups[k];
        const first = groupStart[g];
        const base = starts[k];
        if (plans.length > 0) {
          await parquetRead({
            file,
            metadata,
            columns: plans.map((p) => p.name),
            rowStart: first,
            rowEnd: first + Number(metadata.row_groups[g].num_rows),
            compressors,
            parsers: PARSERS,
            onChunk: ({ columnName, columnData, rowStart }) => {
              sinks
                .get(columnName)
                ?.write(columnData as ArrayLike<unknown>, base + rowStart - first);
            },
          });
        }
        options.onProgress?.(++done, groups.length);
      }
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw inputError(
        path,
        `cannot decode Parquet data (${error instanceof Error ? error.message : String(error)})`,
        error,
      );
    }
    const columns = new Map<string, RawColumn>();
    for (const plan of plans) columns.set(plan.name, sinks.get(plan.name)!.finish());
    return { source: path, rows, names: plans.map((p) => p.name), columns, header: names };
  });
}

/** readParquetRows returns a Parquet file's row count from its metadata, without reading data. */
export async function readParquetRows(path: string): Promise<number> {
  return withMetadata(path, async (_file, metadata) => Number(metadata.num_rows));
}
