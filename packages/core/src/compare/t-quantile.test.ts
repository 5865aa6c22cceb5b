import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { studentTIsf } from './t-quantile.js';

interface Case {
  q: number;
  df: number;
  expected: number;
}
const golden: { cases: Case[] } = JSON.parse(
  readFileSync(new URL('./testdata/t-quantile.golden.json', import.meta.url), 'utf8'),
);

describe('studentTIsf', () => {
  // Relative 1e-12 (+1e-14 absolute near t = 0): the inverse inherits studentTSf's relative error
  // divided by |d log S / d log t| = t·f(t)/S(t), which is ≥ ~1 in the tails. For df ≥ 1e6 the
  // tail function (special's studentTSf) is only good to ~2e-10 relative (scipy's stdtr is exact
  // there), so those rows get 1e-9.
  const tolerance = (df: number): number => (df >= 1e6 ? 1e-9 : 1e-12);
  it.each(golden.cases.map((c) => ({ name: `q=${c.q} df=${c.df}`, ...c })))(
    '$name matches scipy t.isf',
    ({ q, df, expected }) => {
      const t = studentTIsf(q, df);
      expect(Math.abs(t - expected)).toBeLessThanOrEqual(
        tolerance(df) * Math.abs(expected) + 1e-14,
      );
    },
  );
});
