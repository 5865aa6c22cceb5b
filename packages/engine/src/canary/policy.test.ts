import { type CanaryPolicy, canaryPolicySchema } from '@vigil/contracts';
import { createRng, type MixtureSprtState } from '@vigil/core';
import { describe, expect, it } from 'vitest';
import { emptyVariantStats, metricSample, type VariantStats } from './metrics.js';
import { type CanaryAction, DAY_MS, decideCanary } from './policy.js';

const t0 = Date.parse('2026-05-01T00:00:00Z');
const WEIGHTS = { baseline: 0.9, candidate: 0.1 };

interface Shape {
  readonly predictions: number;
  readonly errorRate?: number;
  readonly labelled?: number;
  readonly accuracy?: number;
  /** Latency mean and standard deviation, ms, reported on every prediction. */
  readonly latency?: readonly [number, number];
  /** Per-prediction outcome totals: mean and standard deviation. */
  readonly outcome?: { name: string; mean: number; sd: number };
}

// Counts with exactly the given rates, means and (sample) standard deviations.
function stats(variant: string, s: Shape): VariantStats {
  const n = s.predictions;
  const sums = (mean: number, sd: number) => ({
    count: n,
    sum: n * mean,
    sumSquares: (n - 1) * sd * sd + n * mean * mean,
  });
  const labelled = s.labelled ?? 0;
  return {
    ...emptyVariantStats(variant),
    predictions: n,
    errors: Math.round(n * (s.errorRate ?? 0)),
    latencyMs: s.latency === undefined ? { count: 0, sum: 0, sumSquares: 0 } : sums(...s.latency),
    labelled,
    correct: Math.round(labelled * (s.accuracy ?? 0)),
    outcomes:
      s.outcome === undefined ? {} : { [s.outcome.name]: sums(s.outcome.mean, s.outcome.sd) },
  };
}

const policy = (p: Record<string, unknown> = {}): CanaryPolicy => canaryPolicySchema.parse(p);

interface Case {
  readonly name: string;
  readonly days: number;
  readonly baseline: Shape;
  readonly candidate: Shape;
  readonly policy?: Record<string, unknown>;
  readonly action: CanaryAction;
  readonly reason: string;
}

const good: Shape = { predictions: 45_000, errorRate: 0.01, latency: [120, 30] };
const goodCandidate: Shape = { predictions: 5_000, errorRate: 0.01, latency: [120, 30] };

const cases: Case[] = [
  {
    name: 'no data at all pauses',
    days: 8,
    baseline: { predictions: 0 },
    candidate: { predictions: 0 },
    action: 'pause',
    reason: 'no data: baseline variant "baseline" has no predictions',
  },
  {
    name: 'a candidate without traffic pauses, never promotes',
    days: 30,
    baseline: good,
    candidate: { predictions: 0 },
    action: 'pause',
    reason: 'no data: candidate variant "candidate" has no predictions',
  },
  {
    name: 'as good, day 3 of 7: continue',
    days: 3,
    baseline: good,
    candidate: goodCandidate,
    action: 'continue',
    reason: 'running 3 of 7 days',
  },
  {
    name: 'as good, day 7: promote',
    days: 7,
    baseline: good,
    candidate: goodCandidate,
    action: 'promote',
    reason: 'no guard significantly worse',
  },
  {
    name: 'as good for 8 days but below the minimum sample: continue',
    days: 8,
    baseline: { ...good, predictions: 5400 },
    candidate: { ...goodCandidate, predictions: 600 },
    action: 'continue',
    reason: 'variant "candidate" has 600 of 1000 predictions',
  },
  {
    name: 'error rate 5 % vs 1 % on day 1: rollback at once',
    days: 1,
    baseline: { predictions: 9000, errorRate: 0.01 },
    candidate: { predictions: 1000, errorRate: 0.05 },
    action: 'rollback',
    reason: 'error_rate significantly worse',
  },
  {
    name: 'sample-ratio mismatch pauses even after 7 days',
    days: 8,
    baseline: { ...good, predictions: 30_000 },
    candidate: { ...goodCandidate, predictions: 5_000 },
    action: 'pause',
    reason: 'sample-ratio mismatch',
  },
  {
    name: 'accuracy worse when labelled: rollback',
    days: 2,
    baseline: { ...good, labelled: 9000, accuracy: 0.9 },
    candidate: { ...goodCandidate, labelled: 1000, accuracy: 0.8 },
    action: 'rollback',
    reason: 'accuracy significantly worse',
  },
  {
    name: 'accuracy as good: promote',
    days: 9,
    baseline: { ...good, labelled: 9000, accuracy: 0.9 },
    candidate: { ...goodCandidate, labelled: 1000, accuracy: 0.9 },
    action: 'promote',
    reason: 'accuracy: candidate 0.9000 vs baseline 0.9000',
  },
  {
    name: 'a required guard that never gets data pauses',
    days: 9,
    baseline: good,
    candidate: goodCandidate,
    policy: { guards: [{ metric: 'error_rate' }, { metric: 'accuracy', required: true }] },
    action: 'pause',
    reason: 'no data for the required guard accuracy',
  },
  {
    name: 'worse within the tolerance: promote',
    days: 7,
    baseline: { predictions: 450_000, errorRate: 0.01 },
    candidate: { predictions: 50_000, errorRate: 0.012 },
    policy: { guards: [{ metric: 'error_rate', tolerance: 0.005 }] },
    action: 'promote',
    reason: 'no guard significantly worse',
  },
  {
    name: 'the same small worsening without tolerance: rollback',
    days: 7,
    baseline: { predictions: 450_000, errorRate: 0.01 },
    candidate: { predictions: 50_000, errorRate: 0.012 },
    policy: { guards: [{ metric: 'error_rate', tolerance: 0 }] },
    action: 'rollback',
    reason: 'error_rate significantly worse',
  },
  {
    name: 'latency 20 % slower against a 10 % relative tolerance: rollback',
    days: 2,
    baseline: { ...good, latency: [100, 20] },
    candidate: { ...goodCandidate, latency: [120, 20] },
    action: 'rollback',
    reason: 'latency_ms significantly worse',
  },
  {
    name: 'latency 3 % slower against a 10 % relative tolerance: promote',
    days: 7,
    baseline: { ...good, latency: [100, 20] },
    candidate: { ...goodCandidate, latency: [103, 20] },
    action: 'promote',
    reason: 'latency_ms: candidate 103 vs baseline 100',
  },
  {
    name: 'fewer purchases per prediction: rollback',
    days: 3,
    baseline: { ...good, outcome: { name: 'purchase', mean: 0.1, sd: 0.3 } },
    candidate: { ...goodCandidate, outcome: { name: 'purchase', mean: 0.05, sd: 0.22 } },
    policy: {
      guards: [{ metric: 'outcome', outcome: 'purchase', direction: 'higher_is_better' }],
    },
    action: 'rollback',
    reason: 'outcome:purchase significantly worse',
  },
  {
    name: 'no errors in either arm (no variation) is not worse',
    days: 7,
    baseline: { predictions: 9000, errorRate: 0 },
    candidate: { predictions: 1000, errorRate: 0 },
    policy: { guards: [{ metric: 'error_rate' }] },
    action: 'promote',
    reason: 'not worse',
  },
  {
    name: 'all errors in the candidate, none in the baseline: rollback',
    days: 1,
    baseline: { predictions: 900, errorRate: 0 },
    candidate: { predictions: 100, errorRate: 1 },
    policy: { guards: [{ metric: 'error_rate' }] },
    action: 'rollback',
    reason: 'no variation in either',
  },
];

