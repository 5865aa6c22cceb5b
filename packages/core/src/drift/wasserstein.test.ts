import { describe, expect, it } from 'vitest';
import { num, run } from './testdata/columns.js';
import { goldenCases, runGolden } from './testdata/golden.js';

describe('wasserstein', () => {
  it.each(goldenCases('wasserstein'))('matches scipy: $name', (c) => {
    runGolden(c);
  });

  it('normalises W1 by the population std of the reference', () => {
    const r = run(num([0, 1, 2, 3]), num([1, 2, 3, 4]), { method: 'wasserstein' });
    expect(r.score).toBeCloseTo(1 / Math.sqrt(1.25), 14);
  });

  it('floors the scale at 0.001 for a constant reference', () => {
    expect(run(num([5, 5, 5]), num([5, 5, 6]), { method: 'wasserstein' }).score).toBeCloseTo(
      1 / 3 / 0.001,
      9,
    );
  });
});
