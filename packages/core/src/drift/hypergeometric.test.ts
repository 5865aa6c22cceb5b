import { describe, expect, it } from 'vitest';
import { createRng } from '../random/index.js';
import { sampleHypergeometric } from './hypergeometric.js';

describe('sampleHypergeometric', () => {
  it.each([
    { name: 'no draws', population: 10, successes: 4, draws: 0, want: 0 },
    { name: 'no successes', population: 10, successes: 0, draws: 5, want: 0 },
    { name: 'all successes', population: 10, successes: 10, draws: 3, want: 3 },
    { name: 'draw everything', population: 10, successes: 4, draws: 10, want: 4 },
    { name: 'forced minimum', population: 10, successes: 8, draws: 9, want: 7 },
  ])('degenerate: $name', ({ population, successes, draws, want }) => {
    const rng = createRng(1);
    for (let i = 0; i < 20; i++) {
      const x = sampleHypergeometric(rng, population, successes, draws);
      if (want === 7) expect(x === 7 || x === 8).toBe(true);
      else expect(x).toBe(want);
    }
  });

  it.each([
    { population: 50, successes: 20, draws: 10 },
    { population: 2_000_000, successes: 700_000, draws: 1_000_000 },
    { population: 1000, successes: 3, draws: 500 },
  ])(
    'matches the mean and variance of Hypergeometric($population, $successes, $draws)',
    ({ population, successes, draws }) => {
      const rng = createRng(11);
      const n = 20_000;
      let sum = 0;
      let sumSq = 0;
      for (let i = 0; i < n; i++) {
        const x = sampleHypergeometric(rng, population, successes, draws);
        expect(x).toBeGreaterThanOrEqual(Math.max(0, draws - (population - successes)));
        expect(x).toBeLessThanOrEqual(Math.min(draws, successes));
        sum += x;
        sumSq += x * x;
      }
      const p = successes / population;
      const mean = draws * p;
      const variance = (draws * p * (1 - p) * (population - draws)) / (population - 1);
      const sampleMean = sum / n;
      const sampleVar = sumSq / n - sampleMean * sampleMean;
      expect(Math.abs(sampleMean - mean)).toBeLessThan(5 * Math.sqrt(variance / n));
      expect(Math.abs(sampleVar / variance - 1)).toBeLessThan(0.05);
    },
  );
});
