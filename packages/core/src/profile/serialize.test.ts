import { describe, expect, it } from 'vitest';
import { PROFILE_MAGIC, profileFromBytes, profileToBytes } from './bytes.js';
import { createCategoricalProfile, updateCategorical } from './categorical.js';
import { type NumericProfileJson, profileFromJSON, profileToJSON } from './json.js';
import { createNumericProfile, updateNumeric } from './numeric.js';
import type { NumericProfile } from './types.js';

function sample(): NumericProfile {
  const p = createNumericProfile({ edges: [0, 1, 2, 3], sketchCenter: 1.5 });
  if (!p.ok) throw new Error(p.error.message);
  updateNumeric(p.value, [0.5, 1.5, 1.5, 2.5, -4, 9, Number.NaN]);
  return p.value;
}

const good = profileToJSON(sample()) as NumericProfileJson;
const edit = (patch: Record<string, unknown>) => ({ ...good, ...patch });

describe('profileFromJSON', () => {
  it('restores a profile from its JSON text', () => {
    const r = profileFromJSON(JSON.stringify(good));
    expect(r.ok && profileToJSON(r.value)).toEqual(good);
  });

  it('writes the documented compact shape', () => {
    expect(good).toMatchObject({
      format: 'vigil.profile',
      version: 1,
      kind: 'numeric',
      count: 6,
      missing: 1,
      min: -4,
      max: 9,
      histogram: { edges: [0, 1, 2, 3], counts: [1, 2, 1], underflow: 1, overflow: 1 },
      sketch: { accuracy: 0.01, center: 1.5, zero: 2 },
    });
    // Six set registers: the sparse form.
    expect(good.hll).toMatchObject({ precision: 12 });
    expect('sparse' in good.hll && good.hll.sparse.length).toBe(10);
  });

  type Bad = { name: string; input: unknown; message: string };
  const bad: Bad[] = [
    { name: 'not JSON', input: '{"format":', message: 'not JSON' },
    { name: 'null', input: null, message: 'profile must be an object' },
    { name: 'an array', input: [], message: 'profile must be an object' },
    { name: 'wrong format', input: edit({ format: 'other' }), message: 'format' },
    { name: 'future version', input: edit({ version: 2 }), message: 'unsupported version 2' },
    { name: 'unknown kind', input: edit({ kind: 'text' }), message: 'unknown kind' },
    { name: 'string count', input: edit({ count: '6' }), message: 'count must be a finite number' },
    { name: 'negative missing', input: edit({ missing: -1 }), message: 'count and missing' },
    { name: 'fractional count', input: edit({ count: 6.5 }), message: 'count and missing' },
    { name: 'min above max', input: edit({ min: 10 }), message: 'min/max' },
    { name: 'negative m2', input: edit({ m2: -1 }), message: 'mean/m2' },
    {
      name: 'histogram total != count',
      input: edit({ histogram: { ...good.histogram, underflow: 5 } }),
      message: 'histogram holds 10 values, count is 6',
    },
    {
      name: 'unsorted edges',
      input: edit({ histogram: { ...good.histogram, edges: [0, 2, 1, 3] } }),
      message: 'strictly increasing',
    },
    {
      name: 'sketch total != count',
      input: edit({ sketch: { ...good.sketch, zero: 3 } }),
      message: 'sketch holds 7 values',
    },
    {
      name: 'untrimmed sketch store',
      input: edit({ sketch: { ...good.sketch, positive: { offset: 0, counts: [0, 1] } } }),
      message: 'not trimmed',
    },
    {
      name: 'bad sketch accuracy',
      input: edit({ sketch: { ...good.sketch, accuracy: 0.9 } }),
      message: 'sketchAccuracy',
    },
    {
      name: 'hll precision 20',
      input: edit({ hll: { precision: 20, sparse: [] } }),
      message: 'hll.precision',
    },
    {
      name: 'hll register 40',
      input: edit({ hll: { precision: 12, sparse: [3, 40] } }),
      message: 'hll registers',
    },
    {
      name: 'short hll string',
      input: edit({ hll: { precision: 4, registers: '000' } }),
      message: 'wrong length',
    },
    {
      name: 'duplicate categorical items',
      input: {
        ...profileToJSON(cat()),
        items: [
          ['a', 1],
          ['a', 1],
        ],
      },
      message: "duplicate item 'a'",
    },
    {
      name: 'items above count',
      input: { ...profileToJSON(cat()), items: [['a', 99]] },
      message: 'item counts exceed count',
    },
  ];
  it.each(bad)('rejects $name', ({ input, message }) => {
    const r = profileFromJSON(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_ARGUMENT');
      expect(r.error.message).toContain(message);
    }
  });
});

function cat() {
  const p = createCategoricalProfile();
  if (!p.ok) throw new Error(p.error.message);
  updateCategorical(p.value, ['a', 'b', 'a', null]);
  return p.value;
}

describe('profileFromBytes', () => {
  const bytes = profileToBytes(sample());

  it('starts with the magic and version', () => {
    expect(Array.from(bytes.subarray(0, 6))).toEqual([...PROFILE_MAGIC, 1, 1]);
  });

  it('restores numeric and categorical profiles', () => {
    const n = profileFromBytes(bytes);
    expect(n.ok && profileToJSON(n.value)).toEqual(good);
    const c = profileFromBytes(profileToBytes(cat()));
    expect(c.ok && profileToJSON(c.value)).toEqual(profileToJSON(cat()));
  });

  const flip = (i: number, v: number) => {
    const b = bytes.slice();
    b[i] = v;
    return b;
  };
  type Bad = { name: string; input: Uint8Array; message: string };
  const bad: Bad[] = [
    { name: 'empty', input: new Uint8Array(0), message: 'truncated' },
    { name: 'bad magic', input: flip(0, 0x58), message: 'bad magic' },
    { name: 'future version', input: flip(4, 9), message: 'unsupported version 9' },
    { name: 'unknown kind', input: flip(5, 7), message: 'unknown kind 7' },
    { name: 'truncated', input: bytes.subarray(0, bytes.length - 3), message: 'truncated' },
    { name: 'trailing bytes', input: Uint8Array.of(...bytes, 0), message: 'trailing bytes' },
    { name: 'count off by one', input: flip(6, bytes[6] + 1), message: 'holds' },
  ];
  it.each(bad)('rejects $name', ({ input, message }) => {
    const r = profileFromBytes(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_ARGUMENT');
      expect(r.error.message).toContain(message);
    }
  });

  it('rejects invalid UTF-8 in a category', () => {
    const p = createCategoricalProfile({ hllPrecision: 4 });
    if (!p.ok) throw new Error(p.error.message);
    updateCategorical(p.value, ['é']);
    const b = profileToBytes(p.value);
    // 'é' is C3 A9 in UTF-8; C3 C3 is not valid.
    const i = b.indexOf(0xa9);
    b[i] = 0xc3;
    const r = profileFromBytes(b);
    expect(r.ok ? null : r.error.message).toContain('invalid profile bytes');
  });
});
