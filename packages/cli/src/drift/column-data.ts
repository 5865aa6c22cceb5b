// Conversion of a raw column (numbers or strings, as read) to the core's ColumnData for the kind
// the column is analysed as.

import type { ColumnData, ColumnKind } from '@vigil/core';
import { parseNumberText } from '../io/parse-number.js';
import type { RawColumn } from '../io/table.js';

/** Converted is the column for the core plus how many values could not be read as that kind. */
export interface Converted {
  readonly data: ColumnData;
  /** unreadable counts non-empty strings that are not numbers in a numerical column (made missing). */
  readonly unreadable: number;
  /** example is one unreadable value, for the finding's message. */
  readonly example?: string;
}

const labelCache = new Map<number, string>();

/** numberLabel renders a number as a category label, caching small integers (codes, flags). */
function numberLabel(v: number): string {
  if (Number.isInteger(v) && v >= -1000 && v <= 100_000) {
    let s = labelCache.get(v);
    if (s === undefined) {
      s = String(v);
      labelCache.set(v, s);
    }
    return s;
  }
  return String(v);
}

/**
 * toColumnData converts a raw column for the given kind. Numbers become labels ("3") for
 * categorical/text; strings are parsed for numerical, and a string that is not a number becomes
 * missing and is counted in `unreadable` (the data-quality block reports it).
 */
export function toColumnData(raw: RawColumn, kind: ColumnKind): Converted {
  if (kind === 'numerical') {
    if (raw.type === 'number') return { data: { kind, values: raw.values }, unreadable: 0 };
    const out = new Float64Array(raw.values.length);
    let unreadable = 0;
    let example: string | undefined;
    for (let i = 0; i < out.length; i++) {
      const text = raw.values[i];
      if (text === null || text === '') {
        out[i] = Number.NaN;
        continue;
      }
      const v = parseNumberText(text);
      if (v === undefined) {
        unreadable++;
        example ??= text;
        out[i] = Number.NaN;
      } else {
        out[i] = v;
      }
    }
    return {
      data: { kind, values: out },
      unreadable,
      ...(example !== undefined ? { example } : {}),
    };
  }
  if (raw.type === 'string') return { data: { kind, values: raw.values }, unreadable: 0 };
  const src = raw.values;
  const out: (string | null)[] = new Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    out[i] = Number.isNaN(v) ? null : numberLabel(v);
  }
  return { data: { kind, values: out }, unreadable: 0 };
}
