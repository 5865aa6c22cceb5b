import { describe, expect, it } from 'vitest';
import { locateChange } from './index.js';

// mulberry32: a tiny seeded PRNG so the noisy series are identical on every run.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Box-Muller standard normal from the seeded uniform source.
function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

function noisy(n: number, level: (t: number) => number, sd: number, seed: number): Float64Array {
  const rand = mulberry32(seed);
  const x = new Float64Array(n);
  for (let t = 0; t < n; t++) x[t] = level(t) + sd * normal(rand);
  return x;
}

const step = (at: number, from: number, to: number) => (t: number) => (t < at ? from : to);
const ramp = (s: number, e: number, from: number, to: number) => (t: number) =>
  t <= s ? from : t >= e ? to : from + ((to - from) * (t - s)) / (e - s);

describe('locateChange: sudden changes', () => {
  type Case = {
    name: string;
    x: ArrayLike<number>;
    start: number;
    startTol?: number;
    shift: number;
    tol: number;
  };
  const cases: Case[] = [
    {
      name: 'noiseless step of 8 values',
      x: [1, 1, 1, 1, 2, 2, 2, 2],
      start: 4,
      shift: 1,
      tol: 1e-12,
    },
    {
      name: 'documented example: accuracy 0.9 → 0.8',
      x: [...Array(10).fill(0.9), ...Array(10).fill(0.8)],
      start: 10,
      shift: -0.1,
      tol: 1e-12,
    },
    {
      name: 'mean shift at t = 500 of 1000, 3 sd',
      x: noisy(1000, step(500, 0, 3), 1, 7),
      start: 500,
      shift: 3,
      tol: 0.15,
    },
    {
      // A 1 sd step is located only to within a few points: each side's mean is noisy.
      name: 'mean shift at t = 500 of 1000, 1 sd',
      x: noisy(1000, step(500, 0, 1), 1, 7),
      start: 500,
      startTol: 10,
      shift: 1,
      tol: 0.15,
    },
    {
      name: 'daily accuracy drop 0.92 → 0.85 on day 40 of 90, sd 0.01',
      x: noisy(90, step(40, 0.92, 0.85), 0.01, 11),
      start: 40,
      shift: -0.07,
      tol: 0.01,
    },
    {
      name: 'large offset, tiny step (centring keeps it well conditioned)',
      x: noisy(200, step(120, 1e6, 1e6 + 0.5), 0.05, 3),
      start: 120,
      shift: 0.5,
      tol: 0.02,
    },
  ];
  it.each(cases)('$name', ({ x, start, startTol = 0, shift, tol }) => {
    const r = locateChange(x);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const c = r.value.change;
    expect(c).not.toBeNull();
    expect(c?.kind).toBe('sudden');
    expect(Math.abs((c?.start ?? -1) - start)).toBeLessThanOrEqual(startTol);
    expect(c?.end).toBe(c?.start);
    expect(Math.abs((c?.shift ?? 0) - shift)).toBeLessThanOrEqual(tol);
    expect(r.value.confidence).toBeGreaterThan(0.99);
    expect(r.value.score).toBeGreaterThanOrEqual(10);
  });

  it('reports the fitted levels of a noiseless step exactly', () => {
    const r = locateChange([5, 5, 5, 5, 5, 3, 3, 3, 3, 3, 3]);
    expect(r.ok && r.value.change).toMatchObject({ kind: 'sudden', start: 5, end: 5 });
    if (!r.ok || r.value.change === null) return;
    expect(r.value.change.before).toBeCloseTo(5, 12);
    expect(r.value.change.after).toBeCloseTo(3, 12);
    expect(r.value.change.shift).toBeCloseTo(-2, 12);
  });
});

describe('locateChange: gradual changes', () => {
  type Case = { name: string; x: ArrayLike<number>; start: number; end: number; tol: number };
  const cases: Case[] = [
    {
      // ramp(s = 9, e = 19): values leave 0 at index 10 and reach 1 at index 19.
      name: 'noiseless ramp 0 → 1 over indices 10..19 of 30',
      x: Array.from({ length: 30 }, (_, t) => ramp(9, 19, 0, 1)(t)),
      start: 10,
      end: 19,
      tol: 0,
    },
    {
      name: 'accuracy decays 0.92 → 0.80 from day 30 to day 60 of 100, sd 0.01',
      x: noisy(100, ramp(30, 60, 0.92, 0.8), 0.01, 5),
      start: 31,
      end: 60,
      tol: 4,
    },
    {
      name: 'ramp still in progress at the end of the series',
      x: noisy(120, ramp(70, 119, 0, 2), 0.1, 9),
      start: 71,
      end: 119,
      tol: 5,
    },
    {
      name: 'long series beyond maxExactLength uses grid + refine',
      x: noisy(5000, ramp(2000, 3000, 0, 1), 0.1, 13),
      start: 2001,
      end: 3000,
      tol: 40,
    },
  ];
  it.each(cases)('$name', ({ x, start, end, tol }) => {
    const r = locateChange(x);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const c = r.value.change;
    expect(c?.kind).toBe('gradual');
    expect(Math.abs((c?.start ?? -1) - start)).toBeLessThanOrEqual(tol);
    expect(Math.abs((c?.end ?? -1) - end)).toBeLessThanOrEqual(tol);
    expect(r.value.confidence).toBeGreaterThan(0.99);
  });

  it('fits the levels of a noiseless ramp exactly', () => {
    const x = Array.from({ length: 30 }, (_, t) => ramp(9, 19, 2, -1)(t));
    const r = locateChange(x);
    if (!r.ok || r.value.change === null) throw new Error('expected a change');
    expect(r.value.change.before).toBeCloseTo(2, 10);
    expect(r.value.change.after).toBeCloseTo(-1, 10);
  });
});

