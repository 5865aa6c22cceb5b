// Dates and times on the command line and in files. Everything is epoch milliseconds on a UTC
// clock: a timestamp without a zone ("2001-01-15 08:30", or Parquet's isAdjustedToUTC=false) is
// read as wall-clock time and kept as such, so hour(date) is the hour printed in the file.

import { usageError } from '../errors.js';

const ISO_RE =
  /^(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * parseIsoTime parses an ISO 8601 date or date-time ("2001-01-31", "2001-01-31T08:30:00.5Z",
 * "2001-01-31 08:30+02:00", "2001-01") to epoch milliseconds. Without a zone the time is UTC.
 * Returns undefined for anything else, including impossible dates (2001-02-30).
 */
export function parseIsoTime(text: string): number | undefined {
  const m = ISO_RE.exec(text.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number(`0.${m[7]}`) * 1000;
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const t = Date.UTC(year, month - 1, day, hour, minute, second) + ms;
  if (new Date(t).getUTCDate() !== day) return undefined;
  let offset = 0;
  const zone = m[8];
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * 60_000;
  }
  return t - offset;
}

/** TimeRange is a half-open interval [start, end); bounds are epoch ms (dates) or plain numbers. */
export interface TimeRange {
  readonly start: number;
  readonly end: number;
  /** kind says how the bounds were written: ISO dates, or plain numbers. */
  readonly kind: 'date' | 'number';
  readonly text: string;
}

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * parseRange parses START..END (half-open; either side may be empty for an open end). Both bounds
 * must be ISO dates or both plain numbers. Example: "2001-01-01..2001-02-01" -> January 2001.
 */
export function parseRange(text: string, option: string): TimeRange {
  const parts = text.split('..');
  const bad = (why: string) =>
    usageError(`${option}: ${why} in '${text}' (expected START..END, e.g. 2001-01-01..2001-02-01)`);
  if (parts.length !== 2) throw bad('no single ".." separator');
  const [a, b] = parts.map((p) => p.trim());
  if (a === '' && b === '') throw bad('both bounds empty');
  const kinds = [a, b].filter((p) => p !== '').map((p) => (NUMBER_RE.test(p) ? 'number' : 'date'));
  if (kinds.length === 2 && kinds[0] !== kinds[1])
    throw bad('one bound is a date, the other a number');
  const kind = kinds[0] as 'date' | 'number';
  const parse = (p: string, open: number): number => {
    if (p === '') return open;
    const v = kind === 'number' ? Number(p) : parseIsoTime(p);
    if (v === undefined || !Number.isFinite(v)) throw bad(`'${p}' is not a valid ISO date`);
    return v;
  };
  const start = parse(a, Number.NEGATIVE_INFINITY);
  const end = parse(b, Number.POSITIVE_INFINITY);
  if (!(start < end)) throw bad('START is not before END');
  return { start, end, kind, text };
}

/** formatTime renders epoch ms as ISO without milliseconds when they are zero ("2001-01-01T00:00:00Z"). */
export function formatTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}
