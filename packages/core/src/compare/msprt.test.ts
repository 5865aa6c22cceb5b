import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random/index.js';
import type { CoreErrorCode } from '../result.js';
import type { MixtureSprtOptions, MixtureSprtState, TwoSampleSummary } from './msprt.js';
import { mixtureSprt, mixtureSprtUpdate, proportionsSummary } from './msprt.js';

interface Case {
  name: string;
  summary: TwoSampleSummary;
  options: Required<MixtureSprtOptions>;
  expected: { logLikelihoodRatio: number; pValue: number; lower: number; upper: number };
}
const golden: { cases: Case[] } = JSON.parse(
  readFileSync(new URL('./testdata/msprt.golden.json', import.meta.url), 'utf8'),
);

function close(actual: number, expected: number, rel: number, abs = 0): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected) + abs);
}

interface StreamResult {
  everRejected: boolean;
  finalState: MixtureSprtState | null;
}

/**
 * simulateMeans streams `looks` batches of `batch` N(mean, 1) draws per arm into the mSPRT with
 * plug-in sample variances, as a daily dashboard would, and reports whether it ever rejected.
 */
function simulateMeans(
  seed: number,
  effect: number,
  looks: number,
  batch: number,
  options: MixtureSprtOptions,
): StreamResult {
  const rng = createRng(seed);
  let sa = 0;
  let sb = 0;
  let qa = 0;
  let qb = 0;
  let state: MixtureSprtState | null = null;
  for (let look = 1; look <= looks; look++) {
    for (let i = 0; i < batch; i++) {
      const x = rng.normal() + effect;
      const y = rng.normal();
      sa += x;
      qa += x * x;
      sb += y;
      qb += y * y;
    }
    const n = look * batch;
    const summary = {
      nA: n,
      meanA: sa / n,
      varianceA: (qa - (sa * sa) / n) / (n - 1),
      nB: n,
      meanB: sb / n,
      varianceB: (qb - (sb * sb) / n) / (n - 1),
    };
    const next = mixtureSprtUpdate(state, summary, options);
    if (!next.ok) throw new Error(next.error.message);
    state = next.value;
  }
  return { everRejected: state?.rejected ?? false, finalState: state };
}

/** simulateProportions does the same with Bernoulli arms, skipping looks with zero variance. */
function simulateProportions(
  seed: number,
  pA: number,
  pB: number,
  looks: number,
  batch: number,
  options: MixtureSprtOptions,
): StreamResult {
  const rng = createRng(seed);
  let xa = 0;
  let xb = 0;
  let state: MixtureSprtState | null = null;
  for (let look = 1; look <= looks; look++) {
    for (let i = 0; i < batch; i++) {
      if (rng.next() < pA) xa++;
      if (rng.next() < pB) xb++;
    }
    const n = look * batch;
    const summary = proportionsSummary({ successes: xa, trials: n }, { successes: xb, trials: n });
    if (!summary.ok) throw new Error(summary.error.message);
    const next = mixtureSprtUpdate(state, summary.value, options);
    if (next.ok) state = next.value;
    else if (next.error.code !== 'CONSTANT') throw new Error(next.error.message);
  }
  return { everRejected: state?.rejected ?? false, finalState: state };
}

const STREAMS = 2000;
const LOOKS = 500;
// One-sided Monte Carlo margin: 2 standard errors of a binomial fraction at 0.05 over 2,000 streams.
const MARGIN = 2 * Math.sqrt((0.05 * 0.95) / STREAMS);

