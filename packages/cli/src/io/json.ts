// JSON readers: a JSON array of records (the whole file is parsed at once, as JSON requires) and
// JSON Lines (one record per line, streamed block by block).

import { isUtf8 } from 'node:buffer';
import { inputError } from '../errors.js';
import { BlockReader } from './block-reader.js';
import { locateJsonError } from './json-locate.js';
import { openInput } from './open.js';
import { describeJsonValue, RecordBuilder } from './record-builder.js';
import type { DataTable } from './table.js';
import { firstInvalidUtf8, lineAndColumn } from './utf8.js';

const LF = 10;

/** JsonOptions configure the JSON readers. */
export interface JsonOptions {
  /** columns keeps only these columns; undefined keeps all. */
  columns?: ReadonlySet<string>;
  onProgress?: (bytes: number, total: number) => void;
}

function project(table: DataTable, columns: ReadonlySet<string> | undefined): DataTable {
  if (columns === undefined) return table;
  const kept = new Map([...table.columns].filter(([name]) => columns.has(name)));
  return { ...table, names: table.names.filter((n) => kept.has(n)), columns: kept };
}

/** syntaxLocation finds the line and column (in characters) of the first JSON syntax error. */
function syntaxLocation(text: string): { line: number; column: number } | null {
  const at = locateJsonError(text);
  if (at < 0) return null;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: at - lineStart + 1 };
}

/**
 * readJson reads a file holding one JSON array of objects (records). Example:
 * [{"a": 1, "b": "x"}, {"a": 2}] -> a: [1, 2], b: ["x", null].
 */
export async function readJson(path: string, options: JsonOptions = {}): Promise<DataTable> {
  const { handle, size } = await openInput(path);
  let bytes: Buffer;
  try {
    if (size === 0) throw inputError(path, 'empty file');
    bytes = await handle.readFile();
  } finally {
    await handle.close();
  }
  if (!isUtf8(bytes)) {
    const bad = firstInvalidUtf8(bytes, 0, bytes.length);
    const at = lineAndColumn(bytes, 0, bad, 1);
    throw inputError(
      `${path}:${at.line}`,
      `invalid UTF-8 (byte 0x${bytes[bad].toString(16)} at column ${at.column})`,
    );
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') throw inputError(path, 'empty file');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = syntaxLocation(text);
    // V8 quotes a snippet of the input in its message; the location says more in one line.
    const reason = message
      .replace(/, ".*" is not valid JSON$/s, '')
      .replace(/ in JSON at position \d+.*$/s, '');
    throw inputError(
      at ? `${path}:${at.line}` : path,
      `invalid JSON at column ${at?.column ?? '?'} (${reason})`,
    );
  }
  if (!Array.isArray(data)) {
    throw inputError(
      path,
      `expected a JSON array of objects (records), found ${describeJsonValue(data)}`,
    );
  }
  const builder = new RecordBuilder();
  for (let i = 0; i < data.length; i++) {
    const record = data[i];
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw inputError(
        path,
        `record ${i + 1}: expected an object, found ${describeJsonValue(record)}`,
      );
    }
    builder.add(record as Record<string, unknown>);
  }
  options.onProgress?.(size, size);
  if (builder.rows === 0) throw inputError(path, 'no records (empty array)');
  const { names, columns } = builder.finish();
  return project(
    { source: path, rows: builder.rows, names, columns, header: names },
    options.columns,
  );
}

/**
 * readJsonLines reads JSON Lines: one JSON object per line, blank lines ignored. Errors name the
 * line. Example: '{"a":1}\n{"a":2,"b":"x"}\n' -> a: [1, 2], b: [null, "x"].
 */
export async function readJsonLines(path: string, options: JsonOptions = {}): Promise<DataTable> {
  const { handle, size } = await openInput(path);
  const builder = new RecordBuilder();
  try {
    if (size === 0) throw inputError(path, 'empty file');
    const reader = new BlockReader(handle, path);
    let line = 1;
    let pos = 0;
    await reader.fill(0, () => line);
    for (;;) {
      const buf = reader.buffer;
      const end = reader.filled;
      for (;;) {
        let nl = buf.indexOf(LF, pos);
        if (nl === -1 || nl >= end) {
          if (!reader.eof) break;
          if (pos >= end) break;
          nl = end;
        }
        let text = buf.toString('utf8', pos, nl);
        if (line === 1) text = text.replace(/^\uFEFF/, '');
        if (text.trim() !== '') {
          let record: unknown;
          try {
            record = JSON.parse(text);
          } catch (error) {
            throw inputError(
              `${path}:${line}`,
              `invalid JSON (${error instanceof Error ? error.message : String(error)})`,
            );
          }
          if (record === null || typeof record !== 'object' || Array.isArray(record)) {
            throw inputError(
              `${path}:${line}`,
              `expected a JSON object, found ${describeJsonValue(record)}`,
            );
          }
          builder.add(record as Record<string, unknown>);
        }
        line++;
        pos = nl + 1;
      }
      options.onProgress?.(reader.consumedTotal + Math.min(pos, end), size);
      if (reader.eof) break;
      await reader.fill(pos, () => line);
      pos = 0;
    }
  } finally {
    await handle.close();
  }
  if (builder.rows === 0) throw inputError(path, 'no records (only blank lines)');
  const { names, columns } = builder.finish();
  return project(
    { source: path, rows: builder.rows, names, columns, header: names },
    options.columns,
  );
}
