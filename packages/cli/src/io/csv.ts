// A streaming CSV/TSV reader that goes straight from bytes to columns. It reads the file in 4 MB
// blocks (the whole text is never held), parses numbers from the bytes without making strings, and
// stores each column in 64 Ki-row Float64Array chunks. RFC 4180 quoting ("a ""b""", embedded line
// breaks), CRLF, a UTF-8 BOM and blank lines are handled; every error names file:line.

import type { Buffer } from 'node:buffer';
import { inputError } from '../errors.js';
import { BlockReader } from './block-reader.js';
import { CR, LF, QUOTE, scanQuoted, unquote } from './dsv-fields.js';
import { DsvParser } from './dsv-parser.js';
import { openInput } from './open.js';
import type { DataTable } from './table.js';

/** DsvOptions configure readDsv: the delimiter byte, the columns to keep, and a progress callback. */
export interface DsvOptions {
  /** delimiter is the field separator: 44 (",") for CSV, 9 (tab) for TSV. */
  delimiter: number;
  /** columns keeps only these columns (others are scanned, not stored); undefined keeps all. */
  columns?: ReadonlySet<string>;
  /** onProgress receives the bytes consumed so far and the file size. */
  onProgress?: (bytes: number, total: number) => void;
}

/** Record is one parsed record as strings, used for the header. */
interface SplitRecord {
  fields: string[];
  next: number;
  lines: number;
}

/**
 * splitRecord parses one record at bytes[p] into strings; null when the block ends first and more
 * input may follow. Used for the header only; data rows take the typed fast path in DsvParser.
 */
function splitRecord(
  bytes: Buffer,
  p: number,
  end: number,
  final: boolean,
  delimiter: number,
  where: () => string,
): SplitRecord | null {
  const fields: string[] = [];
  let lines = 0;
  for (;;) {
    if (p < end && bytes[p] === QUOTE) {
      const parsed = scanQuoted(bytes, p, end, final, where);
      if (parsed === null) return null;
      fields.push(unquote(bytes, p + 1, parsed.close, parsed.escaped));
      lines += parsed.lines;
      p = parsed.close + 1;
      if (p < end && bytes[p] !== delimiter && bytes[p] !== LF && bytes[p] !== CR) {
        throw inputError(where(), 'unexpected character after a closing quote');
      }
    } else {
      let i = p;
      while (i < end && bytes[i] !== delimiter && bytes[i] !== LF && bytes[i] !== CR) i++;
      if (i === end && !final) return null;
      fields.push(bytes.toString('utf8', p, i));
      p = i;
    }
    if (p >= end) return { fields, next: p, lines };
    const c = bytes[p];
    if (c === delimiter) {
      p++;
      if (p >= end && !final) return null;
      continue;
    }
    if (c === CR) {
      if (p + 1 >= end && !final) return null;
      p += bytes[p + 1] === LF ? 2 : 1;
    } else {
      p++;
    }
    return { fields, next: p, lines };
  }
}

/** headerNames fixes empty and duplicate names the way pandas does ("Unnamed: 3", "a.1"). */
export function headerNames(fields: string[]): string[] {
  const used = new Set<string>();
  const suffix = new Map<string, number>();
  return fields.map((raw, i) => {
    const base = raw === '' ? `Unnamed: ${i}` : raw;
    let name = base;
    let k = suffix.get(base) ?? 0;
    while (used.has(name)) {
      k++;
      name = `${base}.${k}`;
    }
    suffix.set(base, k);
    used.add(name);
    return name;
  });
}

/** readDsvHeader returns the column names of a CSV/TSV file without reading its rows. */
export async function readDsvHeader(path: string, delimiter: number): Promise<string[]> {
  const { handle, size } = await openInput(path);
  try {
    if (size === 0) throw inputError(path, 'empty file');
    const reader = new BlockReader(handle, path);
    const header = await readHeaderRecord(reader, delimiter);
    return header.names;
  } finally {
    await handle.close();
  }
}

