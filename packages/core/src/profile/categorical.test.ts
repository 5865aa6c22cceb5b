import { describe, expect, it } from 'vitest';
import { createCategoricalProfile, updateCategorical } from './categorical.js';
import { frequentItemsErrorBound, frequentItemsTracked } from './frequent-items.js';
import { mergeAllProfiles } from './merge.js';
import type { CategoricalProfile } from './types.js';

function make(capacity: number): CategoricalProfile {
  const p = createCategoricalProfile({ capacity });
  if (!p.ok) throw new Error(p.error.message);
  return p.value;
}

/** A Zipf-like stream: value k appears about n/(k+1) times, deterministic. */
function zipfStream(n: number, distinct: number, seed: number): string[] {
  const out: string[] = [];
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const u = (s + 0.5) / 4294967296;
    out.push(`v${Math.floor(distinct ** u) - 1}`);
  }
  return out;
}

function exactCounts(values: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

describe('updateCategorical', () => {
  it('counts exactly while distinct values stay within capacity', () => {
    const p = make(4);
    updateCategorical(p, ['x', 'y', 'x', null, undefined, '', 'z', 'x']);
    updateCategorical(p, []);
    updateCategorical(p, ['w', 'y']);
    expect(p.count).toBe(7);
    expect(p.missing).toBe(3);
    expect(Object.fromEntries(p.items.counts)).toEqual({ x: 3, y: 2, z: 1, w: 1 });
    expect(frequentItemsErrorBound(p.items, p.count)).toBe(0);
  });

  it('drops ties at the (k+1)-th count together, whatever the insertion order', () => {
    const p = make(2);
    updateCategorical(p, ['a', 'a', 'a', 'b', 'c', 'd']);
    // Counts 3,1,1,1: the 3rd largest is 1, so a keeps 2 and b, c, d go.
    expect(Object.fromEntries(p.items.counts)).toEqual({ a: 2 });
    expect(frequentItemsErrorBound(p.items, p.count)).toBeCloseTo(4 / 3, 12);
  });

  type Case = { name: string; capacity: number; distinct: number; batches: number };
  const cases: Case[] = [
    { name: 'capacity 10, 1000 distinct, one batch', capacity: 10, distinct: 1000, batches: 1 },
    { name: 'capacity 10, 1000 distinct, 50 batches', capacity: 10, distinct: 1000, batches: 50 },
    { name: 'capacity 100, 5000 distinct, 7 batches', capacity: 100, distinct: 5000, batches: 7 },
  ];
  // Misra-Gries guarantee: c <= f <= c + (N − Σc)/(k + 1) for tracked values, f <= bound otherwise.
  it.each(cases)('keeps the Misra-Gries bound: $name', ({ capacity, distinct, batches }) => {
    const values = zipfStream(20_000, distinct, capacity + batches);
    const p = make(capacity);
    const size = Math.ceil(values.length / batches);
    for (let i = 0; i < values.length; i += size) updateCategorical(p, values.slice(i, i + size));
    const exact = exactCounts(values);
    const bound = frequentItemsErrorBound(p.items, p.count);
    expect(p.items.counts.size).toBeLessThanOrEqual(capacity);
    expect(bound).toBeGreaterThan(0);
    for (const [key, f] of exact) {
      const c = p.items.counts.get(key) ?? 0;
      expect(c).toBeLessThanOrEqual(f);
      expect(f - c).toBeLessThanOrEqual(bound + 1e-9);
    }
    expect(frequentItemsTracked(p.items)).toBeLessThan(p.count);
  });

  it('keeps the bound through merges of partial profiles', () => {
    const values = zipfStream(30_000, 2000, 99);
    const parts: CategoricalProfile[] = [];
    for (let i = 0; i < values.length; i += 1000) {
      const p = make(50);
      updateCategorical(p, values.slice(i, i + 1000));
      parts.push(p);
    }
    const merged = mergeAllProfiles(parts);
    if (!merged.ok) throw new Error(merged.error.message);
    const m = merged.value;
    const bound = frequentItemsErrorBound(m.items, m.count);
    for (const [key, f] of exactCounts(values)) {
      const c = m.items.counts.get(key) ?? 0;
      expect(c).toBeLessThanOrEqual(f);
      expect(f - c).toBeLessThanOrEqual(bound + 1e-9);
    }
    // The heavy hitters survive: v0 is about 1/ln(2000) of the stream.
    expect(m.items.counts.has('v0')).toBe(true);
  });

  it.each([0, 1.5, 1_000_001])('rejects capacity %s', (capacity) => {
    const r = createCategoricalProfile({ capacity });
    expect(r.ok ? null : r.error.code).toBe('INVALID_ARGUMENT');
  });
});
