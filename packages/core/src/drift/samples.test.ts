import { describe, expect, it } from 'vitest';
import {
  compareCodePoints,
  countDistinctUpTo,
  finiteSample,
  firstKeyIndex,
  numericCounts,
  sortedCounts,
  sortedValues,
  stringCounts,
} from './samples.js';

describe('samples', () => {
  it('drops NaN and infinities into a copy', () => {
    const input = Float64Array.of(
      3,
      Number.NaN,
      1,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    );
    const { sample, dropped } = finiteSample(input);
    expect(Array.from(sample.values)).toEqual([3, 1]);
    expect(dropped).toBe(3);
    sortedValues(sample);
    expect(Array.from(sample.values)).toEqual([1, 3]);
    expect(input[0]).toBe(3);
  });

  it('borrows a clean input and copies it before sorting, so the input is never reordered', () => {
    const input = Float64Array.of(2, 1);
    const { sample } = finiteSample(input);
    expect(sample.values).toBe(input);
    expect(Array.from(sortedValues(sample))).toEqual([1, 2]);
    expect(sample.values).not.toBe(input);
    expect(Array.from(input)).toEqual([2, 1]);
  });

  it.each([
    { values: [], limit: 5, want: 0 },
    { values: [1, 1, 2, 2, 3], limit: 5, want: 3 },
    { values: [1, 2, 3, 4, 5, 6, 7], limit: 5, want: 6 },
    { values: [0, -0], limit: 5, want: 1 },
  ])('countDistinctUpTo($values, $limit) = $want', ({ values, limit, want }) => {
    expect(countDistinctUpTo(Float64Array.from(values), limit)).toBe(want);
  });

  it('counts numbers per distinct value in numeric order', () => {
    const c = numericCounts(
      { values: Float64Array.of(2, 1, 1), sorted: false, owned: true },
      { values: Float64Array.of(3, 2), sorted: false, owned: true },
    );
    expect(c.keys).toEqual(['1', '2', '3']);
    expect(Array.from(c.reference)).toEqual([2, 1, 0]);
    expect(Array.from(c.current)).toEqual([0, 1, 1]);
  });

  it('counts labels in first-seen order and drops null and empty strings', () => {
    const s = stringCounts(['b', null, 'a', '', 'b'], ['c', 'a', null]);
    expect(s.counts.keys).toEqual(['b', 'a', 'c']);
    expect(Array.from(s.counts.reference)).toEqual([2, 1, 0]);
    expect(Array.from(s.counts.current)).toEqual([0, 1, 1]);
    expect(firstKeyIndex(s.counts)).toBe(1);
    const sorted = sortedCounts(s.counts);
    expect(sorted.keys).toEqual(['a', 'b', 'c']);
    expect(Array.from(sorted.reference)).toEqual([1, 2, 0]);
    expect(Array.from(sorted.current)).toEqual([1, 0, 1]);
    expect([s.droppedReference, s.droppedCurrent]).toEqual([2, 1]);
    expect([s.counts.referenceTotal, s.counts.currentTotal]).toEqual([3, 2]);
  });

  it('orders strings by code point like Python', () => {
    const keys = ['\u{1F600}', '\uFFFD', 'b', 'B', 'a', 'ab'].sort(compareCodePoints);
    expect(keys).toEqual(['B', 'a', 'ab', 'b', '\uFFFD', '\u{1F600}']);
  });
});
