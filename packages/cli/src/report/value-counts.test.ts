import { describe, expect, it } from 'vitest';
import { MAX_TRACKED, numberStats, stringCounts, stringStats } from './value-counts.js';

describe('numberStats', () => {
  it.each([
    { name: 'empty', values: [], expected: { present: 0, distinct: 0, topCount: 0 } },
    {
      name: 'missing only',
      values: [Number.NaN, Number.POSITIVE_INFINITY],
      expected: { present: 0, distinct: 0, topCount: 0 },
    },
    {
      name: 'mode',
      values: [1, 1, 2, Number.NaN, 3, 1],
      expected: { present: 5, distinct: 3, topCount: 3 },
    },
    {
      name: '-0 equals +0',
      values: [0, -0, 0],
      expected: { present: 3, distinct: 1, topCount: 3 },
    },
  ])('$name', ({ values, expected }) => {
    expect(numberStats(Float64Array.from(values))).toEqual(expected);
  });

  it('matches a Map count across table growth (100k values, 30k distinct)', () => {
    const values = new Float64Array(100_000);
    const counts = new Map<number, number>();
    let seed = 3;
    for (let i = 0; i < values.length; i++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      const v = (seed % 30_000) / 7;
      values[i] = v;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const stats = numberStats(values);
    expect(stats.distinct).toBe(counts.size);
    expect(stats.topCount).toBe(Math.max(...counts.values()));
  });
});

describe('numberStats past MAX_TRACKED distinct values', () => {
  it('reports distinct as unknown and still finds a late majority exactly', () => {
    const n = 3 * MAX_TRACKED;
    const values = new Float64Array(n);
    // The first MAX_TRACKED + 10 values are distinct; then 7 fills the rest (> half the column).
    for (let i = 0; i < n; i++) values[i] = i < MAX_TRACKED + 10 ? i + 0.5 : 7;
    const stats = numberStats(values);
    expect(stats.distinct).toBeUndefined();
    expect(stats.present).toBe(n);
    expect(stats.topCount).toBe(n - MAX_TRACKED - 10);
  });

  it('keeps counting the tracked values exactly', () => {
    const values = new Float64Array(4 * MAX_TRACKED);
    // 0 appears every 4th value from the start (25 %), other values are unique.
    for (let i = 0; i < values.length; i++) values[i] = i % 4 === 0 ? 0 : i;
    const stats = numberStats(values);
    expect(stats.distinct).toBeUndefined();
    expect(stats.topCount).toBe(MAX_TRACKED);
  });
});

describe('stringCounts', () => {
  it('skips null and empty strings', () => {
    const { counts, present } = stringCounts(['a', null, '', 'b', 'a']);
    expect(present).toBe(3);
    expect(Object.fromEntries(counts)).toEqual({ a: 2, b: 1 });
    expect(stringStats(counts, present)).toEqual({ present: 3, distinct: 2, topCount: 2 });
  });
});
