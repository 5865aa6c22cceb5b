import { describe, expect, it } from 'vitest';
import { formatTime, parseIsoTime, parseRange } from './time.js';

describe('parseIsoTime', () => {
  it.each([
    { text: '2001-01-01', expected: Date.UTC(2001, 0, 1) },
    { text: '2001-06', expected: Date.UTC(2001, 5, 1) },
    { text: '2001/1/5', expected: Date.UTC(2001, 0, 5) },
    { text: '2001-01-31T08:30', expected: Date.UTC(2001, 0, 31, 8, 30) },
    { text: '2001-01-31 08:30:15.250', expected: Date.UTC(2001, 0, 31, 8, 30, 15, 250) },
    { text: '2001-01-31T08:30:00Z', expected: Date.UTC(2001, 0, 31, 8, 30) },
    { text: '2001-01-31T08:30:00+02:00', expected: Date.UTC(2001, 0, 31, 6, 30) },
    { text: '2001-01-31T08:30:00-0130', expected: Date.UTC(2001, 0, 31, 10, 0) },
    { text: '2001-02-30', expected: undefined },
    { text: '2001-13-01', expected: undefined },
    { text: '2001-01-01T24:00', expected: undefined },
    { text: 'yesterday', expected: undefined },
    { text: '20010101', expected: undefined },
  ])('$text', ({ text, expected }) => {
    expect(parseIsoTime(text)).toBe(expected);
  });
});

describe('parseRange', () => {
  it.each([
    {
      text: '2001-01-01..2001-02-01',
      start: Date.UTC(2001, 0, 1),
      end: Date.UTC(2001, 1, 1),
      kind: 'date',
    },
    {
      text: '2001-06-01..',
      start: Date.UTC(2001, 5, 1),
      end: Number.POSITIVE_INFINITY,
      kind: 'date',
    },
    {
      text: '..2001-02-01',
      start: Number.NEGATIVE_INFINITY,
      end: Date.UTC(2001, 1, 1),
      kind: 'date',
    },
    { text: '0..100', start: 0, end: 100, kind: 'number' },
  ])('$text', ({ text, start, end, kind }) => {
    expect(parseRange(text, '--reference-range')).toMatchObject({ start, end, kind });
  });

  it.each([
    { text: '2001-01-01-2001-02-01', error: /--current-range: no single "\.\." separator/ },
    { text: '2001-02-01..2001-01-01', error: /START is not before END/ },
    { text: '2001-01-01..100', error: /one bound is a date, the other a number/ },
    { text: '2001-01-01..2001-02-31', error: /'2001-02-31' is not a valid ISO date/ },
    { text: '..', error: /both bounds empty/ },
    { text: 'a..b..c', error: /no single/ },
  ])('rejects $text', ({ text, error }) => {
    expect(() => parseRange(text, '--current-range')).toThrow(error);
  });
});

describe('formatTime', () => {
  it('drops zero milliseconds', () => {
    expect(formatTime(Date.UTC(2001, 0, 1))).toBe('2001-01-01T00:00:00Z');
    expect(formatTime(Date.UTC(2001, 0, 1, 0, 0, 0, 5))).toBe('2001-01-01T00:00:00.005Z');
  });
});
