import { describe, expect, it } from 'vitest';
import { createRng } from '../random/index.js';
import { sortFinite } from './sort.js';

function nativeSorted(a: Float64Array): number[] {
  return Array.from(a.slice().sort());
}

describe('sortFinite', () => {
  const rng = createRng(3);
  const big = 1 << 16;
  it.each([
    { name: 'small (native path)', values: Float64Array.of(3, -1, 0, -0, 2.5, -7) },
    {
      name: 'mixed signs and magnitudes',
      values: Float64Array.from(
        { length: big },
        () => (rng.next() - 0.5) * 10 ** (rng.int(40) - 20),
      ),
    },
    { name: 'all negative', values: Float64Array.from({ length: big }, () => -rng.next() * 1e6) },
    {
      name: 'heavy ties and signed zeros',
      values: Float64Array.from({ length: big }, (_, i) => (i % 3 === 0 ? -0 : rng.int(5) - 2)),
    },
    {
      name: 'subnormals and extremes',
      values: Float64Array.from(
        { length: big },
        (_, i) => [5e-324, -5e-324, 1.7e308, -1.7e308, 1, -1][i % 6] * (1 + (i % 7)),
      ),
    },
    { name: 'constant', values: new Float64Array(big).fill(4.25) },
  ])('matches the native sort: $name', ({ values }) => {
    const want = nativeSorted(values);
    const got = sortFinite(values.slice());
    expect(Array.from(got).map((v) => (Object.is(v, -0) ? '-0' : v))).toEqual(
      want.map((v) => (Object.is(v, -0) ? '-0' : v)),
    );
  });

  it('sorts in place and returns the same array', () => {
    const a = Float64Array.from({ length: big }, (_, i) => big - i);
    expect(sortFinite(a)).toBe(a);
    expect(a[0]).toBe(1);
    expect(a[big - 1]).toBe(big);
  });
});
