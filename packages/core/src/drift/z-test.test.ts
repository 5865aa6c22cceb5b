import { describe, expect, it } from 'vitest';
import { cat, num, repeat, run } from './testdata/columns.js';
import { goldenCases, runGolden } from './testdata/golden.js';

describe('z', () => {
  it.each(goldenCases('z'))('matches scipy: $name', (c) => {
    runGolden(c);
  });

  it('is symmetric in the choice of the first value for binary columns', () => {
    const a = run(repeat(['no', 70], ['yes', 30]), repeat(['no', 50], ['yes', 50]), {
      method: 'z',
    });
    const b = run(repeat(['0', 70], ['1', 30]), repeat(['0', 50], ['1', 50]), { method: 'z' });
    expect(a.pValue).toBeCloseTo(b.pValue ?? Number.NaN, 15);
  });

  it('reports Cohen h of the first value shares', () => {
    const r = run(repeat(['a', 30], ['b', 70]), repeat(['a', 50], ['b', 50]), { method: 'z' });
    expect(r.effectSize?.name).toBe('cohens_h');
    expect(r.effectSize?.value).toBeCloseTo(
      2 * Math.asin(Math.sqrt(0.3)) - 2 * Math.asin(Math.sqrt(0.5)),
      12,
    );
  });

  it('keeps tiny p-values instead of rounding them to 0', () => {
    const r = run(repeat(['a', 300], ['b', 200]), repeat(['a', 100], ['b', 400]), { method: 'z' });
    expect(r.pValue).toBeGreaterThan(0);
    expect(r.pValue).toBeLessThan(1e-30);
  });

  it('orders numbers numerically and labels by code point', () => {
    // '10' < '9' as strings but 9 < 10 as numbers: the first value differs, hence the test.
    const ref = [9, 9, 9, 9, 9, 10, 10, 20, 20, 20];
    const cur = [9, 9, 10, 10, 20, 20, 20, 20, 20, 20];
    const asNumbers = run(num(ref), num(cur), { method: 'z' });
    const asLabels = run(cat(ref.map(String)), cat(cur.map(String)), { method: 'z' });
    expect(asLabels.statistic).toBe(0);
    expect(asNumbers.pValue).toBeLessThan(0.2);
  });
});
