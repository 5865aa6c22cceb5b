import { describe, expect, it } from 'vitest';
import type { DetectorMode } from './index.js';
import { createCusum, detectAll } from './index.js';

const repeat = (value: number, n: number): number[] => Array(n).fill(value);
// 30 values 1, 0, 1, 0, …, 0: mean 0.5, sample variance 30·0.25/29.
const alternating = Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? 1 : 0));
const sigma = Math.sqrt((30 * 0.25) / 29);

describe('Cusum (river defaults)', () => {
  it('exposes river defaults', () => {
    const c = createCusum();
    expect([c.minInstances, c.slack, c.threshold, c.mode]).toEqual([30, 0.5, 5, 'both']);
  });

  it('freezes the warm-up mean and sample standard deviation on the 30th value', () => {
    const c = createCusum();
    detectAll(c, alternating.slice(0, 29));
    expect(c.reference).toBeNull();
    expect(c.sigma).toBeNull();
    c.update(alternating[29]);
    expect(c.reference).toBeCloseTo(0.5, 15);
    expect(c.sigma).toBeCloseTo(sigma, 14);
    // The freezing step is accumulated: x = 0 gives S⁻ = 0.5 − k, S⁺ = 0.
    expect(c.increaseSum).toBe(0);
    expect(c.decreaseSum).toBeCloseTo(0.5 - 0.5 * sigma, 14);
  });

  it('a step to 2 alarms at its third value, as computed by hand', () => {
    const k = 0.5 * sigma;
    const h = 5 * sigma;
    // S⁺ after the warm-up is 0; each value 2 adds 1.5 − k = 1.2457.
    const sums = [1, 2, 3].map((j) => j * (1.5 - k));
    expect(sums[1]).toBeLessThan(h);
    expect(sums[2]).toBeGreaterThan(h);
    const c = createCusum();
    expect(detectAll(c, [...alternating, 2, 2])).toEqual([]);
    expect(c.increaseSum).toBeCloseTo(sums[1], 13);
    expect(detectAll(c, [2])).toEqual([0]);
    expect(detectAll(createCusum(), [...alternating, ...repeat(2, 10)])).toEqual([32]);
  });

  it.each([0, -3, 0.93, 1e9])('never alarms on a constant stream of %d', (value) => {
    expect(detectAll(createCusum(), repeat(value, 5000))).toEqual([]);
  });

  it('a constant warm-up has σ = 0, so any later departure alarms at once', () => {
    expect(detectAll(createCusum(), [...repeat(4, 40), 4 + 1e-9])).toEqual([40]);
  });

  type ModeCase = { name: string; mode: DetectorMode; series: number[]; expected: number[] };
  const up = [...alternating, ...repeat(2, 3)];
  const down = [...alternating, ...repeat(-1, 3)];
  const modes: ModeCase[] = [
    { name: "increase, 'up'", mode: 'up', series: up, expected: [32] },
    { name: "increase, 'down'", mode: 'down', series: up, expected: [] },
    // S⁻ starts at 0.5 − k after the freezing 0, then grows by 1.5 − k: 1.49, 2.74 > h.
    { name: "decrease, 'down'", mode: 'down', series: down, expected: [31] },
    { name: "decrease, 'both'", mode: 'both', series: down, expected: [31] },
    { name: "decrease, 'up'", mode: 'up', series: down, expected: [] },
  ];
  it.each(modes)('$name', ({ mode, series, expected }) => {
    expect(detectAll(createCusum({ mode }), series)).toEqual(expected);
  });

  it('restarts the warm-up on the step after a detection', () => {
    const c = createCusum();
    detectAll(c, [...alternating, 2, 2, 2]);
    expect(c.driftDetected).toBe(true);
    c.update(2);
    expect(c.count).toBe(1);
    expect(c.reference).toBeNull();
  });

  it('skips non-finite values', () => {
    const c = createCusum();
    expect(detectAll(c, [...alternating, Number.NaN, 2, 2, Infinity, 2])).toEqual([34]);
    expect(c.skipped).toBe(2);
  });

  it.each([
    { name: 'minInstances 0', options: { minInstances: 0 } },
    { name: 'negative slack', options: { slack: -0.1 } },
    { name: 'threshold 0', options: { threshold: 0 } },
    { name: 'unknown mode', options: { mode: 'x' as DetectorMode } },
  ])('rejects $name', ({ options }) => {
    expect(() => createCusum(options)).toThrow(RangeError);
  });
});
