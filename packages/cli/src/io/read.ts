// One entry point over the readers: header peek (to validate column names before the long read)
// and the full read, dispatched by format.

import { inputError } from '../errors.js';
import { readDsv, readDsvHeader } from './csv.js';
import type { InputFormat } from './format.js';
import { readJson, readJsonLines } from './json.js';
import { readParquet, readParquetHeader } from './parquet.js';
import type { DataTable } from './table.js';

/** ReadRequest says what to read from one file. */
export interface ReadRequest {
  path: string;
  format: InputFormat;
  /** delimiter overrides the CSV/TSV separator (one character). */
  delimiter?: string;
  /** columns restricts the read to these columns; undefined reads all. */
  columns?: ReadonlySet<string>;
  /** prune lets the Parquet reader skip row groups outside time intervals (epoch ms, half-open). */
  prune?: { column: string; intervals: ReadonlyArray<readonly [number, number]> };
  /** onProgress receives a fraction in [0, 1]. */
  onProgress?: (fraction: number) => void;
}

function delimiterByte(request: ReadRequest): number {
  if (request.delimiter !== undefined)
    return request.delimiter === '\\t' ? 9 : request.delimiter.charCodeAt(0);
  return request.format === 'tsv' ? 9 : 44;
}

/** readHeader returns a file's column names without reading rows, or null for JSON formats (names come with the rows). */
export async function readHeader(request: ReadRequest): Promise<string[] | null> {
  switch (request.format) {
    case 'csv':
    case 'tsv':
      return readDsvHeader(request.path, delimiterByte(request));
    case 'parquet':
      return readParquetHeader(request.path);
    default:
      return null;
  }
}

/** readTable reads a file into a column-oriented DataTable. */
export async function readTable(request: ReadRequest): Promise<DataTable> {
  const progress = request.onProgress;
  const byBytes = progress
    ? (done: number, total: number) => progress(total > 0 ? done / total : 1)
    : undefined;
  let table: DataTable;
  switch (request.format) {
    case 'csv':
    case 'tsv':
      table = await readDsv(request.path, {
        delimiter: delimiterByte(request),
        columns: request.columns,
        onProgress: byBytes,
      });
      break;
    case 'json':
      table = await readJson(request.path, { columns: request.columns, onProgress: byBytes });
      break;
    case 'jsonl':
      table = await readJsonLines(request.path, { columns: request.columns, onProgress: byBytes });
      break;
    case 'parquet':
      table = await readParquet(request.path, {
        columns: request.columns,
        prune: request.prune,
        onProgress: byBytes,
      });
      if (table.rows === 0 && request.prune === undefined)
        throw inputError(request.path, 'no data rows');
      break;
  }
  return table;
}
