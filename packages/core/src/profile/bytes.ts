// Binary form of a profile: magic "VGPF", a version byte, a kind byte, then LEB128 varints for
// counts, little-endian float64 for reals, and 6-bit packed HLL registers. About half the JSON.

import { err, type Result } from '../result.js';
import { sortedEntries } from './frequent-items.js';
import type { Hll } from './hll.js';
import { PROFILE_VERSION } from './json.js';
import type { BucketStore, ColumnProfile } from './types.js';
import { type CategoricalParts, type NumericParts, profileFromParts } from './validate.js';

/** PROFILE_MAGIC opens every binary profile: ASCII "VGPF". */
export const PROFILE_MAGIC = Uint8Array.of(0x56, 0x47, 0x50, 0x46);
const KIND_NUMERIC = 1;
const KIND_CATEGORICAL = 2;
const HLL_DENSE = 0;
const HLL_SPARSE = 1;

class Writer {
  #buf = new Uint8Array(256);
  #view = new DataView(this.#buf.buffer);
  #len = 0;

  #reserve(n: number): void {
    if (this.#len + n <= this.#buf.length) return;
    const next = new Uint8Array(Math.max(this.#buf.length * 2, this.#len + n));
    next.set(this.#buf.subarray(0, this.#len));
    this.#buf = next;
    this.#view = new DataView(next.buffer);
  }

  u8(v: number): void {
    this.#reserve(1);
    this.#buf[this.#len++] = v;
  }

  /** varint writes a non-negative safe integer as LEB128 (arithmetic, not bit ops: > 2^31). */
  varint(v: number): void {
    this.#reserve(8);
    while (v >= 128) {
      this.#buf[this.#len++] = (v % 128) | 128;
      v = Math.floor(v / 128);
    }
    this.#buf[this.#len++] = v;
  }

  zigzag(v: number): void {
    this.varint(v >= 0 ? 2 * v : -2 * v - 1);
  }

  f64(v: number): void {
    this.#reserve(8);
    this.#view.setFloat64(this.#len, v, true);
    this.#len += 8;
  }

  bytes(b: Uint8Array): void {
    this.#reserve(b.length);
    this.#buf.set(b, this.#len);
    this.#len += b.length;
  }

  done(): Uint8Array {
    return this.#buf.slice(0, this.#len);
  }
}

class FormatError extends Error {}

class Reader {
  #pos = 0;
  readonly #bytes: Uint8Array;
  readonly #view: DataView;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  #need(n: number): void {
    if (this.#pos + n > this.#bytes.length) throw new FormatError('truncated');
  }

  u8(): number {
    this.#need(1);
    return this.#bytes[this.#pos++];
  }

  varint(): number {
    let v = 0;
    let mult = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.u8();
      v += (b & 127) * mult;
      if (b < 128) {
        if (!Number.isSafeInteger(v)) throw new FormatError('varint beyond 2^53');
        return v;
      }
      mult *= 128;
    }
    throw new FormatError('varint too long');
  }

  zigzag(): number {
    const z = this.varint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  f64(): number {
    this.#need(8);
    const v = this.#view.getFloat64(this.#pos, true);
    this.#pos += 8;
    return v;
  }

  bytes(n: number): Uint8Array {
    this.#need(n);
    const b = this.#bytes.subarray(this.#pos, this.#pos + n);
    this.#pos += n;
    return b;
  }

  atEnd(): boolean {
    return this.#pos === this.#bytes.length;
  }
}

function writeHll(w: Writer, h: Hll): void {
  const r = h.registers;
  w.u8(h.p);
  let nonZero = 0;
  for (let i = 0; i < r.length; i++) if (r[i] !== 0) nonZero++;
  // Sparse costs ~3 bytes a register against 0.75 dense.
  if (nonZero * 4 < r.length) {
    w.u8(HLL_SPARSE);
    w.varint(nonZero);
    let last = 0;
    for (let i = 0; i < r.length; i++) {
      if (r[i] === 0) continue;
      w.varint(i - last);
      w.u8(r[i]);
      last = i;
    }
    return;
  }
  w.u8(HLL_DENSE);
  // Registers are <= 33 < 64: four registers in three bytes.
  const packed = new Uint8Array((r.length / 4) * 3);
  for (let i = 0, j = 0; i < r.length; i += 4, j += 3) {
    packed[j] = r[i] | (r[i + 1] << 6);
    packed[j + 1] = (r[i + 1] >>> 2) | (r[i + 2] << 4);
    packed[j + 2] = (r[i + 2] >>> 4) | (r[i + 3] << 2);
  }
  w.bytes(packed);
}

function readHll(r: Reader): { p: number; registers: Uint8Array } {
  const p = r.u8();
  if (p < 4 || p > 16) throw new FormatError('hll precision');
  const registers = new Uint8Array(1 << p);
  const encoding = r.u8();
  if (encoding === HLL_SPARSE) {
    const n = r.varint();
    if (n > registers.length) throw new FormatError('hll sparse count');
    let index = 0;
    for (let k = 0; k < n; k++) {
      index += r.varint();
      if (index >= registers.length) throw new FormatError('hll sparse index');
      registers[index] = r.u8();
    }
  } else if (encoding === HLL_DENSE) {
    const packed = r.bytes((registers.length / 4) * 3);
    for (let i = 0, j = 0; i < registers.length; i += 4, j += 3) {
      registers[i] = packed[j] & 63;
      registers[i + 1] = (packed[j] >>> 6) | ((packed[j + 1] & 15) << 2);
      registers[i + 2] = (packed[j + 1] >>> 4) | ((packed[j + 2] & 3) << 4);
      registers[i + 3] = packed[j + 2] >>> 2;
    }
  } else {
    throw new FormatError('hll encoding');
  }
  return { p, registers };
}

function writeStore(w: Writer, s: BucketStore): void {
  w.varint(s.counts.length);
  if (s.counts.length === 0) return;
  w.zigzag(s.offset);
  for (let j = 0; j < s.counts.length; j++) w.varint(s.counts[j]);
}

function readStore(r: Reader): { offset: number; counts: Float64Array } {
  const n = r.varint();
  if (n > 1 << 20) throw new FormatError('sketch store too wide');
  if (n === 0) return { offset: 0, counts: new Float64Array(0) };
  const offset = r.zigzag();
  const counts = new Float64Array(n);
  for (let j = 0; j < n; j++) counts[j] = r.varint();
  return { offset, counts };
}

/**
 * profileToBytes encodes a profile in the versioned binary format (see the file header);
 * profileFromBytes restores it exactly. A 10-million-row numerical profile is about 6-8 kB.
 */
export function profileToBytes(p: ColumnProfile): Uint8Array {
  const w = new Writer();
  w.bytes(PROFILE_MAGIC);
  w.u8(PROFILE_VERSION);
  if (p.kind === 'categorical') {
    w.u8(KIND_CATEGORICAL);
    w.varint(p.count);
    w.varint(p.missing);
    w.varint(p.items.capacity);
    const items = sortedEntries(p.items);
    w.varint(items.length);
    const enc = new TextEncoder();
    for (const [key, c] of items) {
      const b = enc.encode(key);
      w.varint(b.length);
      w.bytes(b);
      w.varint(c);
    }
    writeHll(w, p.hll);
    return w.done();
  }
  w.u8(KIND_NUMERIC);
  w.varint(p.count);
  w.varint(p.missing);
  w.f64(p.min);
  w.f64(p.max);
  w.f64(p.centeredMean);
  w.f64(p.m2);
  const h = p.histogram;
  w.varint(h === null ? 0 : h.edges.length);
  if (h !== null) {
    for (let i = 0; i < h.edges.length; i++) w.f64(h.edges[i]);
    for (let i = 0; i < h.counts.length; i++) w.varint(h.counts[i]);
    w.varint(h.underflow);
    w.varint(h.overflow);
  }
  const s = p.sketch;
  w.f64(s.alpha);
  w.f64(s.center);
  w.varint(s.maxBuckets);
  w.varint(s.zero);
  writeStore(w, s.positive);
  writeStore(w, s.negative);
  writeHll(w, p.hll);
  return w.done();
}

function readParts(r: Reader): NumericParts | CategoricalParts {
  const magic = r.bytes(4);
  for (let i = 0; i < 4; i++) if (magic[i] !== PROFILE_MAGIC[i]) throw new FormatError('bad magic');
  const version = r.u8();
  if (version !== PROFILE_VERSION) throw new FormatError(`unsupported version ${version}`);
  const kind = r.u8();
  if (kind === KIND_CATEGORICAL) {
    const count = r.varint();
    const missing = r.varint();
    const capacity = r.varint();
    const n = r.varint();
    if (n > capacity) throw new FormatError('more items than capacity');
    const dec = new TextDecoder('utf-8', { fatal: true });
    const items: Array<readonly [string, number]> = [];
    for (let k = 0; k < n; k++) {
      const key = dec.decode(r.bytes(r.varint()));
      items.push([key, r.varint()]);
    }
    const hll = readHll(r);
    return {
      kind: 'categorical',
      count,
      missing,
      capacity,
      items,
      hllPrecision: hll.p,
      registers: hll.registers,
    };
  }
  if (kind !== KIND_NUMERIC) throw new FormatError(`unknown kind ${kind}`);
  const count = r.varint();
  const missing = r.varint();
  const min = r.f64();
  const max = r.f64();
  const mean = r.f64();
  const m2 = r.f64();
  const nEdges = r.varint();
  let histogram = null;
  if (nEdges > 0) {
    if (nEdges < 2 || nEdges > 65_537) throw new FormatError('edge count');
    const edges = new Float64Array(nEdges);
    for (let i = 0; i < nEdges; i++) edges[i] = r.f64();
    const counts = new Float64Array(nEdges - 1);
    for (let i = 0; i < counts.length; i++) counts[i] = r.varint();
    histogram = { edges, counts, underflow: r.varint(), overflow: r.varint() };
  }
  const alpha = r.f64();
  const center = r.f64();
  const maxBuckets = r.varint();
  const zero = r.varint();
  const positive = readStore(r);
  const negative = readStore(r);
  const hll = readHll(r);
  return {
    kind: 'numeric',
    count,
    missing,
    min,
    max,
    centeredMean: mean,
    m2,
    histogram,
    alpha,
    center,
    maxBuckets,
    zero,
    positive,
    negative,
    hllPrecision: hll.p,
    registers: hll.registers,
  };
}

/**
 * profileFromBytes decodes profileToBytes' output. Errors: INVALID_ARGUMENT for a wrong magic,
 * an unknown version or kind, truncated or trailing bytes, invalid UTF-8, or broken invariants.
 */
export function profileFromBytes(bytes: Uint8Array): Result<ColumnProfile> {
  const r = new Reader(bytes);
  let parts: NumericParts | CategoricalParts;
  try {
    parts = readParts(r);
    if (!r.atEnd()) throw new FormatError('trailing bytes');
  } catch (e) {
    if (e instanceof FormatError || e instanceof TypeError) {
      return err('INVALID_ARGUMENT', `invalid profile bytes: ${e.message}`);
    }
    throw e;
  }
  return profileFromParts(parts);
}
