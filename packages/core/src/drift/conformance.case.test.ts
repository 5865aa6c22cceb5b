// Conformance suite: every registered drift method must pass these properties.
import { describe, expect, it } from 'vitest';
import type { CoreErrorCode } from '../result.js';
import { driftTest } from './drift-test.js';
import { DRIFT_METHOD_NAMES, DRIFT_METHODS } from './registry.js';
import { cat, num, seq } from './testdata/columns.js';
import type { ColumnData, ColumnKind, DriftMethodName, DriftResult } from './types.js';

const NUMERICAL = seq(60).map((i) => Math.round((Math.sin(i * 1.7) * 3 + i * 0.05) * 1000) / 1000);
const SHIFTED = NUMERICAL.map((v) => v * 1.5 + 4);
const LABELS = seq(60).map((i) => (i % 3 === 0 ? 'yes' : 'no'));
const LABELS_SHIFTED = seq(60).map((i) => (i % 5 === 0 ? 'no' : 'yes'));

// Methods whose score does not change when reference and current are swapped.
const SYMMETRIC = new Set<DriftMethodName>([
  'ks',
  'jensenshannon',
  'hellinger',
  'ed',
  't_test',
  'anderson',
  'cramer_von_mises',
  'es',
  'z',
  'fisher_exact',
]);
const DATA_ERRORS: readonly CoreErrorCode[] = [
  'SINGLE_CATEGORY',
  'CONSTANT',
  'TOO_FEW_VALUES',
  'NOT_COMPUTABLE',
  'INVALID_ARGUMENT',
];

function kindOf(name: DriftMethodName): ColumnKind {
  return DRIFT_METHODS[name].kinds[0];
}

function column(
  kind: ColumnKind,
  numbers: readonly number[],
  labels: readonly string[],
): ColumnData {
  if (kind === 'numerical') return num(numbers);
  if (kind === 'categorical') return cat(labels);
  return { kind: 'text', values: numbers.map((v) => 'x'.repeat(1 + Math.abs(Math.round(v * 3)))) };
}

function expectSane(name: DriftMethodName, r: DriftResult): void {
  const m = DRIFT_METHODS[name];
  expect(Number.isFinite(r.score), `${name} score ${r.score}`).toBe(true);
  expect(Number.isNaN(r.statistic ?? 0), `${name} statistic`).toBe(false);
  if (m.scoreKind === 'p_value') {
    expect(r.pValue).toBe(r.score);
    expect(r.score >= 0 && r.score <= 1, `${name} p ${r.score}`).toBe(true);
  } else {
    expect(r.pValue).toBeNull();
    expect(r.score >= 0, `${name} distance ${r.score}`).toBe(true);
  }
  if (r.effectSize !== null) {
    expect(Number.isFinite(r.effectSize.value), `${name} effect`).toBe(true);
    expect(r.effectSize.name).toBe(m.effectSizeName);
  }
}

