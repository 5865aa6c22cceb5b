// promptVariantStats: one variant's aggregate row of generations mapped onto the engine's
// VariantStats shape (the guard samples that follow are checked in the server's canaries tests).
import { describe, expect, it } from 'vitest';
import { promptVariantStats } from './prompt-stats.js';

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

describe('promptVariantStats', () => {
  it('maps calls, errors, latency, review verdicts and the per-call outcomes (text from PostgreSQL too)', () => {
    expect(promptVariantStats('treatment', row)).toEqual({
      variant: 'treatment',
      predictions: 40,
      errors: 2,
      latencyMs: { count: 40, sum: 8000, sumSquares: 1_700_000 },
      labelled: 5,
      correct: 4,
      outcomes: {
        cost_usd: { count: 38, sum: 0.038, sumSquares: 0.000042 },
        wrong_price_rate: { count: 2, sum: 2, sumSquares: 2 },
        negative_feedback_rate: { count: 1, sum: 1, sumSquares: 1 },
      },
    });
  });

  it('gives a variant without calls zero counts', () => {
    const s = promptVariantStats('control', undefined);
    expect(s).toMatchObject({ variant: 'control', predictions: 0, errors: 0, labelled: 0 });
    expect(s.outcomes.cost_usd).toEqual({ count: 0, sum: 0, sumSquares: 0 });
  });
});
