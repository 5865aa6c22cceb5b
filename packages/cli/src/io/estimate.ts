// Row counts estimated before reading, for --engine auto: exact for Parquet (metadata), from the
// first megabyte for text formats (line or record density times the file size).

import type { InputFormat } from './format.js';
import { openInput } from './open.js';
import { readParquetRows } from './parquet.js';

const SAMPLE_BYTES = 1 << 20;

/**
 * estimateRows estimates a file's data rows: Parquet from its metadata; CSV, TSV and JSON Lines
 * by the line breaks in the first MB scaled to the file size (exact when the file is smaller);
 * JSON arrays by the '{' count likewise. Example: a 773 MB CSV with 773-byte rows → about 1M.
 */
export async function estimateRows(path: string, format: InputFormat): Promise<number> {
  if (format === 'parquet') return readParquetRows(path);
  const { handle, size } = await openInput(path);
  try {
    const buffer = Buffer.allocUnsafe(Math.min(SAMPLE_BYTES, size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const mark = format === 'json' ? 0x7b : 0x0a;
    let marks = 0;
    for (let i = 0; i < bytesRead; i++) if (buffer[i] === mark) marks++;
    if (bytesRead === 0) return 0;
    const scaled = bytesRead >= size ? marks : Math.round((marks * size) / bytesRead);
    // The CSV/TSV header line is not a row.
    return format === 'csv' || format === 'tsv' ? Math.max(0, scaled - 1) : scaled;
  } finally {
    await handle.close();
  }
}
