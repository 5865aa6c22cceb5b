// Accuracy of the sketch-based drift statistics against the exact raw-data answers (the drift
// module on the same rows). The numbers behind the bounds in README.md ("Measured accuracy").

import { describe, expect, it } from 'vitest';
import { driftTest } from '../drift/index.js';
import { profileDrift } from './drift.js';
import { updateNumeric } from './numeric.js';
import { createProfileLike, numericProfileFromReference } from './reference.js';

/** mulberry32: a small seeded generator, so the data (and the measured errors) are fixed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

function normal(u: () => number): number {
  return Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

function poisson(u: () => number, lambda: number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = u();
  while (p > limit) {
    k++;
    p *= u();
  }
  return k;
}

type Gen = (u: () => number) => number;
const distributions: Array<{ name: string; ref: Gen; cur: Gen }> = [
  { name: 'normal shift 0.1 sd', ref: (u) => normal(u), cur: (u) => 0.1 + normal(u) },
  { name: 'normal, no drift', ref: (u) => normal(u), cur: (u) => normal(u) },
  {
    name: 'normal far from 0 (1e6 + N(0,1))',
    ref: (u) => 1e6 + normal(u),
    cur: (u) => 1e6 + 0.2 + normal(u),
  },
  {
    name: 'lognormal scale',
    ref: (u) => Math.exp(normal(u)),
    cur: (u) => Math.exp(0.1 + 1.2 * normal(u)),
  },
  {
    name: 'bimodal weights',
    ref: (u) => (u() < 0.5 ? -3 : 3) + normal(u),
    cur: (u) => (u() < 0.4 ? -3 : 3) + normal(u),
  },
  {
    name: 'discrete counts (Poisson 4 vs 4.3)',
    ref: (u) => poisson(u, 4),
    cur: (u) => poisson(u, 4.3),
  },
];

const cases = [10_000, 1_000_000].flatMap((n) =>
  distributions.map((d, i) => ({ ...d, n, seed: n + i, name: `${d.name}, n = ${n}` })),
);

function sample(gen: Gen, n: number, u: () => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = gen(u);
  return out;
}

// Measured on these cases (α = 0.01, sketch centered on the reference mean):
//   wasserstein |error| <= 2.7e-4 (score units), ks D error <= 7e-4.
// Asserted: the rigorous per-result errorBound, and practical ceilings 1e-3 (W) and 2e-3 (D).
describe('sketch drift accuracy vs exact raw-data answers', () => {
  it.each(cases)('$name', ({ ref, cur, n, seed }) => {
    const u = rng(seed);
    const a = sample(ref, n, u);
    const b = sample(cur, n, u);
    const pa = numericProfileFromReference(a);
    if (!pa.ok) throw new Error(pa.error.message);
    const pb = createProfileLike(pa.value);
    updateNumeric(pb, b);

    const exactW = driftTest(
      { kind: 'numerical', values: a },
      { kind: 'numerical', values: b },
      { method: 'wasserstein' },
    );
    const exactKs = driftTest(
      { kind: 'numerical', values: a },
      { kind: 'numerical', values: b },
      { method: 'ks' },
    );
    const w = profileDrift(pa.value, pb, { method: 'wasserstein' });
    const ks = profileDrift(pa.value, pb, { method: 'ks' });
    if (!exactW.ok || !exactKs.ok || !w.ok || !ks.ok) throw new Error('drift failed');

    const wErr = Math.abs(w.value.score - exactW.value.score);
    expect(wErr).toBeLessThanOrEqual(w.value.errorBound ?? -1);
    expect(wErr).toBeLessThanOrEqual(1e-3);

    const d = exactKs.value.statistic ?? -1;
    expect(ks.value.statistic).toBeLessThanOrEqual(d + 1e-12);
    expect(d - ks.value.statistic).toBeLessThanOrEqual(ks.value.errorBound ?? -1);
    expect(d - ks.value.statistic).toBeLessThanOrEqual(2e-3);
    if (ks.value.statistic === d) {
      // Same D (discrete data): the same p-value as the raw-sample ks.
      const pRaw = exactKs.value.pValue ?? -1;
      expect(Math.abs((ks.value.pValue ?? -1) - pRaw)).toBeLessThanOrEqual(1e-12 + 1e-9 * pRaw);
    }
  });
});
