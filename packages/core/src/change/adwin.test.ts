import { describe, expect, it } from 'vitest';
import { Adwin, createAdwin, detectAll } from './index.js';

const repeat = (value: number, n: number): number[] => Array(n).fill(value);

// mulberry32 + Box-Muller: a seeded normal stream for the variance checks.
function normals(n: number, seed: number, mean: number, sd: number): number[] {
  let a = seed >>> 0;
  const rand = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from(
    { length: n },
    () => mean + sd * Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()),
  );
}

describe('Adwin (river defaults)', () => {
  it('exposes river defaults', () => {
    const a = createAdwin();
    expect([a.delta, a.clock, a.maxBuckets, a.minWindowLength, a.gracePeriod]).toEqual([
      0.002, 32, 5, 5, 10,
    ]);
  });

  it('never alarms on a constant stream (river test_no_drift_constant_stream)', () => {
    expect(detectAll(createAdwin(), repeat(1, 5000))).toEqual([]);
  });

  it('grows its window one value at a time (river test_width_grows)', () => {
    const a = createAdwin();
    for (let i = 1; i <= 100; i++) {
      a.update(1);
      expect(a.width).toBe(i);
    }
  });

  it('tracks total and mean (river test_total_and_estimation)', () => {
    const a = new Adwin();
    expect(a.estimation).toBe(0);
    detectAll(a, [1, 2, 3, 4, 5]);
    expect([a.width, a.total, a.estimation]).toEqual([5, 15, 3]);
  });

  it.each([
    { name: 'N(5, 2) x 500', values: normals(500, 999, 5, 2) },
    { name: 'i mod 7 x 200', values: Array.from({ length: 200 }, (_, i) => i % 7) },
  ])('keeps the window sum of squares through bucket merges: $name', ({ values }) => {
    const a = createAdwin({ clock: 1_000_000 });
    detectAll(a, values);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const ss = values.reduce((s, v) => s + (v - mean) ** 2, 0);
    expect(a.width).toBe(values.length);
    expect(Math.abs(a.variance - ss) / ss).toBeLessThan(1e-12);
  });

  it('tests no cut within the grace period (river test_grace_period)', () => {
    const a = createAdwin({ gracePeriod: 100, clock: 1 });
    expect(detectAll(a, [...repeat(0, 50), ...repeat(1000, 50)])).toEqual([]);
  });

  it('reports only on clock ticks counted since the last reset', () => {
    const series = [...repeat(0, 300), ...repeat(1, 300), ...repeat(0, 300)];
    const found = detectAll(createAdwin(), series);
    expect(found.length).toBeGreaterThan(1);
    let origin = 0;
    for (const i of found) {
      expect((i + 1 - origin) % 32).toBe(0);
      origin = i + 1;
    }
  });

  it('detects a large shift quickly (river test_immediate_large_shift)', () => {
    const found = detectAll(createAdwin({ delta: 0.01 }), [...repeat(0, 200), ...repeat(100, 200)]);
    expect(found[0]).toBeGreaterThanOrEqual(200);
    expect(found[0]).toBeLessThan(232);
  });

  it('drops the whole window on the step after a detection (river test_reset_on_drift_detected)', () => {
    const a = createAdwin({ clock: 1 });
    detectAll(a, repeat(0, 500));
    let at = -1;
    for (let i = 0; i < 500 && at < 0; i++) if (a.update(100)) at = i;
    expect(at).toBeGreaterThanOrEqual(0);
    expect(a.width).toBeLessThan(500 + at + 1);
    expect(a.detections).toBe(1);
    a.update(50);
    expect(a.width).toBe(1);
    expect(a.estimation).toBe(50);
  });

  it('skips non-finite values', () => {
    const a = createAdwin();
    detectAll(a, [1, Number.NaN, 2, -Infinity]);
    expect([a.width, a.total, a.skipped]).toEqual([2, 3, 2]);
  });

  it.each([
    { name: 'delta 0', options: { delta: 0 } },
    { name: 'delta 1', options: { delta: 1 } },
    { name: 'clock 0', options: { clock: 0 } },
    { name: 'maxBuckets 1', options: { maxBuckets: 1 } },
    { name: 'minWindowLength 0', options: { minWindowLength: 0 } },
    { name: 'gracePeriod -1', options: { gracePeriod: -1 } },
  ])('rejects $name', ({ options }) => {
    expect(() => createAdwin(options)).toThrow(RangeError);
  });
});
