// The row parser of the CSV/TSV reader: blocks of bytes in, typed columns out. Numbers are parsed
// from the bytes in the same pass that finds the field's end; columns are stored in 64 Ki-row
// Float64Array chunks and switch to strings the first time a cell is neither a number nor missing.

import type { Buffer } from 'node:buffer';
import { inputError } from '../errors.js';
import { CR, LF, parseLongNumber, QUOTE, scanQuoted, unquote } from './dsv-fields.js';
import { parseNumberBytes, parseNumberText } from './parse-number.js';
import type { RawColumn } from './table.js';
import { CHUNK_ROWS, NA_TOKENS, numberToString, StringInterner } from './table.js';

const MASK = CHUNK_ROWS - 1;
const TWO_53 = 9007199254740992;
// Powers of ten by repeated multiplication: each is exact up to 10^22.
const POW10 = new Float64Array(23);
POW10[0] = 1;
for (let i = 1; i < 23; i++) POW10[i] = POW10[i - 1] * 10;

const SKIP = 0;
const NUMBER = 1;
const STRING = 2;

/**
 * DsvParser turns blocks of bytes into typed columns. Columns start as numbers and switch to strings
 * the first time a cell is neither a number nor a missing-value token.
 */
export class DsvParser {
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

  /**
   * drain hands over the rows parsed so far as columns and starts again from row 0, keeping the
   * line count and each column's mode (a column that turned to strings stays strings). Streaming
   * readers call it between blocks so memory holds one chunk, not the file. A single chunk is
   * returned as a view (no copy); the next row allocates a fresh chunk.
   */
  drain(): Map<string, RawColumn> {
    const out = this.finish();
    for (let c = 0; c < this.names.length; c++) this.#strings[c] = [];
    this.rows = 0;
    this.#chunkRow = -1;
    return out;
  }

  /** finish assembles the columns that were kept. */
  finish(): Map<string, RawColumn> {
    const out = new Map<string, RawColumn>();
    const rows = this.rows;
    for (let c = 0; c < this.names.length; c++) {
      const mode = this.#modes[c];
      if (mode === NUMBER) {
        const chunks = [...this.#numbers[c], this.#current[c]];
        this.#numbers[c] = [];
        this.#current[c] = new Float64Array(0);
        if (chunks.length === 1) {
          // Everything sits in one chunk: hand out a view instead of copying.
          out.set(this.names[c], { type: 'number', values: chunks[0].subarray(0, rows) });
          continue;
        }
        const values = new Float64Array(rows);
        let offset = 0;
        for (const chunk of chunks) {
          const n = Math.min(chunk.length, rows - offset);
          values.set(n === chunk.length ? chunk : chunk.subarray(0, n), offset);
          offset += n;
        }
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