describe.each(DRIFT_METHOD_NAMES.map((name) => ({ name })))('$name conformance', ({ name }) => {
  const kind = kindOf(name);
  const ref = column(kind, NUMERICAL, LABELS);
  const shifted = column(kind, SHIFTED, LABELS_SHIFTED);

  it('finds no drift between identical samples', () => {
    const r = driftTest(ref, ref, { method: name });
    if (!r.ok) throw new Error(r.error.message);
    expectSane(name, r.value);
    expect(r.value.drifted).toBe(false);
    if (DRIFT_METHODS[name].scoreKind === 'distance') expect(r.value.score).toBeCloseTo(0, 6);
  });

  it('finds drift between clearly different samples', () => {
    const r = driftTest(ref, shifted, { method: name });
    if (!r.ok) throw new Error(r.error.message);
    expectSane(name, r.value);
    expect(r.value.drifted).toBe(true);
  });

  it('drops missing values before testing (NaN policy)', () => {
    const clean = driftTest(ref, shifted, { method: name, seed: 5 });
    const dirtyRef: ColumnData =
      ref.kind === 'numerical'
        ? num([Number.NaN, ...ref.values, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
        : { kind: ref.kind, values: [null, ...ref.values, ''] };
    const dirtyCur: ColumnData =
      shifted.kind === 'numerical'
        ? num([...shifted.values, Number.NaN])
        : { kind: shifted.kind, values: [...shifted.values, null] };
    const dirty = driftTest(dirtyRef, dirtyCur, { method: name, seed: 5 });
    if (!clean.ok || !dirty.ok) throw new Error('unexpected error');
    expect(dirty.value.score).toBe(clean.value.score);
    expect(dirty.value.statistic).toBe(clean.value.statistic);
    expect(dirty.value.droppedReference).toBe(ref.kind === 'numerical' ? 3 : 2);
    expect(dirty.value.droppedCurrent).toBe(1);
    expect(dirty.value.referenceCount).toBe(clean.value.referenceCount);
  });

  it('returns typed errors for empty and all-missing input', () => {
    const empty = column(kind, [], []);
    const missing: ColumnData = kind === 'numerical' ? num([Number.NaN]) : { kind, values: [null] };
    const codes = [
      driftTest(empty, ref, { method: name }),
      driftTest(ref, empty, { method: name }),
      driftTest(missing, ref, { method: name }),
    ].map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes).toEqual(['EMPTY_REFERENCE', 'EMPTY_CURRENT', 'ALL_MISSING']);
  });

  it('rejects the column kinds it does not take', () => {
    for (const other of ['numerical', 'categorical', 'text'] as const) {
      if (DRIFT_METHODS[name].kinds.includes(other)) continue;
      const r = driftTest(
        column(other, NUMERICAL, LABELS),
        column(other, SHIFTED, LABELS_SHIFTED),
        { method: name },
      );
      expect(r.ok ? 'ok' : r.error.code).toBe('WRONG_KIND');
    }
  });

  const awkward: {
    label: string;
    ref: number[];
    cur: number[];
    refLabels: string[];
    curLabels: string[];
  }[] = [
    { label: 'one value each', ref: [1], cur: [2], refLabels: ['a'], curLabels: ['b'] },
    {
      label: 'constant and equal',
      ref: [3, 3, 3, 3, 3, 3],
      cur: [3, 3, 3, 3],
      refLabels: ['a', 'a', 'a'],
      curLabels: ['a', 'a'],
    },
    {
      label: 'constant and different',
      ref: [3, 3, 3, 3, 3, 3],
      cur: [4, 4, 4, 4, 4],
      refLabels: ['a', 'a', 'a'],
      curLabels: ['b', 'b'],
    },
    {
      label: 'heavy ties',
      ref: [0, 0, 0, 0, 1, 1, 0, 0],
      cur: [1, 1, 1, 0, 1, 1, 1],
      refLabels: ['a', 'a', 'b', 'a'],
      curLabels: ['b', 'b', 'a', 'b', 'b'],
    },
    {
      label: 'huge magnitudes',
      ref: [1e300, -1e300, 5e299, 0, 1, 2],
      cur: [1e300, 1e299, -3e299, 7, 8, 9],
      refLabels: ['x', 'y', 'y'],
      curLabels: ['y', 'y', 'y', 'x'],
    },
    {
      label: 'tiny spread',
      ref: seq(30, 1, 1e-12),
      cur: seq(30, 1 + 5e-12, 1e-12),
      refLabels: ['p', 'q'],
      curLabels: ['q', 'q'],
    },
    {
      label: 'disjoint',
      ref: seq(25),
      cur: seq(25, 1000),
      refLabels: ['a', 'b', 'a'],
      curLabels: ['c', 'd', 'c'],
    },
  ];
  it.each(awkward)('never returns a NaN score or throws: $label', (c) => {
    const r = driftTest(column(kind, c.ref, c.refLabels), column(kind, c.cur, c.curLabels), {
      method: name,
    });
    if (r.ok) expectSane(name, r.value);
    else {
      expect(DATA_ERRORS).toContain(r.error.code);
      expect(r.error.message).not.toMatch(/\n/);
    }
  });
});

describe.each([...SYMMETRIC].map((name) => ({ name })))('$name symmetry', ({ name }) => {
  it('gives the same score with reference and current swapped', () => {
    const kind = kindOf(name);
    const ref = column(kind, NUMERICAL, LABELS);
    const shifted = column(kind, SHIFTED, LABELS_SHIFTED);
    const a = driftTest(ref, shifted, { method: name });
    const b = driftTest(shifted, ref, { method: name });
    if (!a.ok || !b.ok) throw new Error('unexpected error');
    expect(Math.abs(a.value.score - b.value.score)).toBeLessThanOrEqual(
      1e-12 * Math.max(1, a.value.score),
    );
  });
});
