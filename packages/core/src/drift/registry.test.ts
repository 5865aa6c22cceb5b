import { describe, expect, it } from 'vitest';
import { DRIFT_METHOD_NAMES, DRIFT_METHODS, isDriftMethodName } from './registry.js';
import { allGoldenCases } from './testdata/golden.js';
import type { DriftMethodName } from './types.js';

// DESIGN.md "Drift methods": thresholds 0.05 for ks, chisquare, z, mannw, es, t_test, 0.1 for the
// rest; p-value tests drift when p < threshold (ks, cramer_von_mises: <=); distances when
// score >= threshold (ed: >). TVD and empirical_mmd score a permutation p-value (Evidently).
const EXPECTED: Record<DriftMethodName, [string, number, string]> = {
  ks: ['p_value', 0.05, 'lte'],
  chisquare: ['p_value', 0.05, 'lt'],
  z: ['p_value', 0.05, 'lt'],
  jensenshannon: ['distance', 0.1, 'gte'],
  kl_div: ['distance', 0.1, 'gte'],
  psi: ['distance', 0.1, 'gte'],
  wasserstein: ['distance', 0.1, 'gte'],
  anderson: ['p_value', 0.1, 'lt'],
  fisher_exact: ['p_value', 0.1, 'lt'],
  cramer_von_mises: ['p_value', 0.1, 'lte'],
  g_test: ['p_value', 0.1, 'lt'],
  hellinger: ['distance', 0.1, 'gte'],
  mannw: ['p_value', 0.05, 'lt'],
  ed: ['distance', 0.1, 'gt'],
  es: ['p_value', 0.05, 'lt'],
  t_test: ['p_value', 0.05, 'lt'],
  TVD: ['p_value', 0.1, 'lt'],
  empirical_mmd: ['p_value', 0.1, 'lt'],
};

describe('DRIFT_METHODS', () => {
  it('registers the 18 Evidently methods', () => {
    expect([...DRIFT_METHOD_NAMES].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))(
    '%s has its score kind, threshold and rule',
    (name, [scoreKind, threshold, rule]) => {
      const m = DRIFT_METHODS[name as DriftMethodName];
      expect(m.name).toBe(name);
      expect([m.scoreKind, m.defaultThreshold, m.rule]).toEqual([scoreKind, threshold, rule]);
      expect(Object.isFrozen(m)).toBe(true);
      expect('compute' in m).toBe(false);
    },
  );

  it('has golden cases for every method', () => {
    const covered = new Set(allGoldenCases().map((c) => c.method));
    for (const name of DRIFT_METHOD_NAMES) expect(covered.has(name), name).toBe(true);
  });

  it('recognises names case-sensitively', () => {
    expect(isDriftMethodName('TVD')).toBe(true);
    expect(isDriftMethodName('tvd')).toBe(false);
    expect(isDriftMethodName('toString')).toBe(false);
  });
});
