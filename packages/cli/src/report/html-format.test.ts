import { describe, expect, it } from 'vitest';
import { formatCount, formatNumber, formatShare, formatSigned } from './html-format.js';

describe('formatNumber', () => {
  const cases = [
    { name: 'null', input: null, expected: '—' },
    { name: 'zero', input: 0, expected: '0' },
    { name: 'four significant digits', input: 0.0123456, expected: '0.01235' },
    { name: 'trailing zeros dropped', input: 0.05, expected: '0.05' },
    { name: 'large integer-ish', input: 312.4, expected: '312.4' },
    { name: 'tiny p-value', input: 1.2e-64, expected: '1.20e-64' },
    { name: 'huge statistic', input: 3.5e7, expected: '3.50e+7' },
    { name: 'negative', input: -0.0642, expected: '-0.0642' },
    { name: 'infinity', input: Number.POSITIVE_INFINITY, expected: '∞' },
    { name: 'NaN', input: Number.NaN, expected: '—' },
  ];
  it.each(cases)('$name', ({ input, expected }) => {
    expect(formatNumber(input)).toBe(expected);
  });
});

describe('formatShare', () => {
  const cases = [
    { name: 'third', input: 1 / 3, expected: '33.3%' },
    { name: 'zero', input: 0, expected: '0.0%' },
    { name: 'tiny but present', input: 0.0004, expected: '<0.1%' },
    { name: 'rounds up to 0.1%', input: 0.0005, expected: '0.1%' },
    { name: 'all', input: 1, expected: '100.0%' },
    { name: 'undefined', input: undefined, expected: '—' },
  ];
  it.each(cases)('$name', ({ input, expected }) => {
    expect(formatShare(input)).toBe(expected);
  });
});

describe('formatCount and formatSigned', () => {
  const cases = [
    { name: 'count separators', actual: () => formatCount(1234567), expected: '1,234,567' },
    { name: 'count rounds', actual: () => formatCount(49999.6), expected: '50,000' },
    { name: 'positive change', actual: () => formatSigned(0.031), expected: '+0.031' },
    {
      name: 'negative change uses a minus sign',
      actual: () => formatSigned(-0.064),
      expected: '−0.064',
    },
    { name: 'no change', actual: () => formatSigned(0), expected: '0' },
    { name: 'missing change', actual: () => formatSigned(undefined), expected: '—' },
  ];
  it.each(cases)('$name', ({ actual, expected }) => {
    expect(actual()).toBe(expected);
  });
});
