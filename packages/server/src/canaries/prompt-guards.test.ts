// A prompt canary's statistics (promptVariantStats) through the engine's guards and policy: the
// named prompt guards parse into outcome guards whose samples are per-call means, and a candidate
// that quotes wrong prices far more often is rolled back while an equal one is promoted.
import { createPromptCanarySchema, guardMetricSchema } from '@vigil/contracts';
import { DAY_MS, decideCanary, metricSample } from '@vigil/engine';
import { promptVariantStats } from '@vigil/store';
import { describe, expect, it } from 'vitest';

const row = {
  calls: '40',
  errors: '2',
  lat_n: '40',
  lat_sum: '8000',
  lat_sq: '1700000',
  cost_n: '38',
  cost_sum: 0.038,
  cost_sq: 0.000042,
  reviewed: 5,
  correct: 4,
  wrong_price: '2',
  negative: 1,
};

describe('prompt canary guards', () => {
  it('wrong_price_rate and cost_usd are means over all calls, accuracy over reviewed ones', () => {
    const s = promptVariantStats('treatment', row);
    const guard = (g: Record<string, unknown>) => guardMetricSchema.parse(g);
    const wrong = metricSample(
      s,
      guard({ metric: 'outcome', outcome: 'wrong_price_rate', direction: 'lower_is_better' }),
    );
    // 2 of 40 calls: mean 0.05, sample variance (2 − 40 · 0.05²) / 39.
    expect(wrong?.n).toBe(40);
    expect(wrong?.mean).toBeCloseTo(0.05, 15);
    expect(wrong?.variance).toBeCloseTo((2 - 40 * 0.05 ** 2) / 39, 15);
    const cost = metricSample(
      s,
      guard({ metric: 'outcome', outcome: 'cost_usd', direction: 'lower_is_better' }),
    );
    expect(cost?.mean).toBeCloseTo(0.038 / 40, 15);
    expect(metricSample(s, guard({ metric: 'accuracy' }))).toEqual({
      n: 5,
      mean: 0.8,
      variance: 0.8 * (1 - 0.8),
    });
    expect(metricSample(s, guard({ metric: 'error_rate' }))).toEqual({
      n: 40,
      mean: 0.05,
      variance: 0.05 * (1 - 0.05),
    });
  });

  it('rolls back a candidate quoting wrong prices and promotes an equal one after 7 days', () => {
    const { policy } = createPromptCanarySchema.parse({
      name: 'x',
      prompt: { name: 'support', candidate_version: 2 },
      policy: { min_sample: 500 },
    });
    const stats = (variant: string, calls: number, wrong: number) =>
      promptVariantStats(variant, {
        calls,
        errors: 0,
        lat_n: calls,
        lat_sum: calls * 200,
        lat_sq: calls * 200 * 200 + calls * 100,
        cost_n: calls,
        cost_sum: calls * 0.001,
        cost_sq: calls * 0.001 * 0.001 + calls * 1e-9,
        reviewed: 0,
        correct: 0,
        wrong_price: wrong,
        negative: 0,
      });
    const look = (candidateWrong: number) =>
      decideCanary({
        policy,
        startMs: 0,
        nowMs: 7 * DAY_MS,
        weights: { baseline: 0.9, candidate: 0.1 },
        baseline: stats('baseline', 9000, 90),
        candidate: stats('candidate', 1000, candidateWrong),
        previous: {},
      });
    const bad = look(200);
    expect(bad.action).toBe('rollback');
    expect(bad.reasons[0]).toMatch(/^outcome:wrong_price_rate significantly worse/);
    expect(look(10).action).toBe('promote');
  });
});
