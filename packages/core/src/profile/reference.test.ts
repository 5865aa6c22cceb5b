import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCategoricalProfile } from './categorical.js';
import { checkCompatible } from './merge.js';
import { createProfileLike, edgesFromReference, numericProfileFromReference } from './reference.js';

const golden = JSON.parse(
  readFileSync(new URL('./testdata/profile.golden.json', import.meta.url), 'utf8'),
);

type DriftCase = { name: string; reference: number[]; edges: number[] };

describe('edgesFromReference', () => {
  it.each(golden.numericDrift as DriftCase[])(
    'equals numpy.linspace with Sturges bins for many distinct values: $name',
    (c) => {
      const r = edgesFromReference(Float64Array.from(c.reference));
      expect(r.ok && Array.from(r.value)).toEqual(c.edges);
    },
  );

  type Case = { name: string; values: Array<number | null>; bins?: number; expected: number[] };
  const cases: Case[] = [
    {
      name: 'one bin per distinct value',
      values: [3, 1, 2, 2, 10],
      expected: [1, 1.5, 2.5, 6.5, 10],
    },
    { name: 'missing values skipped', values: [null, Number.NaN, 1, 2], expected: [1, 1.5, 2] },
    { name: 'a constant column', values: [4, 4, 4], expected: [3.5, 4.5] },
    { name: 'bins honoured', values: [0, 1, 1, 4], bins: 4, expected: [0, 1, 2, 3, 4] },
    {
      name: '21 distinct values get Sturges bins',
      values: Array.from({ length: 21 }, (_, i) => i),
      expected: [0, 10 / 3, 20 / 3, 10, 40 / 3, 50 / 3, 20],
    },
  ];
  it.each(cases)('$name', ({ values, bins, expected }) => {
    const r = edgesFromReference(values, { bins });
    expect(r.ok && Array.from(r.value)).toEqual(expected);
  });

  it.each([
    { name: 'all missing', values: [Number.NaN, null], bins: undefined, code: 'ALL_MISSING' },
    { name: 'bins 0', values: [1, 2], bins: 0, code: 'INVALID_ARGUMENT' },
    { name: 'bins 2.5', values: [1, 2], bins: 2.5, code: 'INVALID_ARGUMENT' },
  ])('errs on $name', ({ values, bins, code }) => {
    const r = edgesFromReference(values, { bins });
    expect(r.ok ? null : r.error.code).toBe(code);
  });
});

describe('numericProfileFromReference and createProfileLike', () => {
  it('centers the sketch on the reference mean and makes compatible empty profiles', () => {
    const r = numericProfileFromReference([1, 2, 3, 6, null]);
    if (!r.ok) throw new Error(r.error.message);
    const ref = r.value;
    expect(ref.sketch.center).toBe(3);
    expect(ref.count).toBe(4);
    expect(ref.missing).toBe(1);
    const cur = createProfileLike(ref);
    expect(cur.count).toBe(0);
    expect(cur.histogram?.edges).toBe(ref.histogram?.edges);
    expect(Array.from(cur.histogram?.counts ?? [])).toEqual([0, 0, 0, 0]);
    expect(checkCompatible(ref, cur)).toEqual({ ok: true, value: true });
  });

  it('copies categorical parameters', () => {
    const c = createCategoricalProfile({ capacity: 7, hllPrecision: 5 });
    if (!c.ok) throw new Error(c.error.message);
    const like = createProfileLike(c.value);
    expect(like.items.capacity).toBe(7);
    expect(like.hll.p).toBe(5);
  });
});