describe('mixtureSprt', () => {
  it.each(golden.cases)('$name matches the closed form', ({ summary, options, expected }) => {
    const r = mixtureSprt(summary, options);
    if (!r.ok) throw new Error(r.error.message);
    // Same formula, evaluated in another order: relative 1e-12.
    close(r.value.logLikelihoodRatio, expected.logLikelihoodRatio, 1e-12, 1e-14);
    close(r.value.pValue, expected.pValue, 1e-12, 1e-300);
    close(r.value.confidenceInterval.lower, expected.lower, 1e-12, 1e-15);
    close(r.value.confidenceInterval.upper, expected.upper, 1e-12, 1e-15);
  });

  it('under the null, at most alpha of 2,000 streams ever cross over 500 looks (means)', () => {
    let crossed = 0;
    for (let s = 0; s < STREAMS; s++) {
      if (simulateMeans(10_000 + s, 0, LOOKS, 10, { mixingVariance: 0.01 }).everRejected) crossed++;
    }
    expect(crossed / STREAMS).toBeLessThan(0.05 + MARGIN);
    // A fixed-horizon z-test peeked at 500 times would cross far more often (≈ 0.3+); the
    // always-valid p-value must not be that, nor trivially 0.
    expect(crossed).toBeGreaterThan(0);
  });

  it('under the null, at most alpha of 2,000 streams ever cross over 500 looks (proportions)', () => {
    let crossed = 0;
    for (let s = 0; s < STREAMS; s++) {
      const r = simulateProportions(50_000 + s, 0.1, 0.1, LOOKS, 20, { mixingVariance: 1e-3 });
      if (r.everRejected) crossed++;
    }
    expect(crossed / STREAMS).toBeLessThan(0.05 + MARGIN);
  });

  it('rejects a real effect and its confidence sequence covers it', () => {
    let rejected = 0;
    let covered = 0;
    const streams = 200;
    for (let s = 0; s < streams; s++) {
      const r = simulateMeans(90_000 + s, 0.2, 100, 20, { mixingVariance: 0.01 });
      if (r.everRejected) rejected++;
      const cs = r.finalState?.confidenceSequence;
      if (cs && cs.lower <= 0.2 && 0.2 <= cs.upper) covered++;
    }
    // n = 2,000 per arm gives a z of about 6.3: power is essentially 1.
    expect(rejected / streams).toBeGreaterThan(0.95);
    expect(covered / streams).toBeGreaterThan(0.95 - 2 * Math.sqrt((0.05 * 0.95) / streams));
  });

  it('rejects a real lift in conversion rate', () => {
    let rejected = 0;
    for (let s = 0; s < 100; s++) {
      if (
        simulateProportions(70_000 + s, 0.12, 0.1, 100, 200, { mixingVariance: 1e-3 }).everRejected
      ) {
        rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(90);
  });
});

describe('mixtureSprtUpdate', () => {
  const options = { mixingVariance: 0.01 };
  const look = (meanA: number, n: number): TwoSampleSummary => ({
    nA: n,
    meanA,
    varianceA: 1,
    nB: n,
    meanB: 0,
    varianceB: 1,
  });

  it('keeps the running minimum p-value and shrinks the sequence', () => {
    const first = mixtureSprtUpdate(null, look(0.2, 1000), options);
    if (!first.ok) throw new Error(first.error.message);
    const second = mixtureSprtUpdate(first.value, look(0.0, 2000), options);
    if (!second.ok) throw new Error(second.error.message);
    expect(second.value.looks).toBe(2);
    expect(second.value.last.pValue).toBeGreaterThan(first.value.pValue);
    expect(second.value.pValue).toBe(first.value.pValue);
    const a = first.value.confidenceSequence;
    const b = second.value.confidenceSequence;
    if (a === null || b === null) throw new Error('unexpected empty sequence');
    expect(b.lower).toBeGreaterThanOrEqual(a.lower);
    expect(b.upper).toBeLessThanOrEqual(a.upper);
  });

  it('marks an empty intersection with null', () => {
    const first = mixtureSprtUpdate(null, look(1, 10_000), options);
    if (!first.ok) throw new Error(first.error.message);
    const second = mixtureSprtUpdate(first.value, look(-1, 20_000), options);
    expect(second.ok && second.value.confidenceSequence).toBeNull();
    expect(second.ok && second.value.rejected).toBe(true);
  });

  it('refuses options that differ from the running state', () => {
    const first = mixtureSprtUpdate(null, look(0.1, 100), options);
    if (!first.ok) throw new Error(first.error.message);
    const r = mixtureSprtUpdate(first.value, look(0.1, 200), { mixingVariance: 0.02 });
    expect(r.ok ? 'ok' : r.error.code).toBe('INVALID_ARGUMENT');
  });

  it('caps the p-value at 1 and keeps Λ finite or +Infinity, never NaN', () => {
    const none = mixtureSprt(look(0, 10), options);
    expect(none.ok && none.value.pValue).toBe(1);
    const huge = mixtureSprt(look(50, 1e6), options);
    if (!huge.ok) throw new Error(huge.error.message);
    expect(huge.value.likelihoodRatio).toBe(Number.POSITIVE_INFINITY);
    expect(huge.value.pValue).toBe(0);
    expect(Number.isFinite(huge.value.logLikelihoodRatio)).toBe(true);
  });

  type Bad = {
    name: string;
    summary: TwoSampleSummary;
    options: MixtureSprtOptions;
    code: CoreErrorCode;
  };
  const base = look(0.1, 100);
  const bad: Bad[] = [
    {
      name: 'zero variance',
      summary: { ...base, varianceA: 0, varianceB: 0 },
      options,
      code: 'CONSTANT',
    },
    {
      name: 'negative variance',
      summary: { ...base, varianceA: -1 },
      options,
      code: 'INVALID_ARGUMENT',
    },
    { name: 'empty arm', summary: { ...base, nB: 0 }, options, code: 'INVALID_ARGUMENT' },
    {
      name: 'NaN mean',
      summary: { ...base, meanA: Number.NaN },
      options,
      code: 'INVALID_ARGUMENT',
    },
    { name: 'tau² = 0', summary: base, options: { mixingVariance: 0 }, code: 'INVALID_ARGUMENT' },
    {
      name: 'alpha = 1',
      summary: base,
      options: { mixingVariance: 1, alpha: 1 },
      code: 'INVALID_ARGUMENT',
    },
  ];
  it.each(bad)('returns $code for $name', ({ summary, options: o, code }) => {
    const r = mixtureSprt(summary, o);
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
  });
});

describe('proportionsSummary', () => {
  it('uses Bernoulli variances', () => {
    const r = proportionsSummary({ successes: 30, trials: 200 }, { successes: 20, trials: 200 });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.meanA).toBeCloseTo(0.15, 15);
    expect(r.value.varianceA).toBeCloseTo(0.1275, 15);
    expect(r.value.varianceB).toBeCloseTo(0.09, 15);
  });

  it('rejects impossible counts', () => {
    const r = proportionsSummary({ successes: 3, trials: 2 }, { successes: 1, trials: 2 });
    expect(r.ok ? 'ok' : r.error.code).toBe('INVALID_ARGUMENT');
  });
});
