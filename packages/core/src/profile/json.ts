// JSON form of a profile: plain numbers, sketch stores as offset + dense counts, HLL registers as
// one character each (or sparse pairs while few are set). Versioned; validated on load.

import { err, type Result } from '../result.js';
import { sortedEntries } from './frequent-items.js';
import type { Hll } from './hll.js';
import type { BucketStore, ColumnProfile } from './types.js';
import { type CategoricalParts, type NumericParts, profileFromParts } from './validate.js';

/** PROFILE_FORMAT tags every JSON profile (`format` field). */
export const PROFILE_FORMAT = 'vigil.profile';
/** PROFILE_VERSION is the serialisation version of both the JSON and the binary form. */
export const PROFILE_VERSION = 1;

/** Register value v is written as REGISTER_ALPHABET[v] (values are 0..33). */
const REGISTER_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';

/** HllJson is an HLL in JSON: `registers` (one char each) or `sparse` [index, value, ...]. */
export type HllJson =
  | { readonly precision: number; readonly registers: string }
  | { readonly precision: number; readonly sparse: number[] };

/** StoreJson is one sketch side: bucket `offset + j` holds counts[j]. */
export interface StoreJson {
  readonly offset: number;
  readonly counts: number[];
}

/** NumericProfileJson is the JSON form of a numerical profile (min/max null while empty). */
export interface NumericProfileJson {
  readonly format: typeof PROFILE_FORMAT;
  readonly version: number;
  readonly kind: 'numeric';
  readonly count: number;
  readonly missing: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly centeredMean: number;
  readonly m2: number;
  readonly histogram: {
    readonly edges: number[];
    readonly counts: number[];
    readonly underflow: number;
    readonly overflow: number;
  } | null;
  readonly sketch: {
    readonly accuracy: number;
    readonly center: number;
    readonly maxBuckets: number;
    readonly zero: number;
    readonly positive: StoreJson;
    readonly negative: StoreJson;
  };
  readonly hll: HllJson;
}

/** CategoricalProfileJson is the JSON form of a categorical profile; items sorted by key. */
export interface CategoricalProfileJson {
  readonly format: typeof PROFILE_FORMAT;
  readonly version: number;
  readonly kind: 'categorical';
  readonly count: number;
  readonly missing: number;
  readonly capacity: number;
  readonly items: Array<[string, number]>;
  readonly hll: HllJson;
}

/** ProfileJson is the JSON form of either kind. */
export type ProfileJson = NumericProfileJson | CategoricalProfileJson;

function hllToJson(h: Hll): HllJson {
  const r = h.registers;
  let nonZero = 0;
  for (let i = 0; i < r.length; i++) if (r[i] !== 0) nonZero++;
  // A sparse pair costs ~8 characters against 1 per register in the dense string.
  if (nonZero * 8 < r.length) {
    const sparse: number[] = [];
    for (let i = 0; i < r.length; i++) if (r[i] !== 0) sparse.push(i, r[i]);
    return { precision: h.p, sparse };
  }
  let s = '';
  for (let i = 0; i < r.length; i++) s += REGISTER_ALPHABET[r[i]];
  return { precision: h.p, registers: s };
}

function storeToJson(s: BucketStore): StoreJson {
  return { offset: s.offset, counts: Array.from(s.counts) };
}

/**
 * profileToJSON returns a JSON-safe object (no NaN, no Infinity) that profileFromJSON restores
 * exactly. Equal profiles give deep-equal JSON (sketch stores are canonical, items sorted by key).
 */
export function profileToJSON(p: ColumnProfile): ProfileJson {
  const head = { format: PROFILE_FORMAT, version: PROFILE_VERSION } as const;
  if (p.kind === 'categorical') {
    return {
      ...head,
      kind: 'categorical',
      count: p.count,
      missing: p.missing,
      capacity: p.items.capacity,
      items: sortedEntries(p.items),
      hll: hllToJson(p.hll),
    };
  }
  const empty = p.count === 0;
  const h = p.histogram;
  return {
    ...head,
    kind: 'numeric',
    count: p.count,
    missing: p.missing,
    min: empty ? null : p.min,
    max: empty ? null : p.max,
    centeredMean: p.centeredMean,
    m2: p.m2,
    histogram:
      h === null
        ? null
        : {
            edges: Array.from(h.edges),
            counts: Array.from(h.counts),
            underflow: h.underflow,
            overflow: h.overflow,
          },
    sketch: {
      accuracy: p.sketch.alpha,
      center: p.sketch.center,
      maxBuckets: p.sketch.maxBuckets,
      zero: p.sketch.zero,
      positive: storeToJson(p.sketch.positive),
      negative: storeToJson(p.sketch.negative),
    },
    hll: hllToJson(p.hll),
  };
}

type Obj = Record<string, unknown>;

class ShapeError extends Error {}

function obj(x: unknown, what: string): Obj {
  if (typeof x !== 'object' || x === null || Array.isArray(x))
    throw new ShapeError(`${what} must be an object`);
  return x as Obj;
}

function num(o: Obj, key: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new ShapeError(`${key} must be a finite number`);
  return v;
}

