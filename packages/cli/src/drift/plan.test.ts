import { inferColumnKind } from '@vigil/core';
import { describe, expect, it } from 'vitest';
import type { DriftConfig } from './config.js';
import { buildConfig } from './config.js';
import { inferKind, planColumns, selectColumns } from './plan.js';

function config(args: Partial<Parameters<typeof buildConfig>[2]> = {}): DriftConfig {
  return buildConfig('ref.csv', 'cur.csv', args);
}

describe('inferKind', () => {
  // The shortcut must agree with the core's rule on the full column, whatever the data.
  const columns: { name: string; values: number[] }[] = [
    { name: 'empty', values: [] },
    { name: 'all missing', values: [Number.NaN, Number.POSITIVE_INFINITY] },
    { name: 'binary', values: [0, 1, 1, 0, Number.NaN] },
    { name: '10 integer codes', values: Array.from({ length: 500 }, (_, i) => i % 10) },
    { name: '11 integer codes', values: Array.from({ length: 500 }, (_, i) => i % 11) },
    {
      name: 'one fraction among codes',
      values: [...Array.from({ length: 500 }, (_, i) => i % 3), 0.5],
    },
    {
      name: 'fraction late after many codes',
      values: [...Array.from({ length: 500 }, (_, i) => i % 30), 2.25],
    },
    { name: 'floats', values: Array.from({ length: 300 }, (_, i) => Math.sin(i)) },
    { name: 'integers as floats 2.0', values: [2, 4, 6, 2, 4] },
  ];
  it.each(columns)('$name', ({ values }) => {
    const column = { type: 'number' as const, values: Float64Array.from(values) };
    expect(inferKind(column)).toBe(inferColumnKind(values));
  });

  it('uses the core rule for strings (text when distinct > half the rows)', () => {
    expect(inferKind({ type: 'string', values: ['a', 'b', 'a', 'b'] })).toBe('categorical');
    expect(inferKind({ type: 'string', values: ['one', 'two', 'three', 'x'] })).toBe('text');
  });
});

const names = {
  reference: ['t', 'a', 'b', 'y', 'p'],
  current: ['a', 'b', 'y', 'p', 'extra'],
  referenceLabel: 'ref.csv',
  currentLabel: 'cur.csv',
};

describe('selectColumns', () => {
  it.each([
    { name: 'common columns in reference order', args: {}, expected: ['a', 'b', 'y', 'p'] },
    {
      name: 'minus target and prediction',
      args: { target: 'y', prediction: 'p' },
      expected: ['a', 'b'],
    },
    { name: 'minus --exclude', args: { exclude: ['a,y'] }, expected: ['b', 'p'] },
    { name: '--columns wins', args: { columns: ['b,a'] }, expected: ['b', 'a'] },
  ])('$name', ({ args, expected }) => {
    expect(selectColumns(config(args), names)).toEqual(expected);
  });
});

describe('planColumns', () => {
  const reference = new Map([
    ['n', { type: 'number' as const, values: Float64Array.from({ length: 50 }, (_, i) => i / 3) }],
    ['c', { type: 'string' as const, values: Array.from({ length: 50 }, (_, i) => 'xyz'[i % 3]) }],
  ]);

  it.each([
    {
      name: 'defaults',
      args: {},
      expected: [
        ['n', 'numerical', undefined, undefined],
        ['c', 'categorical', undefined, undefined],
      ],
    },
    {
      name: '--method for all',
      args: { method: 'psi' },
      expected: [
        ['n', 'numerical', 'psi', undefined],
        ['c', 'categorical', 'psi', undefined],
      ],
    },
    {
      name: 'per kind beats all',
      args: { method: 'psi', numMethod: 'ks', threshold: '0.01' },
      expected: [
        ['n', 'numerical', 'ks', 0.01],
        ['c', 'categorical', 'psi', 0.01],
      ],
    },
    {
      name: 'per column beats per kind',
      args: { numMethod: 'ks', columnMethod: ['n=wasserstein'], columnThreshold: ['n=0.3'] },
      expected: [
        ['n', 'numerical', 'wasserstein', 0.3],
        ['c', 'categorical', undefined, undefined],
      ],
    },
    {
      name: '--column-type',
      args: { columnType: ['n=categorical'] },
      expected: [
        ['n', 'categorical', undefined, undefined],
        ['c', 'categorical', undefined, undefined],
      ],
    },
  ])('$name', ({ args, expected }) => {
    const plans = planColumns(config(args), ['n', 'c'], reference);
    expect(plans.map((p) => [p.name, p.kind, p.method, p.threshold])).toEqual(expected);
  });

  it('names the column and the option when a method does not fit', () => {
    expect(() => planColumns(config({ method: 'wasserstein' }), ['n', 'c'], reference)).toThrow(
      /--method wasserstein: wasserstein does not apply to categorical column 'c'/,
    );
  });
});

describe('buildConfig', () => {
  it('accepts method names case-insensitively and reads defaults', () => {
    const c = config({ method: 'KS', catMethod: 'tvd' });
    expect(c.method).toBe('ks');
    expect(c.catMethod).toBe('TVD');
    expect(c.driftShare).toBe(0.5);
    expect(c.maxAccuracyDrop).toBe(0.03);
    expect(c.maxErrorIncrease).toBe(0.1);
  });

  it('splits COLUMN=VALUE at the last "="', () => {
    expect([...config({ columnThreshold: ['a=b=0.2'] }).columnThresholds]).toEqual([['a=b', 0.2]]);
  });
});
