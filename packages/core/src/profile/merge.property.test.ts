import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { profileFromBytes, profileToBytes } from './bytes.js';
import { createCategoricalProfile, updateCategorical } from './categorical.js';
import { profileFromJSON, profileToJSON } from './json.js';
import { mergeAllProfiles, mergeProfiles } from './merge.js';
import { createNumericProfile, updateNumeric } from './numeric.js';
import type {
  CategoricalProfile,
  ColumnProfile,
  NumericProfile,
  NumericProfileOptions,
} from './types.js';

const RUNS = { numRuns: 150 };

// Finite values within ±1e6 (squares stay far from overflow), many repeats, and missing values.
const value = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.integer({ min: -20, max: 20 }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0, 0.1),
);
const values = fc.array(value, { maxLength: 120 });

// Parameter sets: with/without edges, centered or not, a tiny bucket cap that forces collapses.
const optionSets: NumericProfileOptions[] = [
  {},
  { edges: [-10, -1, 0, 0.5, 1, 10, 100], sketchCenter: 3.25 },
  { edges: [-1e6, 0, 1e6], sketchMaxBuckets: 16, hllPrecision: 4 },
  { sketchAccuracy: 0.05, sketchCenter: -7, hllPrecision: 6 },
];
const options = fc.constantFrom(...optionSets);

function numeric(opts: NumericProfileOptions, xs: readonly number[]): NumericProfile {
  const p = createNumericProfile(opts);
  if (!p.ok) throw new Error(p.error.message);
  updateNumeric(p.value, Float64Array.from(xs));
  return p.value;
}

function merged<P extends ColumnProfile>(a: P, b: P): P {
  const m = mergeProfiles(a, b);
  if (!m.ok) throw new Error(m.error.message);
  return m.value;
}

/** Serialized state without the two rounding-dependent reals. */
function exactPart(p: ColumnProfile): unknown {
  const j = profileToJSON(p) as unknown as Record<string, unknown>;
  const { centeredMean: _m, m2: _v, ...rest } = j;
  return rest;
}

/**
 * Moments agree to rounding: mean within 1e-12 of the data scale, m2 within 1e-12 relative plus
 * the documented 1e-16·|mean − center|/std term (1e-16·|mean − c|·std·n in absolute terms).
 */
function expectMomentsClose(a: NumericProfile, b: NumericProfile): void {
  expect(a.count).toBe(b.count);
  const std = a.count > 0 ? Math.sqrt(a.m2 / a.count) : 0;
  const scale = Math.abs(a.centeredMean) + std;
  expect(Math.abs(a.centeredMean - b.centeredMean)).toBeLessThanOrEqual(1e-12 * scale);
  const tol = 1e-12 * a.m2 + 1e-16 * Math.abs(a.centeredMean) * std * a.count;
  expect(Math.abs(a.m2 - b.m2)).toBeLessThanOrEqual(tol);
}

function expectSameNumeric(a: NumericProfile, b: NumericProfile): void {
  expect(exactPart(a)).toEqual(exactPart(b));
  expectMomentsClose(a, b);
}

describe('numeric profile merge (property)', () => {
  it('is commutative', () => {
    fc.assert(
      fc.property(options, values, values, (o, xa, xb) => {
        const a = numeric(o, xa);
        const b = numeric(o, xb);
        expectSameNumeric(merged(a, b), merged(b, a));
      }),
      RUNS,
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(options, values, values, values, (o, xa, xb, xc) => {
        const a = numeric(o, xa);
        const b = numeric(o, xb);
        const c = numeric(o, xc);
        expectSameNumeric(merged(merged(a, b), c), merged(a, merged(b, c)));
      }),
      RUNS,
    );
  });

  it('merging k partial profiles equals one profile of the concatenation', () => {
    fc.assert(
      fc.property(options, fc.array(values, { minLength: 1, maxLength: 8 }), (o, parts) => {
        const whole = numeric(o, parts.flat());
        const m = mergeAllProfiles(parts.map((xs) => numeric(o, xs)));
        if (!m.ok) throw new Error(m.error.message);
        expectSameNumeric(m.value, whole);
      }),
      RUNS,
    );
  });

  it('leaves its inputs unchanged', () => {
    fc.assert(
      fc.property(options, values, values, (o, xa, xb) => {
        const a = numeric(o, xa);
        const b = numeric(o, xb);
        const before = [profileToJSON(a), profileToJSON(b)];
        const m = merged(a, b);
        updateNumeric(m, [1, 2, 3]);
        expect([profileToJSON(a), profileToJSON(b)]).toEqual(before);
      }),
      { numRuns: 50 },
    );
  });
});

describe('serialisation (property)', () => {
  it('round-trips numeric profiles through JSON text and bytes exactly', () => {
    fc.assert(
      fc.property(options, values, (o, xs) => {
        const p = numeric(o, xs);
        const json = profileToJSON(p);
        const fromText = profileFromJSON(JSON.stringify(json));
        const fromBytes = profileFromBytes(profileToBytes(p));
        if (!fromText.ok) throw new Error(fromText.error.message);
        if (!fromBytes.ok) throw new Error(fromBytes.error.message);
        expect(profileToJSON(fromText.value)).toEqual(json);
        expect(profileToJSON(fromBytes.value)).toEqual(json);
        expect(profileToBytes(fromBytes.value)).toEqual(profileToBytes(p));
      }),
      RUNS,
    );
  });

  it('round-trips categorical profiles', () => {
    fc.assert(
      fc.property(categories, fc.constantFrom(2, 8, 1024), (xs, capacity) => {
        const p = categorical(capacity, xs);
        const json = profileToJSON(p);
        const fromText = profileFromJSON(JSON.stringify(json));
        const fromBytes = profileFromBytes(profileToBytes(p));
        if (!fromText.ok || !fromBytes.ok) throw new Error('round trip failed');
        expect(profileToJSON(fromText.value)).toEqual(json);
        expect(profileToJSON(fromBytes.value)).toEqual(json);
      }),
      RUNS,
    );
  });
});

// Small alphabets (exact regime), full Unicode strings (UTF-8 in the binary form), and missing.
const category = fc.oneof(
  fc.constantFrom('a', 'b', 'c', 'd', 'é', '日本', '🙂'),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
  fc.constantFrom(null, ''),
);
const categories = fc.array(category, { maxLength: 80 });

function categorical(capacity: number, xs: ReadonlyArray<string | null>): CategoricalProfile {
  const p = createCategoricalProfile({ capacity, hllPrecision: 8 });
  if (!p.ok) throw new Error(p.error.message);
  updateCategorical(p.value, xs);
  return p.value;
}

describe('categorical profile merge (property)', () => {
  it('is commutative, also past capacity', () => {
    fc.assert(
      fc.property(fc.constantFrom(2, 5, 1024), categories, categories, (k, xa, xb) => {
        const a = categorical(k, xa);
        const b = categorical(k, xb);
        expect(profileToJSON(merged(a, b))).toEqual(profileToJSON(merged(b, a)));
      }),
      RUNS,
    );
  });

  it('is associative and equals one profile of the concatenation while under capacity', () => {
    fc.assert(
      fc.property(categories, categories, categories, (xa, xb, xc) => {
        const a = categorical(1024, xa);
        const b = categorical(1024, xb);
        const c = categorical(1024, xc);
        const left = profileToJSON(merged(merged(a, b), c));
        expect(profileToJSON(merged(a, merged(b, c)))).toEqual(left);
        expect(profileToJSON(categorical(1024, [...xa, ...xb, ...xc]))).toEqual(left);
      }),
      RUNS,
    );
  });
});