function numOrNull(o: Obj, key: string, fallback: number): number {
  return o[key] === null ? fallback : num(o, key);
}

function numArray(x: unknown, what: string): number[] {
  if (!Array.isArray(x)) throw new ShapeError(`${what} must be an array`);
  for (const v of x) {
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new ShapeError(`${what} must hold finite numbers`);
  }
  return x as number[];
}

function storeFromJson(x: unknown, what: string): { offset: number; counts: number[] } {
  const o = obj(x, what);
  return { offset: num(o, 'offset'), counts: numArray(o.counts, `${what}.counts`) };
}

function hllFromJson(x: unknown): { p: number; registers: Uint8Array } {
  const o = obj(x, 'hll');
  const p = num(o, 'precision');
  if (!Number.isInteger(p) || p < 4 || p > 16) throw new ShapeError('hll.precision must be 4..16');
  const registers = new Uint8Array(1 << p);
  if (typeof o.registers === 'string') {
    const s = o.registers;
    if (s.length !== registers.length) throw new ShapeError('hll.registers has the wrong length');
    for (let i = 0; i < s.length; i++) {
      const v = REGISTER_ALPHABET.indexOf(s[i]);
      if (v < 0) throw new ShapeError('hll.registers holds an unknown character');
      registers[i] = v;
    }
  } else {
    const sparse = numArray(o.sparse, 'hll.sparse');
    if (sparse.length % 2 !== 0) throw new ShapeError('hll.sparse must hold index/value pairs');
    for (let i = 0; i < sparse.length; i += 2) {
      const index = sparse[i];
      const value = sparse[i + 1];
      if (!Number.isInteger(index) || index < 0 || index >= registers.length) {
        throw new ShapeError('hll.sparse index out of range');
      }
      if (!Number.isInteger(value) || value < 0 || value > 255)
        throw new ShapeError('hll.sparse value');
      registers[index] = value;
    }
  }
  return { p, registers };
}

function partsFromJson(x: unknown): NumericParts | CategoricalParts {
  const o = obj(x, 'profile');
  if (o.format !== PROFILE_FORMAT) throw new ShapeError(`format must be '${PROFILE_FORMAT}'`);
  if (o.version !== PROFILE_VERSION)
    throw new ShapeError(`unsupported version ${String(o.version)}`);
  const hll = hllFromJson(o.hll);
  if (o.kind === 'categorical') {
    if (!Array.isArray(o.items)) throw new ShapeError('items must be an array');
    const items = o.items.map((it: unknown) => {
      if (
        !Array.isArray(it) ||
        it.length !== 2 ||
        typeof it[0] !== 'string' ||
        typeof it[1] !== 'number'
      ) {
        throw new ShapeError('items must be [string, number] pairs');
      }
      return [it[0], it[1]] as const;
    });
    return {
      kind: 'categorical',
      count: num(o, 'count'),
      missing: num(o, 'missing'),
      capacity: num(o, 'capacity'),
      items,
      hllPrecision: hll.p,
      registers: hll.registers,
    };
  }
  if (o.kind !== 'numeric') throw new ShapeError(`unknown kind ${String(o.kind)}`);
  const s = obj(o.sketch, 'sketch');
  let histogram = null;
  if (o.histogram !== null) {
    const h = obj(o.histogram, 'histogram');
    histogram = {
      edges: numArray(h.edges, 'histogram.edges'),
      counts: numArray(h.counts, 'histogram.counts'),
      underflow: num(h, 'underflow'),
      overflow: num(h, 'overflow'),
    };
  }
  return {
    kind: 'numeric',
    count: num(o, 'count'),
    missing: num(o, 'missing'),
    min: numOrNull(o, 'min', Number.POSITIVE_INFINITY),
    max: numOrNull(o, 'max', Number.NEGATIVE_INFINITY),
    centeredMean: num(o, 'centeredMean'),
    m2: num(o, 'm2'),
    histogram,
    alpha: num(s, 'accuracy'),
    center: num(s, 'center'),
    maxBuckets: num(s, 'maxBuckets'),
    zero: num(s, 'zero'),
    positive: storeFromJson(s.positive, 'sketch.positive'),
    negative: storeFromJson(s.negative, 'sketch.negative'),
    hllPrecision: hll.p,
    registers: hll.registers,
  };
}

/**
 * profileFromJSON restores a profile from profileToJSON's object or its JSON text.
 * Errors: INVALID_ARGUMENT for unparsable text, a wrong shape, an unknown format or version, or
 * broken invariants (e.g. histogram counts that do not add up to count).
 */
export function profileFromJSON(json: unknown): Result<ColumnProfile> {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (e) {
      return err('INVALID_ARGUMENT', `invalid profile: not JSON (${(e as Error).message})`);
    }
  }
  let parts: NumericParts | CategoricalParts;
  try {
    parts = partsFromJson(value);
  } catch (e) {
    if (e instanceof ShapeError) return err('INVALID_ARGUMENT', `invalid profile: ${e.message}`);
    throw e;
  }
  return profileFromParts(parts);
}
