import { describe, expect, it } from 'vitest';
import { MMD_MAX_SAMPLE } from './empirical-mmd.js';
import { errorCode, num, run, seq } from './testdata/columns.js';
import { goldenCases, runGolden } from './testdata/golden.js';

describe('empirical_mmd', () => {
  it.each(goldenCases('empirical_mmd'))('statistic matches Evidently: $name', (c) => {
    runGolden(c);
  });

  it('gives a high p-value for samples from one distribution and 0 for a large shift', () => {
    const ref = seq(60, 0, 0.1);
    const same = run(num(ref), num(ref.map((v) => v + 0.05)), { method: 'empirical_mmd' });
    expect(same.pValue).toBeGreaterThan(0.5);
    const far = run(num(ref), num(ref.map((v) => v + 4)), { method: 'empirical_mmd' });
    expect(far.pValue).toBe(0);
    expect(far.drifted).toBe(true);
  });

  it('is reproducible for a seed and subsamples large inputs', () => {
    const ref = num(seq(MMD_MAX_SAMPLE + 500, 0, 0.01));
    const cur = num(seq(300, 2, 0.01));
    const a = run(ref, cur, { method: 'empirical_mmd', seed: 3 });
    const b = run(ref, cur, { method: 'empirical_mmd', seed: 3 });
    expect(a.statistic).toBe(b.statistic);
    expect(a.pValue).toBe(b.pValue);
    expect(a.referenceCount).toBe(MMD_MAX_SAMPLE + 500);
  });

  it('needs two values per sample', () => {
    expect(errorCode(num([1]), num([1, 2]), { method: 'empirical_mmd' })).toBe('TOO_FEW_VALUES');
  });
});
