import { describe, expect, it } from 'vitest';
import {
  type DriftObservation,
  effectSize,
  locateOnset,
  measureImpact,
  rankDriftedFeatures,
  rankSegments,
} from './diagnosis.js';

const HOUR = 3_600_000;
const T = Date.UTC(2024, 1, 1);
const obs = (o: Partial<DriftObservation>): DriftObservation => ({
  monitor: 'drift',
  feature: 'x',
  method: 'psi',
  value: 0.3,
  threshold: 0.2,
  direction: 'above',
  breach: true,
  timeMs: T,
  ...o,
});

describe('effectSize', () => {
  it('scales distances by the threshold and p-values by log', () => {
    expect(effectSize({ value: 0.4, threshold: 0.2, direction: 'above' })).toBeCloseTo(2, 12);
    expect(effectSize({ value: 1e-6, threshold: 0.01, direction: 'below' })).toBeCloseTo(3, 12);
    expect(effectSize({ value: 0, threshold: 0.01, direction: 'below' })).toBeCloseTo(150, 9);
    expect(effectSize({ value: 1, threshold: 0, direction: 'above' })).toBe(0);
  });
});

describe('rankDriftedFeatures', () => {
  it('ranks breached features by effect, latest point per feature, strongest monitor', () => {
    const ranked = rankDriftedFeatures([
      obs({ feature: 'delay', value: 0.25 }),
      obs({ feature: 'distance', value: 0.6 }),
      // An older breach of `hour` that has since recovered is not in the list.
      obs({ feature: 'hour', value: 0.9, timeMs: T - HOUR }),
      obs({ feature: 'hour', value: 0.1, breach: false }),
      // KS p 1e-9 at 0.01: effect 4.5, between distance (3) and delay (1.25).
      obs({
        monitor: 'ks',
        feature: 'delay',
        method: 'ks',
        value: 1e-9,
        threshold: 0.01,
        direction: 'below',
      }),
    ]);
    expect(ranked.map((f) => [f.feature, f.method, Number(f.effect.toFixed(2))])).toEqual([
      ['delay', 'ks', 4.5],
      ['distance', 'psi', 3],
    ]);
  });
});

describe('locateOnset', () => {
  const series = (vals: number[]) => vals.map((value, i) => ({ timeMs: T + i * HOUR, value }));
  it('finds a sudden change with the core locator', () => {
    const vals = [...Array(10).fill(0.05), ...Array(10).fill(0.4)].map(
      (v, i) => v + (i % 3) * 0.001,
    );
    const o = locateOnset(series(vals), T + 12 * HOUR);
    expect(o).toMatchObject({ onsetMs: T + 10 * HOUR, kind: 'sudden', method: 'change-point' });
    expect(o.confidence).toBeGreaterThan(0.99);
  });
  it('finds a gradual change', () => {
    const vals = Array.from(
      { length: 30 },
      (_, i) => (i < 10 ? 0.9 : i < 20 ? 0.9 - (i - 9) * 0.03 : 0.6) + (i % 2) * 0.001,
    );
    const o = locateOnset(series(vals), T + 25 * HOUR);
    expect(o.kind).toBe('gradual');
    expect(o.onsetMs).toBeGreaterThanOrEqual(T + 9 * HOUR);
    expect(o.onsetMs).toBeLessThanOrEqual(T + 11 * HOUR);
    expect(o.endMs).toBeGreaterThan(o.onsetMs);
  });
  it('falls back to the first breach on a short series', () => {
    expect(locateOnset(series([1, 2, 3]), T + 7)).toMatchObject({
      onsetMs: T + 7,
      kind: 'unknown',
      method: 'first-breach',
    });
  });
});

describe('rankSegments and measureImpact', () => {
  const rows = [
    ...Array.from({ length: 40 }, (_, i) => ({ correct: i < 10, segments: { origin: 'SFO' } })),
    ...Array.from({ length: 60 }, (_, i) => ({ correct: i < 54, segments: { origin: 'JFK' } })),
    ...Array.from({ length: 5 }, () => ({ correct: false, segments: { origin: 'TINY' } })),
  ];
  it('ranks segments by excess wrong share, ignoring tiny ones', () => {
    const s = rankSegments(rows);
    // overall wrong: (30 + 6 + 5) / 105.
    expect(s.map((x) => [x.value, x.rows, x.wrongShare])).toEqual([['SFO', 40, 0.75]]);
    expect(s[0].excess).toBeCloseTo(0.75 - 41 / 105, 12);
  });
  it('measures wrong share and the drop from baseline accuracy', () => {
    const m = measureImpact(rows, 0.9);
    expect(m.wrongShare).toBeCloseTo(41 / 105, 12);
    expect(m.performanceDrop).toBeCloseTo((0.9 - 64 / 105) / 0.9, 12);
    expect(measureImpact([], 0.9)).toEqual({ wrongShare: null, performanceDrop: null, rows: 0 });
    expect(measureImpact(rows, null).performanceDrop).toBeNull();
  });
});
