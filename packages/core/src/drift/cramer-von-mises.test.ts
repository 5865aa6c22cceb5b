import { describe, expect, it } from 'vitest';
import { cvmExactPValue, pythonFloorDiv } from './cramer-von-mises-exact.js';
import { errorCode, num, run } from './testdata/columns.js';
import { goldenCases, runGolden } from './testdata/golden.js';

describe('cramer_von_mises', () => {
  it.each(goldenCases('cramer_von_mises'))('matches scipy: $name', (c) => {
    runGolden(c);
  });

  it.each([
    { x: 7, y: 2, want: 3 },
    { x: -7, y: 2, want: -4 },
    { x: 7.5, y: -2, want: -4 },
    { x: 0.3, y: 0.1, want: 2 },
  ])('floor division like Python: $x // $y', ({ x, y, want }) => {
    expect(pythonFloorDiv(x, y)).toBe(want);
  });

  it('exact p-value: fully separated samples of 2 and 2', () => {
    // U = 2·((1−1)² + (2−2)²) + 2·((3−1)² + (4−2)²) = 16: only the 2 separated arrangements of 6.
    expect(cvmExactPValue(16, 2, 2)).toBeCloseTo(2 / 6, 15);
  });

  it('drifts when p equals the threshold (<=)', () => {
    const r = run(num([1, 2, 3]), num([4, 5, 6]), { method: 'cramer_von_mises' });
    expect(r.pValue).toBeCloseTo(0.1, 15);
    expect(r.drifted).toBe(r.pValue !== null && r.pValue <= 0.1);
  });

  it('needs two values per sample', () => {
    expect(errorCode(num([1]), num([1, 2, 3]), { method: 'cramer_von_mises' })).toBe(
      'TOO_FEW_VALUES',
    );
  });
});