describe('locateChange: no change', () => {
  it.each([
    { name: 'constant', x: Array(20).fill(0.9) },
    { name: 'constant Float64Array', x: new Float64Array(8).fill(-3) },
  ])('$name → change null, score 0', ({ x }) => {
    expect(locateChange(x)).toEqual({
      ok: true,
      value: { change: null, score: 0, confidence: 0, bic: null },
    });
  });

  // Under white noise the default minScore = 10 fires rarely: we measured ~1 % at 8–12 points and
  // ≤ 0.2 % at 20–1000 points; the bound below leaves room for sampling error over 400 series.
  it.each([8, 12, 30, 100, 365])('white noise of %i points: false-alarm rate ≤ 0.03', (n) => {
    const rand = mulberry32(1000 + n);
    let alarms = 0;
    const reps = 400;
    for (let k = 0; k < reps; k++) {
      const x = new Float64Array(n);
      for (let i = 0; i < n; i++) x[i] = 0.9 + 0.02 * normal(rand);
      const r = locateChange(x);
      if (!r.ok) throw new Error(r.error.message);
      if (r.value.change !== null) alarms++;
    }
    expect(alarms / reps).toBeLessThanOrEqual(0.03);
  });

  it('minScore trades sensitivity: a faint step is found only with a low minScore', () => {
    const x = noisy(40, step(20, 0, 0.9), 1, 21);
    const strict = locateChange(x, { minScore: 1e6 });
    const lax = locateChange(x, { minScore: -1e6 });
    expect(strict.ok && strict.value.change).toBeNull();
    expect(lax.ok && lax.value.change).not.toBeNull();
  });
});

describe('locateChange: errors', () => {
  it.each([
    { name: 'empty', x: [], code: 'TOO_FEW_VALUES', opts: {} },
    { name: '7 values', x: [1, 2, 3, 4, 5, 6, 7], code: 'TOO_FEW_VALUES', opts: {} },
    {
      name: 'NaN inside',
      x: [1, 1, 1, Number.NaN, 2, 2, 2, 2],
      code: 'INVALID_ARGUMENT',
      opts: {},
    },
    { name: 'Infinity', x: [1, 1, 1, 1, 2, 2, 2, Infinity], code: 'INVALID_ARGUMENT', opts: {} },
    {
      name: 'minSegmentLength too long for the series',
      x: [1, 1, 1, 1, 2, 2, 2, 2],
      code: 'TOO_FEW_VALUES',
      opts: { minSegmentLength: 5 },
    },
    {
      name: 'bad minSegmentLength',
      x: Array(10).fill(1),
      code: 'INVALID_ARGUMENT',
      opts: { minSegmentLength: 0 },
    },
  ])('$name → $code', ({ x, code, opts }) => {
    const r = locateChange(x, opts);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });
});

describe('locateChange: sudden vs gradual over many seeds', () => {
  it.each([
    { name: 'steps of 3 sd over 60 points', level: step(30, 0.9, 0.87), kind: 'sudden' },
    // A ramp is told from a step by the misfit a step leaves on it, ≈ shift² · length / 12; a
    // 3 sd ramp over 15 points leaves ≈ 11 σ², too close to call (measured: half are 'sudden').
    { name: 'ramps of 10 sd over 20 of 60 points', level: ramp(20, 40, 0.9, 0.8), kind: 'gradual' },
  ])('$name are classified $kind in ≥ 90 of 100 series', ({ level, kind }) => {
    let right = 0;
    for (let seed = 0; seed < 100; seed++) {
      const r = locateChange(noisy(60, level, 0.01, 500 + seed));
      if (r.ok && r.value.change?.kind === kind) right++;
    }
    expect(right).toBeGreaterThanOrEqual(90);
  });
});
