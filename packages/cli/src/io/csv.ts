// A streaming CSV/TSV reader that goes straight from bytes to columns. It reads the file in 4 MB
// blocks (the whole text is never held), parses numbers from the bytes without making strings, and
// stores each column in 64 Ki-row Float64Array chunks. RFC 4180 quoting ("a ""b""", embedded line
// breaks), CRLF, a UTF-8 BOM and blank lines are handled; every error names file:line.

import { inputError } from '../errors.js';
import { BlockReader } from './block-reader.js';
import { openInput } from './open.js';
import { parseNumberBytes, parseNumberText } from './parse-number.js';
import type { DataTable, RawColumn } from './table.js';
import { CHUNK_ROWS, NA_TOKENS, numberToString, StringInterner } from './table.js';

const LF = 10;
const CR = 13;
const QUOTE = 34;
const MASK = CHUNK_ROWS - 1;
const TWO_53 = 9007199254740992;
// Powers of ten by repeated multiplication: each is exact up to 10^22.
const POW10 = new Float64Array(23);
POW10[0] = 1;
for (let i = 1; i < 23; i++) POW10[i] = POW10[i - 1] * 10;

const SKIP = 0;
const NUMBER = 1;
const STRING = 2;

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

/** scanQuoted finds the closing quote of a quoted field starting at p; null if the block ends first. */
function scanQuoted(
  bytes: Buffer,
  p: number,
  end: number,
  final: boolean,
  where: () => string,
): { close: number; escaped: boolean; lines: number } | null {
  let i = p + 1;
  let escaped = false;
  for (;;) {
    const k = bytes.indexOf(QUOTE, i);
    if (k === -1 || k >= end) {
      if (final) throw inputError(where(), 'unterminated quoted field');
      return null;
    }
    if (k + 1 >= end && !final) return null;
    if (bytes[k + 1] === QUOTE) {
      escaped = true;
      i = k + 2;
      continue;
    }
    let lines = 0;
    for (let j = p + 1; j < k; j++) if (bytes[j] === LF) lines++;
    return { close: k, escaped, lines };
  }
}

/**
 * parseLongNumber handles decimals outside the exact fast path (17+ significant digits, as numpy's
 * savetxt writes them, or large exponents): when every byte is a digit, sign, point or exponent
 * mark, JavaScript's own Number() parses the text, correctly rounded. Returns undefined otherwise.
 */
function parseLongNumber(bytes: Buffer, start: number, end: number): number | undefined {
  let digits = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i];
    if (c >= 48 && c <= 57) digits++;
    else if (c !== 43 && c !== 45 && c !== 46 && c !== 101 && c !== 69) return undefined;
  }
  if (digits === 0) return undefined;
  const v = Number(bytes.toString('latin1', start, end));
  return Number.isNaN(v) ? undefined : v;
}

function unquote(bytes: Buffer, start: number, end: number, escaped: boolean): string {
  const s = bytes.toString('utf8', start, end);
  return escaped ? s.replaceAll('""', '"') : s;
}

/**
 * DsvParser turns blocks of bytes into typed columns. Columns start as numbers and switch to strings
 * the first time a cell is neither a number nor a missing-value token.
 */
class DsvParser {
  readonly names: string[];
  readonly label: string;
  line: number;
  rows = 0;
  readonly #delimiter: number;
  readonly #modes: Uint8Array;
  readonly #numbers: Float64Array[][];
  readonly #current: Float64Array[];
  readonly #strings: (string | null)[][];
  readonly #interners: StringInterner[];
  #chunkRow = -1;

  constructor(label: string, names: string[], keep: boolean[], delimiter: number, line: number) {
    this.label = label;
    this.names = names;
    this.line = line;
    this.#delimiter = delimiter;
    this.#modes = new Uint8Array(names.length);
    this.#numbers = names.map(() => []);
    this.#current = names.map(() => new Float64Array(0));
    this.#strings = names.map(() => []);
    this.#interners = names.map(() => new StringInterner());
    for (let c = 0; c < names.length; c++) this.#modes[c] = keep[c] ? NUMBER : SKIP;
  }

