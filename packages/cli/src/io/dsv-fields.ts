// Field-level helpers shared by the CSV header reader and the row parser: quoted-field scanning
// (RFC 4180: "" escapes a quote, line breaks allowed inside quotes) and number fallbacks.

import type { Buffer } from 'node:buffer';
import { inputError } from '../errors.js';

/** LF is the line-feed byte, which ends a record (CRLF too). */
export const LF = 10;
/** CR is the carriage-return byte, part of a CRLF record end. */
export const CR = 13;
/** QUOTE is the double-quote byte that opens and closes quoted fields. */
export const QUOTE = 34;

/** scanQuoted finds the closing quote of a quoted field starting at p; null if the block ends first. */
export function scanQuoted(
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
export function parseLongNumber(bytes: Buffer, start: number, end: number): number | undefined {
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

/** unquote decodes a quoted field's content, turning "" back into ". */
export function unquote(bytes: Buffer, start: number, end: number, escaped: boolean): string {
  const s = bytes.toString('utf8', start, end);
  return escaped ? s.replaceAll('""', '"') : s;
}
