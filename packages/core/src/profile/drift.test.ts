import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { driftTest } from '../drift/index.js';
import { createCategoricalProfile, updateCategorical } from './categorical.js';
import { type ProfileDriftMethod, profileDrift } from './drift.js';
import { profileBins } from './drift-binned.js';
import { createNumericProfile, updateNumeric } from './numeric.js';
import { createProfileLike, numericProfileFromReference } from './reference.js';
import type { CategoricalProfile, ColumnProfile, NumericProfile } from './types.js';

const golden = JSON.parse(
  readFileSync(new URL('./testdata/profile.golden.json', import.meta.url), 'utf8'),
);

type Binned = {
  psi: number;
  kl_div: number;
  jensenshannon: number;
  chisquare: { statistic: number | 'Infinity'; pValue: number };
  referenceBins: number[];
  currentBins: number[];
};
type NumericCase = Binned & {
  name: string;
  reference: number[];
  current: number[];
  edges: number[];
  wasserstein: number;
  ks: { statistic: number; pValue: number };
};
type CategoricalCase = Binned & { name: string; reference: string[]; current: string[] };

function ok<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function numericPair(
  ref: ArrayLike<number>,
  cur: ArrayLike<number>,
): [NumericProfile, NumericProfile] {
  const a = ok(numericProfileFromReference(Float64Array.from(ref)));
  const b = createProfileLike(a);
  updateNumeric(b, Float64Array.from(cur));
  return [a, b];
}

function categoricalPair(
  ref: string[],
  cur: string[],
  capacity = 1024,
): [CategoricalProfile, CategoricalProfile] {
  const a = ok(createCategoricalProfile({ capacity }));
  const b = ok(createCategoricalProfile({ capacity }));
  updateCategorical(a, ref);
  updateCategorical(b, cur);
  return [a, b];
}

function drift(a: ColumnProfile, b: ColumnProfile, method: ProfileDriftMethod) {
  return ok(profileDrift(a, b, { method }));
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

function expectBinnedMatch(a: ColumnProfile, b: ColumnProfile, c: Binned): void {
  const bins = ok(profileBins(a, b));
  expect(Array.from(bins.reference)).toEqual(c.referenceBins);
  expect(Array.from(bins.current)).toEqual(c.currentBins);
  // Same bins, same formulas: equal to scipy up to summation order (1e-12 relative).
  for (const m of ['psi', 'kl_div', 'jensenshannon'] as const) {
    const r = drift(a, b, m);
    expect(rel(r.score, c[m])).toBeLessThanOrEqual(1e-12);
    expect(r.errorBound).toBe(0);
  }
  const chi = drift(a, b, 'chisquare');
  if (c.chisquare.statistic === 'Infinity') {
    expect(chi.statistic).toBe(Number.POSITIVE_INFINITY);
    expect(chi.pValue).toBe(0);
  } else {
    expect(rel(chi.statistic, c.chisquare.statistic)).toBeLessThanOrEqual(1e-12);
    // chi2Sf is accurate to ~1e-12 relative; scipy's p-value here is ~1e-16..1e-18.
    expect(rel(chi.pValue ?? -1, c.chisquare.pValue)).toBeLessThanOrEqual(1e-9);
  }
}

describe('profileDrift against scipy (golden)', () => {
  it.each(golden.numericDrift as NumericCase[])('binned methods are exact: $name', (c) => {
    const [a, b] = numericPair(c.reference, c.current);
    expect(Array.from(a.histogram?.edges ?? [])).toEqual(c.edges);
    expectBinnedMatch(a, b, c);
  });

  it.each(golden.categoricalDrift as CategoricalCase[])('binned methods are exact: $name', (c) => {
    const [a, b] = categoricalPair(c.reference, c.current);
    expectBinnedMatch(a, b, c);
  });

  it.each(golden.numericDrift as NumericCase[])('wasserstein is within its bound: $name', (c) => {
    const [a, b] = numericPair(c.reference, c.current);
    const r = drift(a, b, 'wasserstein');
    const error = Math.abs(r.score - c.wasserstein);
    expect(error).toBeLessThanOrEqual(r.errorBound ?? -1);
    // Measured: <= 3e-4 on these cases; the documented practical ceiling is 1e-3.
    expect(error).toBeLessThanOrEqual(1e-3);
  });

  it.each(golden.numericDrift as NumericCase[])('ks D brackets scipy: $name', (c) => {
    const [a, b] = numericPair(c.reference, c.current);
    const r = drift(a, b, 'ks');
    const d = c.ks.statistic;
    // D_sketch <= D <= D_sketch + errorBound (one-sided).
    expect(r.statistic).toBeLessThanOrEqual(d + 1e-12);
    expect(d).toBeLessThanOrEqual(r.statistic + (r.errorBound ?? -1) + 1e-12);
    // At a few hundred rows one value is ~0.3 % of a sample, so only the bound applies here.
    if (Math.abs(r.statistic - d) < 1e-12) {
      // Same D: the p-value equals scipy's ks_2samp (method 'auto', exact at these sizes).
      expect(Math.abs((r.pValue ?? -1) - c.ks.pValue)).toBeLessThanOrEqual(
        1e-10 + 1e-9 * c.ks.pValue,
      );
    }
  });
});

describe('profileDrift equals the raw-sample drift module on the same bins', () => {
  const cases = golden.numericDrift as NumericCase[];
  it.each(cases)('psi, kl_div, jensenshannon with combined-range edges: $name', (c) => {
    const ref = Float64Array.from(c.reference);
    const cur = Float64Array.from(c.current);
    const bins = 12;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const x of [...c.reference, ...c.current]) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    // numpy.linspace, as the drift module builds its equal-width bins.
    const step = (hi - lo) / bins;
    const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : i * step + lo));
    const a = ok(createNumericProfile({ edges }));
    const b = createProfileLike(a);
    updateNumeric(a, ref);
    updateNumeric(b, cur);
    for (const method of ['psi', 'kl_div', 'jensenshannon'] as const) {
      const raw = ok(
        driftTest(
          { kind: 'numerical', values: ref },
          { kind: 'numerical', values: cur },
          { method, bins },
        ),
      );
      expect(rel(drift(a, b, method).score, raw.score)).toBeLessThanOrEqual(1e-12);
    }
  });
});

