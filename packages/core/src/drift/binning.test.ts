import { describe, expect, it } from 'vitest';
import {
  binPair,
  equalWidthEdges,
  fillZeroShares,
  histogram,
  shares,
  sturgesBinCount,
} from './binning.js';
import { seq } from './testdata/columns.js';
import type { PreparedPair } from './types.js';

function numericPair(ref: number[], cur: number[]): PreparedPair {
  return {
    kind: 'numerical',
    reference: { values: Float64Array.from(ref), sorted: false, owned: true },
    current: { values: Float64Array.from(cur), sorted: false, owned: true },
  };
}

describe('binning', () => {
  // numpy.histogram_bin_edges(np.linspace(lo, hi, n), 'sturges') bin counts.
  it.each([
    { n: 1, want: 1 },
    { n: 2, want: 2 },
    { n: 7, want: 4 },
    { n: 8, want: 4 },
    { n: 16, want: 5 },
    { n: 330, want: 10 },
    { n: 1024, want: 11 },
    { n: 4096, want: 13 },
    { n: 1_000_000, want: 21 },
  ])('sturgesBinCount($n) = $want', ({ n, want }) => {
    expect(sturgesBinCount(n, n === 1 ? 0 : -3.7, n === 1 ? 0 : 12.1)).toBe(want);
  });

  it('builds numpy linspace edges and counts like np.histogram', () => {
    const edges = equalWidthEdges(0.1, 1.3, 3);
    expect(Array.from(edges)).toEqual([0.1, 0.5, 0.8999999999999999, 1.3]);
    expect(Array.from(histogram(Float64Array.of(0.1, 0.7, 0.3, 1.3, 0.4, 1.0), edges))).toEqual([
      3, 1, 2,
    ]);
  });

  it('puts a value equal to an inner edge in the upper bin and the last edge in the last bin', () => {
    const edges = Float64Array.of(0, 1, 2, 3);
    expect(Array.from(histogram(Float64Array.of(0, 1, 2, 3, 2.9999999999999996), edges))).toEqual([
      1, 1, 3,
    ]);
  });

  it('ignores values outside the edges', () => {
    expect(Array.from(histogram(Float64Array.of(-1, 0.5, 7), Float64Array.of(0, 1)))).toEqual([1]);
  });

  it('widens constant data by 0.5 on each side (numpy)', () => {
    expect(Array.from(equalWidthEdges(4, 4, 1))).toEqual([3.5, 4.5]);
  });

  it.each([
    { name: 'large shares: eps = 1e-4', p: [0.5, 0.5, 0], want: [0.5, 0.5, 1e-4] },
    {
      name: 'tiny share: eps = m / 1e6',
      p: [0.99995, 0.00005, 0],
      want: [0.99995, 0.00005, 0.00005 / 1e6],
    },
    {
      name: 'boundary m = 1e-4 uses m / 1e6',
      p: [0.9999, 0.0001, 0],
      want: [0.9999, 0.0001, 1e-10],
    },
  ])('fillZeroShares: $name', ({ p, want }) => {
    const out = Array.from(fillZeroShares(Float64Array.from(p)));
    for (let i = 0; i < out.length; i++) expect(out[i]).toBeCloseTo(want[i], 20);
  });

  it('divides counts by rows', () => {
    expect(Array.from(shares(Float64Array.of(1, 3), 4))).toEqual([0.25, 0.75]);
  });

  it('uses one bin per value up to 20 distinct reference values, Sturges above', () => {
    const twenty = binPair(numericPair(seq(20), seq(30)), undefined);
    expect(twenty.keys?.length).toBe(30);
    expect(twenty.edges).toBeUndefined();
    const more = binPair(numericPair(seq(21), seq(30)), undefined);
    expect(more.keys).toBeUndefined();
    expect(more.reference.length).toBe(sturgesBinCount(51, 0, 29));
  });

  it('honours a user bin count even for few distinct values', () => {
    const b = binPair(numericPair([1, 1, 2], [2, 3]), 4);
    expect(b.edges?.length).toBe(5);
    expect(Array.from(b.reference)).toEqual([2, 0, 1, 0]);
    expect(Array.from(b.current)).toEqual([0, 0, 1, 1]);
  });
});