  /**
   * parse consumes the complete records in bytes[start, end) and returns where the first incomplete
   * one begins (end when everything was consumed). With final=true the block is the file's tail.
   */
  parse(bytes: Buffer, start: number, end: number, final: boolean): number {
    const delimiter = this.#delimiter;
    const ncols = this.names.length;
    const modes = this.#modes;
    const numbers = this.#current;
    let p = start;
    while (p < end) {
      const recordStart = p;
      let c = bytes[p];
      // Blank lines are skipped, as pandas does by default.
      if (c === LF) {
        p++;
        this.line++;
        continue;
      }
      if (c === CR) {
        if (p + 1 >= end && !final) return recordStart;
        p += bytes[p + 1] === LF ? 2 : 1;
        this.line++;
        continue;
      }
      const row = this.rows;
      if ((row & MASK) === 0 && this.#chunkRow !== row) {
        // A record cut by the block end is parsed again; allocate its chunk only once.
        this.#chunkRow = row;
        this.#newChunk();
      }
      const offset = row & MASK;
      let col = 0;
      let lines = 0;
      for (;;) {
        let fieldStart = p;
        let fieldEnd: number;
        let quoted = false;
        let escaped = false;
        if (col < ncols && modes[col] === NUMBER && p < end && bytes[p] !== QUOTE) {
          // Fast path: parse a plain decimal while scanning the field (one pass over the bytes).
          // Exact by Clinger's fast path (mantissa < 2^53, |exponent| <= 22), else fall back below.
          let i = p;
          c = bytes[i];
          let negative = false;
          if (c === 45) {
            negative = true;
            c = ++i < end ? bytes[i] : 0;
          }
          let mantissa = 0;
          let digits = 0;
          let exponent = 0;
          while (c >= 48 && c <= 57) {
            mantissa = mantissa * 10 + (c - 48);
            digits++;
            c = ++i < end ? bytes[i] : 0;
          }
          if (c === 46) {
            c = ++i < end ? bytes[i] : 0;
            while (c >= 48 && c <= 57) {
              mantissa = mantissa * 10 + (c - 48);
              digits++;
              exponent--;
              c = ++i < end ? bytes[i] : 0;
            }
          }
          if (
            digits > 0 &&
            (c === delimiter || c === LF || c === CR || (i >= end && final)) &&
            mantissa < TWO_53 &&
            exponent >= -22
          ) {
            const v = exponent === 0 ? mantissa : mantissa / POW10[-exponent];
            numbers[col][offset] = negative ? -v : v;
            p = i;
            col++;
            if (p >= end) break;
            if (c === delimiter) {
              p++;
              if (p >= end && !final) return recordStart;
              continue;
            }
            if (c === CR) {
              if (p + 1 >= end && !final) return recordStart;
              p += bytes[p + 1] === LF ? 2 : 1;
            } else {
              p++;
            }
            break;
          }
          if (i >= end && !final) return recordStart;
        }
        if (p < end && bytes[p] === QUOTE) {
          const q = scanQuoted(bytes, p, end, final, () => `${this.label}:${this.line}`);
          if (q === null) return recordStart;
          quoted = true;
          escaped = q.escaped;
          lines += q.lines;
          fieldStart = p + 1;
          fieldEnd = q.close;
          p = q.close + 1;
          c = p < end ? bytes[p] : delimiter;
          if (c !== delimiter && c !== LF && c !== CR) {
            throw inputError(
              `${this.label}:${this.line}`,
              'unexpected character after a closing quote',
            );
          }
        } else {
          let i = p;
          while (i < end) {
            c = bytes[i];
            if (c === delimiter || c === LF || c === CR) break;
            i++;
          }
          if (i === end && !final) return recordStart;
          fieldEnd = i;
          p = i;
        }
        if (col < ncols) {
          const mode = modes[col];
          if (mode === NUMBER) {
            let v = quoted ? undefined : parseNumberBytes(bytes, fieldStart, fieldEnd);
            if (v === undefined && !quoted) v = parseLongNumber(bytes, fieldStart, fieldEnd);
            if (v === undefined) {
              const text = quoted
                ? unquote(bytes, fieldStart, fieldEnd, escaped)
                : bytes.toString('utf8', fieldStart, fieldEnd);
              v = NA_TOKENS.has(text) ? Number.NaN : parseNumberText(text);
              if (v === undefined) {
                this.#toStrings(col, row);
                this.#strings[col][row] = this.#interners[col].intern(text);
              } else {
                this.#current[col][offset] = v;
              }
            } else {
              this.#current[col][offset] = v;
            }
          } else if (mode === STRING) {
            const text = quoted
              ? unquote(bytes, fieldStart, fieldEnd, escaped)
              : bytes.toString('utf8', fieldStart, fieldEnd);
            this.#strings[col][row] = NA_TOKENS.has(text)
              ? null
              : this.#interners[col].intern(text);
          }
        }
        col++;
        if (p >= end) break; // final block: the file ends inside the last record
        c = bytes[p];
        if (c === delimiter) {
          p++;
          if (p >= end && !final) return recordStart;
          continue;
        }
        if (c === CR) {
          if (p + 1 >= end && !final) return recordStart;
          p += bytes[p + 1] === LF ? 2 : 1;
        } else {
          p++;
        }
        break;
      }
      if (col !== ncols) {
        throw inputError(`${this.label}:${this.line}`, `expected ${ncols} fields, found ${col}`);
      }
      this.line += 1 + lines;
      this.rows++;
    }
    return p;
  }

  #newChunk(): void {
    for (let c = 0; c < this.names.length; c++) {
      if (this.#modes[c] !== NUMBER) continue;
      if (this.#current[c].length > 0) this.#numbers[c].push(this.#current[c]);
      this.#current[c] = new Float64Array(CHUNK_ROWS);
    }
  }

  /** #toStrings switches a numeric column to strings, converting rows [0, row) already parsed. */
  #toStrings(col: number, row: number): void {
    const out = this.#strings[col];
    let k = 0;
    const chunks = [...this.#numbers[col], this.#current[col]];
    for (const chunk of chunks) {
      for (let i = 0; i < chunk.length && k < row; i++, k++) {
        const v = chunk[i];
        out[k] = Number.isNaN(v) ? null : numberToString(v);
      }
    }
    this.#numbers[col] = [];
    this.#current[col] = new Float64Array(0);
    this.#modes[col] = STRING;
  }

  /** finish assembles the columns that were kept. */
  finish(): Map<string, RawColumn> {
    const out = new Map<string, RawColumn>();
    const rows = this.rows;
    for (let c = 0; c < this.names.length; c++) {
      const mode = this.#modes[c];
      if (mode === NUMBER) {
        const values = new Float64Array(rows);
        let offset = 0;
        for (const chunk of [...this.#numbers[c], this.#current[c]]) {
          const n = Math.min(chunk.length, rows - offset);
          values.set(n === chunk.length ? chunk : chunk.subarray(0, n), offset);
          offset += n;
        }
        this.#numbers[c] = [];
        this.#current[c] = new Float64Array(0);
        out.set(this.names[c], { type: 'number', values });
      } else if (mode === STRING) {
        const values = this.#strings[c];
        values.length = rows;
        out.set(this.names[c], { type: 'string', values });
      }
    }
    return out;
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