async function readHeaderRecord(
  reader: BlockReader,
  delimiter: number,
): Promise<{ names: string[]; next: number; lines: number }> {
  await reader.fill(0, () => 1);
  for (;;) {
    let start = 0;
    // Skip a UTF-8 byte-order mark and leading blank lines.
    if (reader.buffer[0] === 0xef && reader.buffer[1] === 0xbb && reader.buffer[2] === 0xbf)
      start = 3;
    let blank = 0;
    while (start < reader.filled && (reader.buffer[start] === LF || reader.buffer[start] === CR)) {
      if (reader.buffer[start] === LF) blank++;
      start++;
    }
    if (start >= reader.filled && reader.eof) throw inputError(reader.label, 'empty file');
    const record = splitRecord(
      reader.buffer,
      start,
      reader.filled,
      reader.eof,
      delimiter,
      () => `${reader.label}:${1 + blank}`,
    );
    if (record !== null) {
      return {
        names: headerNames(record.fields),
        next: record.next,
        lines: blank + record.lines + 1,
      };
    }
    if (reader.eof) throw inputError(reader.label, 'empty file');
    await reader.fill(0, () => 1);
  }
}

/**
 * readDsv reads a delimited text file (CSV, TSV) into columns. The first record is the header.
 * Cells in NA_TOKENS are missing; a column is numeric while every other cell parses as a number.
 * Example: "a,b\n1,x\n,y\n" -> a: Float64Array [1, NaN], b: ["x", "y"].
 */
export async function readDsv(path: string, options: DsvOptions): Promise<DataTable> {
  const { handle, size } = await openInput(path);
  try {
    if (size === 0) throw inputError(path, 'empty file');
    const reader = new BlockReader(handle, path);
    const header = await readHeaderRecord(reader, options.delimiter);
    const keep = header.names.map((n) => options.columns === undefined || options.columns.has(n));
    const parser = new DsvParser(path, header.names, keep, options.delimiter, header.lines + 1);
    let pos = header.next;
    for (;;) {
      pos = parser.parse(reader.buffer, pos, reader.filled, reader.eof);
      options.onProgress?.(reader.consumedTotal + pos, size);
      if (reader.eof) break;
      await reader.fill(pos, () => parser.line);
      pos = 0;
    }
    if (parser.rows === 0) throw inputError(path, 'no data rows (only a header)');
    const columns = parser.finish();
    return {
      source: path,
      rows: parser.rows,
      names: header.names.filter((n) => columns.has(n)),
      columns,
      header: header.names,
    };
  } finally {
    await handle.close();
  }
}

/** StreamChunk is one batch of rows from streamDsv, as a small DataTable. */
export type StreamChunk = DataTable;

/**
 * streamDsv reads a CSV/TSV file like readDsv but hands the rows over in batches of about
 * `batchRows` (default 32,768) and never holds more than one batch, so memory is bounded by the
 * column count, not the row count. Column modes carry over batches: a numeric column that meets
 * text switches to strings from that batch on (earlier batches stay numbers). Resolves to the row
 * count and the header.
 */
export async function streamDsv(
  path: string,
  options: DsvOptions & { batchRows?: number },
  onChunk: (chunk: StreamChunk) => void,
): Promise<{ rows: number; header: string[] }> {
  const { handle, size } = await openInput(path);
  try {
    if (size === 0) throw inputError(path, 'empty file');
    const reader = new BlockReader(handle, path);
    const header = await readHeaderRecord(reader, options.delimiter);
    const keep = header.names.map((n) => options.columns === undefined || options.columns.has(n));
    const parser = new DsvParser(path, header.names, keep, options.delimiter, header.lines + 1);
    const batch = options.batchRows ?? 32_768;
    let total = 0;
    const flush = () => {
      const rows = parser.rows;
      if (rows === 0) return;
      const columns = parser.drain();
      total += rows;
      onChunk({
        source: path,
        rows,
        names: header.names.filter((n) => columns.has(n)),
        columns,
        header: header.names,
      });
    };
    let pos = header.next;
    for (;;) {
      pos = parser.parse(reader.buffer, pos, reader.filled, reader.eof);
      options.onProgress?.(reader.consumedTotal + pos, size);
      if (parser.rows >= batch) flush();
      if (reader.eof) break;
      await reader.fill(pos, () => parser.line);
      pos = 0;
    }
    flush();
    if (total === 0) throw inputError(path, 'no data rows (only a header)');
    return { rows: total, header: header.names };
  } finally {
    await handle.close();
  }
}
