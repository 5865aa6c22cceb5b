import { describe, expect, it } from 'vitest';
import { jsDistance } from './jensen-shannon.js';
import { repeat, run } from './testdata/columns.js';
import { goldenCases, runGolden } from './testdata/golden.js';

describe('jensenshannon', () => {
  it.each(goldenCases('jensenshannon'))('matches scipy: $name', (c) => {
    runGolden(c);
  });

  it.each([
    { name: 'disjoint', p: [1, 0], q: [0, 1], want: Math.sqrt(Math.LN2) },
    { name: 'identical', p: [0.2, 0.8], q: [0.2, 0.8], want: 0 },
    { name: 'unnormalised', p: [2, 2], q: [1, 1], want: 0 },
  ])('jsDistance $name', ({ p, q, want }) => {
    expect(jsDistance(Float64Array.from(p), Float64Array.from(q))).toBeCloseTo(want, 15);
  });

  it('is symmetric', () => {
    const a = run(repeat(['a', 50], ['b', 50]), repeat(['a', 90], ['b', 10]), {
      method: 'jensenshannon',
    });
    const b = run(repeat(['a', 90], ['b', 10]), repeat(['a', 50], ['b', 50]), {
      method: 'jensenshannon',
    });
    expect(a.score).toBeCloseTo(b.score, 15);
  });
});
