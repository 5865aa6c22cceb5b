import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Label } from './index.js';
import { logLoss } from './index.js';

// scikit-learn 1.2.1 log_loss (eps="auto"), from scripts/gen-metrics-golden.py.
interface Case {
  name: string;
  yTrue: Label[];
  probs: number[] | number[][];
  labels: Label[] | null;
  value: number;
}
const golden = JSON.parse(
  readFileSync(new URL('./testdata/log-loss.golden.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

const REL = 1e-12;

describe('logLoss vs scikit-learn 1.2.1', () => {
  it('has the golden cases', () => expect(golden.cases.length).toBe(7));
  it.each(golden.cases)('$name', (c) => {
    const r = logLoss(
      c.yTrue as number[] | string[],
      c.probs,
      c.labels === null ? {} : { labels: c.labels },
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(Math.abs(r.value - c.value)).toBeLessThanOrEqual(REL * Math.abs(c.value));
  });
  it('clips a certain wrong answer at ε = 2⁻⁵²: loss = −ln(2⁻⁵²) = 52·ln 2', () => {
    const r = logLoss([1], [0], { labels: [0, 1] });
    expect(r.ok && r.value).toBeCloseTo(52 * Math.LN2, 12);
  });
});

describe('logLoss errors', () => {
  it.each([
    { name: 'single class without labels', y: [1, 1], p: [0.5, 0.5], code: 'SINGLE_CATEGORY' },
    { name: 'probability above 1', y: [0, 1], p: [0.5, 1.5], code: 'INVALID_ARGUMENT' },
    {
      name: 'negative probability',
      y: [0, 1],
      p: [
        [0.5, 0.5],
        [-0.1, 1.1],
      ],
      code: 'INVALID_ARGUMENT',
    },
    { name: 'NaN probability', y: [0, 1], p: [0.5, Number.NaN], code: 'INVALID_ARGUMENT' },
    {
      name: 'row width differs from classes',
      y: [0, 1, 2],
      p: [
        [1, 0],
        [0, 1],
        [0.5, 0.5],
      ],
      code: 'INVALID_ARGUMENT',
    },
    {
      name: '1-D probabilities for 3 classes',
      y: [0, 1, 2],
      p: [0.1, 0.2, 0.3],
      code: 'INVALID_ARGUMENT',
    },
    { name: 'length mismatch', y: [0, 1], p: [0.5], code: 'LENGTH_MISMATCH' },
    { name: 'empty', y: [], p: [], code: 'EMPTY_SAMPLE' },
  ])('$name → $code', ({ y, p, code }) => {
    const r = logLoss(y, p);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });
  it('rejects y labels missing from options.labels', () => {
    const r = logLoss([0, 5], [0.2, 0.8], { labels: [0, 1] });
    expect(r.ok ? null : r.error.code).toBe('INVALID_ARGUMENT');
  });
});
