import { describe, expect, it } from 'vitest';
import { repeat, run } from './testdata/columns.js';
import { goldenCases, runGolden } from './testdata/golden.js';

describe('kl_div', () => {
  it.each(goldenCases('kl_div'))('matches Evidently: $name', (c) => {
    runGolden(c);
  });

  it('works on the worked example', () => {
    const r = run(repeat(['a', 50], ['b', 50]), repeat(['a', 90], ['b', 10]), { method: 'kl_div' });
    expect(r.score).toBeCloseTo(0.5 * Math.log(0.5 / 0.9) + 0.5 * Math.log(0.5 / 0.1), 14);
  });

  it('is asymmetric: KL(reference || current)', () => {
    const a = run(repeat(['a', 50], ['b', 50]), repeat(['a', 90], ['b', 10]), { method: 'kl_div' });
    const b = run(repeat(['a', 90], ['b', 10]), repeat(['a', 50], ['b', 50]), { method: 'kl_div' });
    expect(a.score).not.toBeCloseTo(b.score, 3);
  });
});