describe('profileDrift result shape and rules', () => {
  it('reports the DriftResult fields and applies the default thresholds', () => {
    const [a, b] = categoricalPair(
      ['x', 'x', 'y', 'y'],
      ['x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'y'],
    );
    const psi = drift(a, b, 'psi');
    expect(psi).toEqual({
      method: 'psi',
      kind: 'categorical',
      statistic: psi.score,
      pValue: null,
      score: psi.score,
      threshold: 0.1,
      drifted: true,
      effectSize: { name: 'psi', value: psi.score },
      referenceCount: 4,
      currentCount: 10,
      droppedReference: 0,
      droppedCurrent: 0,
      errorBound: 0,
    });
    // [0.5, 0.5] vs [0.9, 0.1]: (0.5−0.9)ln(0.5/0.9) + (0.5−0.1)ln(0.5/0.1) = 0.8789.
    expect(psi.score).toBeCloseTo(0.8788898309344878, 14);
    const chi = drift(a, b, 'chisquare');
    expect(chi.threshold).toBe(0.05);
    expect(chi.effectSize?.name).toBe('cramers_v');
    expect(ok(profileDrift(a, b, { method: 'psi', threshold: 0.9 })).drifted).toBe(false);
  });

  it('uses p <= threshold for ks and p < threshold for chisquare', () => {
    const [a, b] = numericPair([1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6]);
    const ks = drift(a, b, 'ks');
    expect(ks.statistic).toBe(0);
    expect(ks.pValue).toBe(1);
    expect(ok(profileDrift(a, b, { method: 'ks', threshold: 1 })).drifted).toBe(true);
    expect(ok(profileDrift(a, b, { method: 'chisquare', threshold: 1 })).drifted).toBe(false);
  });

  it('marks approximate categorical statistics with a null errorBound', () => {
    const ref = Array.from({ length: 200 }, (_, i) => `v${i % 50}`);
    const [a, b] = categoricalPair(ref, ref, 10);
    const r = drift(a, b, 'jensenshannon');
    expect(r.errorBound).toBeNull();
    expect(ok(profileBins(a, b)).exact).toBe(false);
  });

  const [num, numCur] = numericPair([1, 2, 3], [2, 3, 4]);
  const [cat] = categoricalPair(['a'], ['b']);
  const empty = createProfileLike(num);
  const noEdges = ok(createNumericProfile());
  updateNumeric(noEdges, [1, 2]);
  const noEdges2 = ok(createNumericProfile());
  updateNumeric(noEdges2, [1, 3]);
  const otherEdges = ok(createNumericProfile({ edges: [0, 1] }));
  updateNumeric(otherEdges, [0.5]);
  type Bad = {
    name: string;
    a: ColumnProfile;
    b: ColumnProfile;
    method: ProfileDriftMethod;
    code: string;
  };
  const bad: Bad[] = [
    { name: 'empty reference', a: empty, b: numCur, method: 'psi', code: 'EMPTY_REFERENCE' },
    { name: 'empty current', a: num, b: empty, method: 'ks', code: 'EMPTY_CURRENT' },
    {
      name: 'numeric vs categorical',
      a: num,
      b: cat,
      method: 'psi',
      code: 'INCOMPATIBLE_PROFILES',
    },
    {
      name: 'different edges',
      a: num,
      b: otherEdges,
      method: 'psi',
      code: 'INCOMPATIBLE_PROFILES',
    },
    { name: 'ks on categories', a: cat, b: cat, method: 'ks', code: 'WRONG_KIND' },
    {
      name: 'wasserstein on categories',
      a: cat,
      b: cat,
      method: 'wasserstein',
      code: 'WRONG_KIND',
    },
    {
      name: 'psi without histograms',
      a: noEdges,
      b: noEdges2,
      method: 'psi',
      code: 'NOT_COMPUTABLE',
    },
    {
      name: 'chisquare on one category',
      a: cat,
      b: cat,
      method: 'chisquare',
      code: 'SINGLE_CATEGORY',
    },
    {
      name: 'unknown method',
      a: num,
      b: numCur,
      method: 'mmd' as ProfileDriftMethod,
      code: 'UNKNOWN_METHOD',
    },
  ];
  it.each(bad)('errs on $name', ({ a, b, method, code }) => {
    const r = profileDrift(a, b, { method });
    expect(r.ok ? null : r.error.code).toBe(code);
  });

  it('never reports NaN (constant reference, disjoint samples)', () => {
    const [a, b] = numericPair([5, 5, 5, 5], [7, 7, 8]);
    for (const method of [
      'psi',
      'jensenshannon',
      'kl_div',
      'chisquare',
      'wasserstein',
      'ks',
    ] as const) {
      const r = profileDrift(a, b, { method });
      if (!r.ok) {
        expect(r.error.code).toBe('SINGLE_CATEGORY');
        continue;
      }
      for (const v of [r.value.score, r.value.statistic, r.value.pValue, r.value.errorBound]) {
        expect(Number.isNaN(v)).toBe(false);
      }
      expect(Number.isFinite(r.value.score)).toBe(true);
    }
  });
});
