import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chi2Sf, normalCdf } from '../special/index.js';
import { createRng } from './rng.js';
import { shuffleInPlace } from './shuffle.js';

interface RngCase {
  seed: number;
  uint32: number[];
  next: number[];
  int6: number[];
}
const golden: { cases: RngCase[] } = JSON.parse(
  readFileSync(new URL('./testdata/rng.golden.json', import.meta.url), 'utf8'),
);

/** chiSquaredUniformP bins draws in [0, 1) into `bins` equal cells; returns the GOF p-value. */
function chiSquaredUniformP(draw: () => number, draws: number, bins: number): number {
  const counts = new Float64Array(bins);
  for (let i = 0; i < draws; i++) counts[Math.floor(draw() * bins)]++;
  const expected = draws / bins;
  let stat = 0;
  for (const c of counts) stat += (c - expected) ** 2 / expected;
  return chi2Sf(stat, bins - 1);
}

describe('createRng', () => {
  it.each(golden.cases.map((c) => ({ name: `seed ${c.seed}`, ...c })))(
    '$name reproduces the Python transcription',
    ({ seed, uint32, next, int6 }) => {
      const rng = createRng(seed);
      expect(Array.from({ length: uint32.length }, () => rng.uint32())).toEqual(uint32);
      expect(Array.from({ length: next.length }, () => rng.next())).toEqual(next);
      expect(Array.from({ length: int6.length }, () => rng.int(6))).toEqual(int6);
    },
  );

  it('is deterministic for a seed and differs between seeds', () => {
    const a = createRng(123);
    const b = createRng(123);
    const c = createRng(124);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c.next())).not.toEqual(xs);
    const seeds = [0, 2 ** 32, -(2 ** 32), 2 ** 33].map((s) => createRng(s).uint32());
    expect(new Set(seeds).size).toBe(seeds.length);
  });

  type UniformCase = { name: string; draw: (seed: number) => () => number; passes: boolean };
  const uniformCases: UniformCase[] = [
    {
      name: 'next()',
      draw: (s) => {
        const r = createRng(s);
        return () => r.next();
      },
      passes: true,
    },
    {
      name: 'int(10) / 10 (Lemire path)',
      draw: (s) => {
        const r = createRng(s);
        return () => (r.int(10) + 0.5) / 10;
      },
      passes: true,
    },
    {
      name: 'int(3e9) / 3e9 (rejection path)',
      draw: (s) => {
        const r = createRng(s);
        return () => r.int(3e9) / 3e9;
      },
      passes: true,
    },
    {
      name: 'int(2^40) / 2^40 (53-bit path)',
      draw: (s) => {
        const r = createRng(s);
        return () => r.int(2 ** 40) / 2 ** 40;
      },
      passes: true,
    },
    {
      name: 'normal() through Φ',
      draw: (s) => {
        const r = createRng(s);
        return () => Math.min(normalCdf(r.normal()), 1 - 1e-16);
      },
      passes: true,
    },
    {
      // Negative control: a 5 % power distortion must be caught, or the check has no teeth.
      name: 'negative control next()^1.05',
      draw: (s) => {
        const r = createRng(s);
        return () => r.next() ** 1.05;
      },
      passes: false,
    },
  ];
  it.each(uniformCases)('chi-squared of 10 bins over 1e5 draws: $name', ({ draw, passes }) => {
    const p = chiSquaredUniformP(draw(2024), 100_000, 10);
    if (passes) expect(p).toBeGreaterThan(0.001);
    else expect(p).toBeLessThan(1e-6);
  });

  it('normal() has mean 0 and variance 1', () => {
    const rng = createRng(99);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      s += z;
      s2 += z * z;
    }
    // 5 standard errors: mean SE 1/√n, variance SE √(2/n).
    expect(Math.abs(s / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });

  it.each([
    { n: 1 },
    { n: 6 },
    { n: 1000 },
    { n: 2 ** 21 - 1 },
    { n: 2 ** 21 },
    { n: 3e9 },
    { n: 2 ** 32 },
  ])('fillInt(out, $n) equals repeated int($n)', ({ n }) => {
    const a = createRng(77);
    const b = createRng(77);
    const out = new Uint32Array(5000);
    a.fillInt(out, n);
    const expected = Uint32Array.from({ length: out.length }, () => b.int(n));
    expect(out).toEqual(expected);
    // Both generators must also be left in the same state.
    expect(a.uint32()).toBe(b.uint32());
  });

  it('int(n) stays in range, including n = 1 and 2^53', () => {
    const rng = createRng(5);
    for (let i = 0; i < 1000; i++) {
      expect(rng.int(1)).toBe(0);
      const v = rng.int(2 ** 53);
      expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
    }
  });

  it.each([
    { name: 'non-integer n', n: 2.5 },
    { name: 'zero', n: 0 },
    { name: 'beyond 2^53', n: 2 ** 54 },
  ])('int rejects $name (a caller bug)', ({ n }) => {
    expect(() => createRng(1).int(n)).toThrow(RangeError);
  });

  it.each([{ seed: 0.5 }, { seed: Number.NaN }, { seed: 2 ** 60 }])(
    'rejects seed $seed',
    ({ seed }) => {
      expect(() => createRng(seed)).toThrow(RangeError);
    },
  );
});

describe('shuffleInPlace', () => {
  it('returns a permutation, the same one for the same seed', () => {
    const identity = Array.from({ length: 50 }, (_, i) => i);
    const a = Int32Array.from(identity);
    const b = Int32Array.from(identity);
    shuffleInPlace(createRng(5), a);
    shuffleInPlace(createRng(5), b);
    expect(Array.from(a).sort((x, y) => x - y)).toEqual(identity);
    expect(Array.from(a)).not.toEqual(identity);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('puts each element in each position with equal probability', () => {
    // 3! = 6 permutations of [0, 1, 2], 60,000 shuffles: each within 5 sigma of 10,000.
    const rng = createRng(17);
    const counts = new Map<string, number>();
    for (let i = 0; i < 60_000; i++) {
      const a = Int32Array.of(0, 1, 2);
      shuffleInPlace(rng, a);
      const k = a.join('');
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const c of counts.values())
      expect(Math.abs(c - 10_000)).toBeLessThan(5 * Math.sqrt(10_000 * (5 / 6)));
  });
});