describe('decideCanary', () => {
  it.each(cases)('$name', (c) => {
    const d = decideCanary({
      policy: policy(c.policy),
      startMs: t0,
      nowMs: t0 + c.days * DAY_MS,
      weights: WEIGHTS,
      baseline: stats('baseline', c.baseline),
      candidate: stats('candidate', c.candidate),
      previous: {},
    });
    expect(d.action).toBe(c.action);
    expect(d.reasons.join('\n')).toContain(c.reason);
    expect(d.elapsedMs).toBe(c.days * DAY_MS);
  });

  it('carries the sequential state from look to look (running minimum p-value)', () => {
    const p = policy({ guards: [{ metric: 'error_rate' }] });
    let previous: Record<string, MixtureSprtState> = {};
    const ps: number[] = [];
    for (let day = 1; day <= 5; day++) {
      const d = decideCanary({
        policy: p,
        startMs: t0,
        nowMs: t0 + day * DAY_MS,
        weights: WEIGHTS,
        baseline: stats('baseline', { predictions: 900 * day, errorRate: 0.01 }),
        candidate: stats('candidate', { predictions: 100 * day, errorRate: 0.011 }),
        previous,
      });
      previous = d.sequential as Record<string, MixtureSprtState>;
      expect(previous.error_rate.looks).toBe(day);
      ps.push(d.guards[0].pValue as number);
    }
    for (let i = 1; i < ps.length; i++) expect(ps[i]).toBeLessThanOrEqual(ps[i - 1]);
  });

  it('rolls back at most about alpha of identical canaries looked at every day for 30 days', () => {
    // Always-valid: under "no difference", P(any look rolls back) <= alpha whatever the looks.
    const rng = createRng(20260501);
    const p = policy({ guards: [{ metric: 'error_rate' }], min_days: 365 });
    let rolledBack = 0;
    const runs = 200;
    for (let run = 0; run < runs; run++) {
      let b = { n: 0, e: 0 };
      let c = { n: 0, e: 0 };
      let previous: Record<string, MixtureSprtState> = {};
      for (let day = 1; day <= 30; day++) {
        for (let i = 0; i < 500; i++) {
          const err = rng.next() < 0.05 ? 1 : 0;
          if (rng.next() < 0.1) c = { n: c.n + 1, e: c.e + err };
          else b = { n: b.n + 1, e: b.e + err };
        }
        const d = decideCanary({
          policy: p,
          startMs: t0,
          nowMs: t0 + day * DAY_MS,
          weights: WEIGHTS,
          baseline: { ...emptyVariantStats('baseline'), predictions: b.n, errors: b.e },
          candidate: { ...emptyVariantStats('candidate'), predictions: c.n, errors: c.e },
          previous,
        });
        previous = d.sequential as Record<string, MixtureSprtState>;
        if (d.action === 'rollback') {
          rolledBack++;
          break;
        }
      }
    }
    // One-sided use of a two-sided 95 % sequence: the bound is 2.5 %; allow sampling noise.
    expect(rolledBack / runs).toBeLessThanOrEqual(0.05);
  });
});

describe('metricSample', () => {
  it('gives the Bernoulli error rate', () => {
    const s = stats('x', { predictions: 1000, errorRate: 0.02 });
    expect(metricSample(s, canaryPolicySchema.parse({}).guards[0])).toEqual({
      n: 1000,
      mean: 0.02,
      variance: 0.02 * 0.98,
    });
  });
});
