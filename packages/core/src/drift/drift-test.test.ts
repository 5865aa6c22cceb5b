import { describe, expect, it } from 'vitest';
import { driftTest } from './drift-test.js';
import { cat, errorCode, num, run, seq } from './testdata/columns.js';
import type { ColumnData, DriftOptions } from './types.js';

describe('driftTest', () => {
  it('drops missing values and counts them', () => {
    const r = run(
      num([1, Number.NaN, 2, 3, Number.POSITIVE_INFINITY, 4, 5, 6]),
      num([2, 3, 4, 5, 6, 7, Number.NEGATIVE_INFINITY]),
    );
    expect([r.referenceCount, r.droppedReference, r.currentCount, r.droppedCurrent]).toEqual([
      6, 2, 6, 1,
    ]);
    const c = run(cat(['a', null, '', 'b']), cat(['a', 'a', null]));
    expect([c.referenceCount, c.droppedReference, c.currentCount, c.droppedCurrent]).toEqual([
      2, 2, 2, 1,
    ]);
  });

  it('picks the default method from kind, rows and distinct values', () => {
    expect(run(num(seq(100)), num(seq(100, 3))).method).toBe('ks');
    expect(run(num(seq(2000).map((i) => i % 4)), num(seq(100).map((i) => i % 4))).method).toBe(
      'jensenshannon',
    );
    expect(run(cat(['a', 'b', 'a']), cat(['b', 'b'])).method).toBe('z');
  });

  it('applies a user threshold with the method rule', () => {
    const base = run(num(seq(50)), num(seq(50, 5)), { method: 'wasserstein' });
    expect(
      run(num(seq(50)), num(seq(50, 5)), { method: 'wasserstein', threshold: base.score }).drifted,
    ).toBe(true);
    expect(
      run(num(seq(50)), num(seq(50, 5)), { method: 'wasserstein', threshold: base.score + 1e-9 })
        .drifted,
    ).toBe(false);
  });

  it('compares text through the lengths of its values in code points', () => {
    const r = run(
      { kind: 'text', values: ['ab', 'abc', null, '\u{1F600}x'] },
      { kind: 'text', values: ['abcdef', 'abcdefg', ''] },
      { method: 'ks', includeBins: true },
    );
    expect(r.kind).toBe('text');
    expect([r.referenceCount, r.droppedReference, r.currentCount, r.droppedCurrent]).toEqual([
      3, 1, 2, 1,
    ]);
    expect(r.statistic).toBe(1);
    expect(r.bins?.categories).toEqual(['2', '3', '6', '7']);
  });

  it('returns histogram bins when asked', () => {
    const numeric = run(num(seq(100, 0, 0.1)), num(seq(100, 2, 0.1)), { includeBins: true });
    expect(numeric.bins?.edges?.length).toBe((numeric.bins?.reference.length ?? 0) + 1);
    expect(numeric.bins?.reference.reduce((s, v) => s + v, 0)).toBe(100);
    const labels = run(cat(['b', 'a', 'b']), cat(['c', 'a']), { includeBins: true });
    expect(labels.bins).toEqual({
      categories: ['a', 'b', 'c'],
      reference: [1, 2, 0],
      current: [1, 0, 1],
    });
    expect(run(cat(['a']), cat(['a'])).bins).toBeUndefined();
  });

  it('plots equal-width bins when a few-valued reference meets a many-valued current', () => {
    const r = run(num([1, 2, 3]), num(seq(500, 0, 0.01)), { method: 'ks', includeBins: true });
    expect(r.bins?.edges).toBeDefined();
    expect(r.bins?.reference.length).toBeLessThan(100);
  });

  it.each<{ name: string; ref: ColumnData; cur: ColumnData; options?: DriftOptions; code: string }>(
    [
      { name: 'kinds differ', ref: num([1]), cur: cat(['a']), code: 'WRONG_KIND' },
      {
        name: 'ks on categorical',
        ref: cat(['a', 'b']),
        cur: cat(['a', 'b']),
        options: { method: 'ks' },
        code: 'WRONG_KIND',
      },
      {
        name: 'chisquare on text',
        ref: { kind: 'text', values: ['aa'] },
        cur: { kind: 'text', values: ['b'] },
        options: { method: 'chisquare' },
        code: 'WRONG_KIND',
      },
      {
        name: 'unknown method',
        ref: num([1, 2]),
        cur: num([1, 2]),
        options: { method: 'nope' as 'ks' },
        code: 'UNKNOWN_METHOD',
      },
      {
        name: 'negative threshold',
        ref: num([1, 2]),
        cur: num([1, 2]),
        options: { threshold: -1 },
        code: 'INVALID_ARGUMENT',
      },
      {
        name: 'NaN threshold',
        ref: num([1, 2]),
        cur: num([1, 2]),
        options: { threshold: Number.NaN },
        code: 'INVALID_ARGUMENT',
      },
      {
        name: 'p-value threshold above 1',
        ref: num([1, 2]),
        cur: num([1, 2]),
        options: { method: 'ks', threshold: 2 },
        code: 'INVALID_ARGUMENT',
      },
      {
        name: 'fractional bins',
        ref: num([1, 2]),
        cur: num([1, 2]),
        options: { bins: 2.5 },
        code: 'INVALID_ARGUMENT',
      },
      {
        name: 'zero bins',
        ref: num([1, 2]),
        cur: num([1, 2]),
        options: { bins: 0 },
        code: 'INVALID_ARGUMENT',
      },
      {
        name: 'infinite seed',
        ref: num([1, 2]),
        cur: num([1, 2]),
        options: { seed: Number.POSITIVE_INFINITY },
        code: 'INVALID_ARGUMENT',
      },
      { name: 'empty reference', ref: num([]), cur: num([1]), code: 'EMPTY_REFERENCE' },
      { name: 'empty current', ref: cat(['a']), cur: cat([]), code: 'EMPTY_CURRENT' },
      {
        name: 'all-missing reference',
        ref: num([Number.NaN, Number.NaN]),
        cur: num([1]),
        code: 'ALL_MISSING',
      },
      { name: 'all-missing current', ref: cat(['a']), cur: cat([null, '']), code: 'ALL_MISSING' },
    ],
  )('errors: $name', ({ ref, cur, options, code }) => {
    expect(errorCode(ref, cur, options)).toBe(code);
  });

  it('gives one-line error messages', () => {
    const r = driftTest(cat(['a']), cat(['a']), { method: 'ks' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^ks does not apply to categorical columns/);
  });
});
