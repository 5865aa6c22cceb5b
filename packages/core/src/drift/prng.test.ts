import { describe, expect, it } from 'vitest';
import { DriftRng } from './prng.js';

describe('DriftRng', () => {
  it('repeats its stream for a seed and differs across seeds', () => {
    const a = new DriftRng(42);
    const b = new DriftRng(42);
    const c = new DriftRng(43);
    const xs = Array.from({ length: 5 }, () => a.uint32());
    expect(Array.from({ length: 5 }, () => b.uint32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.uint32())).not.toEqual(xs);
  });

  it('draws doubles in [0, 1) with a mean near 1/2', () => {
    const r = new DriftRng(1);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = r.double();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
    }
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.005);
  });

  it('draws integers below n uniformly', () => {
    const r = new DriftRng(9);
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[r.below(7)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('shuffles into a permutation', () => {
    const a = Int32Array.from({ length: 50 }, (_, i) => i);
    new DriftRng(5).shuffle(a);
    expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(Array.from(a)).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
