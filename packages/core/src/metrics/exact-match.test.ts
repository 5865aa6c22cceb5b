import { describe, expect, it } from 'vitest';
import { exactMatch } from './index.js';

describe('exactMatch', () => {
  it.each([
    { name: 'identical', c: ['a', 'b'], r: ['a', 'b'], options: {}, expected: 1 },
    {
      name: 'strict by default',
      c: ['Paris', 'london '],
      r: ['Paris', 'London'],
      options: {},
      expected: 0.5,
    },
    {
      name: 'trim + ignoreCase',
      c: ['Paris', 'london '],
      r: ['Paris', 'London'],
      options: { trim: true, ignoreCase: true },
      expected: 1,
    },
    {
      name: 'collapseWhitespace',
      c: ['new  york', 'a\tb'],
      r: ['new york', 'a b'],
      options: { collapseWhitespace: true },
      expected: 1,
    },
    { name: 'no Unicode normalisation', c: ['é'], r: ['e\u0301'], options: {}, expected: 0 },
  ])('$name → $expected', ({ c, r, options, expected }) => {
    expect(exactMatch(c, r, options)).toEqual({ ok: true, value: expected });
  });
  it.each([
    { name: 'length mismatch', c: ['a'], r: [], code: 'LENGTH_MISMATCH' },
    { name: 'empty', c: [], r: [], code: 'EMPTY_SAMPLE' },
  ])('$name → $code', ({ c, r, code }) => {
    const res = exactMatch(c, r);
    expect(res.ok ? null : res.error.code).toBe(code);
  });
});
