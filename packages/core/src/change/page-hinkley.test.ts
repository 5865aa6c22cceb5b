import { describe, expect, it } from 'vitest';
import type { DetectorMode } from './index.js';
import { createPageHinkley, detectAll, PageHinkley } from './index.js';

const repeat = (value: number, n: number): number[] => Array(n).fill(value);

// Closed form of the increase statistic for `before` zeros followed by `size`s, river defaults.
// Over the zeros U falls by δ per (discounted) step, U_b = −δ(1 − α^b)/(1 − α), and is its own
// minimum. At the j-th new value the running mean is size·j/(b + j), so x − x̄ = size·b/(b + j),
// and U_{b+j} − U_b = Σ_{i≤j} α^{j−i}(size·b/(b + i) − δ) + (α^j − 1)·U_b.
function firstAlarmByHand(before: number, size: number, threshold = 50): number {
  const alpha = 1 - 0.0001;
  const delta = 0.005;
  const uBefore = (-delta * (1 - alpha ** before)) / (1 - alpha);
  for (let j = 1; j < 10_000; j++) {
    let stat = (alpha ** j - 1) * uBefore;
    for (let i = 1; i <= j; i++)
      stat += alpha ** (j - i) * ((size * before) / (before + i) - delta);
    if (stat > threshold) return before + j - 1;
  }
  return -1;
}

describe('PageHinkley (river defaults)', () => {
  it('exposes river defaults', () => {
    const ph = createPageHinkley();
    expect([ph.minInstances, ph.delta, ph.threshold, ph.alpha, ph.mode]).toEqual([
      30,
      0.005,
      50,
      1 - 0.0001,
      'both',
    ]);
  });

  it.each([0, 1, -7.5, 0.93, 1e6])('never alarms on a constant stream of %d', (value) => {
    for (const mode of ['up', 'down', 'both'] as DetectorMode[]) {
      expect(detectAll(createPageHinkley({ mode }), repeat(value, 5000))).toEqual([]);
    }
  });

  it('a step of 10 after 100 zeros alarms at the 6th new value, as computed by hand', () => {
    // By hand: x − x̄ ≈ 9.90, 9.80, 9.71, 9.62, 9.52, 9.43 → running sums 48.6 < 50 < 58.0.
    expect(firstAlarmByHand(100, 10)).toBe(105);
    expect(detectAll(createPageHinkley(), [...repeat(0, 100), ...repeat(10, 100)])).toEqual([105]);
  });

  it.each([
    { size: 1, before: 200 },
    { size: 3, before: 50 },
    { size: 25, before: 40 },
    { size: 0.5, before: 500 },
  ])(
    'a step of $size after $before zeros alarms where the closed form says',
    ({ size, before }) => {
      const expected = firstAlarmByHand(before, size);
      expect(expected).toBeGreaterThan(before - 1);
      const series = [...repeat(0, before), ...repeat(size, expected - before + 1)];
      expect(detectAll(createPageHinkley(), series)).toEqual([expected]);
    },
  );

  type ModeCase = { name: string; mode: DetectorMode; series: number[]; expected: number[] };
  const up = [...repeat(0, 100), ...repeat(10, 100)];
  const down = [...repeat(10, 100), ...repeat(0, 100)];
  const modes: ModeCase[] = [
    { name: "upward step, 'both'", mode: 'both', series: up, expected: [105] },
    { name: "upward step, 'up'", mode: 'up', series: up, expected: [105] },
    { name: "upward step, 'down'", mode: 'down', series: up, expected: [] },
    { name: "downward step, 'both'", mode: 'both', series: down, expected: [105] },
    { name: "downward step, 'down'", mode: 'down', series: down, expected: [105] },
    { name: "downward step, 'up'", mode: 'up', series: down, expected: [] },
  ];
  it.each(modes)('$name', ({ mode, series, expected }) => {
    expect(detectAll(createPageHinkley({ mode }), series)).toEqual(expected);
  });

  it('cannot alarm before minInstances observations', () => {
    // 5 zeros then 100s: the statistic passes 50 at index 5 already, but the 30th value is index 29.
    expect(detectAll(createPageHinkley(), [...repeat(0, 5), ...repeat(100, 40)])).toEqual([29]);
    expect(
      detectAll(createPageHinkley({ minInstances: 1 }), [...repeat(0, 5), ...repeat(100, 1)]),
    ).toEqual([5]);
  });

  it('the comparison is strict: a statistic equal to the threshold does not alarm', () => {
    // With δ = 0 and α = 1, 1 zero then 2s: x − x̄ at the 2nd value is 2 − 1 = 1, so U − min = 1.
    const exact = createPageHinkley({ delta: 0, alpha: 1, threshold: 1, minInstances: 1 });
    expect(detectAll(exact, [0, 2])).toEqual([]);
    expect(exact.increaseStatistic).toBe(1);
    const below = createPageHinkley({ delta: 0, alpha: 1, threshold: 0.999, minInstances: 1 });
    expect(detectAll(below, [0, 2])).toEqual([1]);
  });

  it('resets on the step after a detection', () => {
    const ph = createPageHinkley();
    const series = [...repeat(0, 100), ...repeat(10, 6)];
    expect(detectAll(ph, series)).toEqual([105]);
    expect(ph.driftDetected).toBe(true);
    expect(ph.count).toBe(106);
    expect(ph.update(10)).toBe(false);
    expect(ph.count).toBe(1);
    expect(ph.mean).toBe(10);
  });

  it('skips non-finite values without touching the state', () => {
    const ph = new PageHinkley();
    ph.update(1);
    ph.update(3);
    for (const bad of [Number.NaN, Infinity, -Infinity]) expect(ph.update(bad)).toBe(false);
    expect(ph.count).toBe(2);
    expect(ph.skipped).toBe(3);
    expect(ph.mean).toBe(2);
    expect(
      detectAll(createPageHinkley(), [...repeat(0, 100), Number.NaN, ...repeat(10, 6)]),
    ).toEqual([106]);
  });

  it.each([
    { name: 'minInstances 0', options: { minInstances: 0 } },
    { name: 'minInstances 2.5', options: { minInstances: 2.5 } },
    { name: 'negative delta', options: { delta: -1 } },
    { name: 'NaN threshold', options: { threshold: Number.NaN } },
    { name: 'alpha 0', options: { alpha: 0 } },
    { name: 'alpha above 1', options: { alpha: 1.5 } },
    { name: 'unknown mode', options: { mode: 'sideways' as DetectorMode } },
  ])('rejects $name', ({ options }) => {
    expect(() => createPageHinkley(options)).toThrow(RangeError);
  });
});
