import { describe, expect, it } from 'vitest';
import {
  accuracy,
  averagePrecision,
  bleu,
  chrf,
  confusionMatrix,
  cosineSimilarity,
  f1Score,
  fbetaScore,
  logLoss,
  mae,
  mape,
  mse,
  precisionScore,
  r2,
  recallScore,
  rmse,
  rocAuc,
  rocAucOvr,
  rouge,
} from './index.js';

// The worked examples quoted in the TSDoc comments, so the documentation cannot drift.
describe('documented examples', () => {
  const num = (r: { ok: boolean; value?: unknown }) => (r.ok ? (r.value as number) : Number.NaN);
  const score = (r: { ok: boolean; value?: unknown }) =>
    r.ok ? (r.value as { score: number }).score : Number.NaN;
  it.each([
    { name: 'accuracy', got: () => num(accuracy([0, 1, 2, 3], [0, 2, 1, 3])), want: 0.5 },
    {
      name: 'precisionScore',
      got: () => score(precisionScore([0, 1, 1, 0], [0, 1, 0, 1])),
      want: 0.5,
    },
    { name: 'recallScore', got: () => score(recallScore([0, 1, 1, 0], [0, 1, 0, 0])), want: 0.5 },
    { name: 'f1Score', got: () => score(f1Score([0, 1, 1, 0], [0, 1, 0, 1])), want: 0.5 },
    {
      name: 'fbetaScore',
      got: () => score(fbetaScore([0, 1, 1, 0], [0, 1, 0, 0], { beta: 2 })),
      want: 0.5556,
    },
    { name: 'rocAuc', got: () => num(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])), want: 0.75 },
    {
      name: 'averagePrecision',
      got: () => num(averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])),
      want: 0.8333,
    },
    {
      name: 'rocAucOvr',
      got: () =>
        num(
          rocAucOvr(
            [0, 1, 2, 2],
            [
              [0.8, 0.1, 0.1],
              [0.2, 0.7, 0.1],
              [0.1, 0.2, 0.7],
              [0.3, 0.3, 0.4],
            ],
          ),
        ),
      want: 1,
    },
    {
      name: 'logLoss',
      got: () =>
        num(
          logLoss(
            ['spam', 'ham', 'ham', 'spam'],
            [
              [0.1, 0.9],
              [0.9, 0.1],
              [0.8, 0.2],
              [0.35, 0.65],
            ],
          ),
        ),
      want: 0.2162,
    },
    { name: 'mae', got: () => num(mae([3, -0.5, 2, 7], [2.5, 0, 2, 8])), want: 0.5 },
    { name: 'mse', got: () => num(mse([3, -0.5, 2, 7], [2.5, 0, 2, 8])), want: 0.375 },
    { name: 'rmse', got: () => num(rmse([3, -0.5, 2, 7], [2.5, 0, 2, 8])), want: 0.6124 },
    { name: 'mape', got: () => num(mape([3, -0.5, 2, 7], [2.5, 0, 2, 8])), want: 0.3274 },
    { name: 'r2', got: () => num(r2([3, -0.5, 2, 7], [2.5, 0, 2, 8])), want: 0.9486 },
    {
      name: 'chrf',
      got: () => num(chrf('the cat sat on the mat', 'the cat is on the mat')),
      want: 0.6458,
    },
    {
      name: 'bleu',
      got: () =>
        num(bleu('the cat sat on the mat', ['the cat is on the mat', 'there is a cat on the mat'])),
      want: 0.2541,
    },
    {
      name: 'cosineSimilarity',
      got: () => num(cosineSimilarity([1, 0], [1, 1])),
      want: Math.SQRT1_2,
    },
  ])('$name', ({ got, want }) => {
    expect(got()).toBeCloseTo(want, 4);
  });

  it('confusionMatrix', () => {
    expect(confusionMatrix(['cat', 'dog', 'cat'], ['cat', 'cat', 'dog'])).toEqual({
      ok: true,
      value: {
        labels: ['cat', 'dog'],
        matrix: [
          [1, 1],
          [1, 0],
        ],
      },
    });
  });

  it('rouge', () => {
    const r = rouge('the cat sat on the mat', 'the cat is on the mat', { n: 1 });
    expect(r.ok && r.value.fmeasure).toBeCloseTo(5 / 6, 15);
  });
});
