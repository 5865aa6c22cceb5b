import { describe, expect, it } from 'vitest';
import { num, repeat, run, seq } from './testdata/columns.js';
import { goldenCases, runGolden } from './testdata/golden.js';

describe('psi', () => {
  it.each(goldenCases('psi'))('matches Evidently: $name', (c) => {
    const r = runGolden(c);
    expect(r.pValue).toBeNull();
    expect(r.effectSize).toEqual({ name: 'psi', value: r.score });
  });

  it('works on the worked example', () => {
    const r = run(repeat(['a', 50], ['b', 50]), repeat(['a', 90], ['b', 10]), { method: 'psi' });
    expect(r.score).toBeCloseTo(-0.4 * Math.log(5 / 9) + 0.4 * Math.log(5), 14);
    expect(r.drifted).toBe(true);
  });

  it('drifts at exactly the threshold (>=)', () => {
    const r = run(repeat(['a', 50], ['b', 50]), repeat(['a', 90], ['b', 10]), { method: 'psi' });
    expect(
      run(repeat(['a', 50], ['b', 50]), repeat(['a', 90], ['b', 10]), {
        method: 'psi',
        threshold: r.score,
      }).drifted,
    ).toBe(true);
  });

  it('honours a user bin count (Evidently ignores n_bins)', () => {
    const ref = num(seq(200, 0, 0.05));
    const cur = num(seq(200, 1, 0.05));
    const sturges = run(ref, cur, { method: 'psi', includeBins: true });
    const three = run(ref, cur, { method: 'psi', bins: 3, includeBins: true });
    expect(sturges.bins?.reference.length).toBe(10);
    expect(three.bins?.reference.length).toBe(3);
    expect(three.bins?.edges?.length).toBe(4);
    expect(three.score).not.toBeCloseTo(sturges.score, 6);
  });
});
