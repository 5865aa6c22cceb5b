import { describe, expect, it } from 'vitest';
import { formatBytes, parseMemoryBudget } from './engine.js';

describe('parseMemoryBudget', () => {
  const cases = [
    { name: 'GB', text: '1GB', bytes: 1024 ** 3 },
    { name: 'lower-case g', text: '2g', bytes: 2 * 1024 ** 3 },
    { name: 'MB with space', text: '512 MB', bytes: 512 * 1024 ** 2 },
    { name: 'fraction', text: '1.5GiB', bytes: 1.5 * 1024 ** 3 },
    { name: 'plain bytes', text: '2000000', bytes: 2_000_000 },
    { name: 'KB', text: '64kb', bytes: 65_536 },
  ];
  it.each(cases)('$name', ({ text, bytes }) => {
    expect(parseMemoryBudget(text)).toBe(bytes);
  });
  it.each(['', 'lots', '-1GB', '0', '1 PB', '1e9'])('rejects %s', (text) => {
    expect(() => parseMemoryBudget(text)).toThrow(/--memory-budget/);
  });
});

describe('formatBytes', () => {
  it.each([
    { bytes: 1.6e9, text: '1.5 GB' },
    { bytes: 512 * 1024 ** 2, text: '512 MB' },
    { bytes: 1000, text: '1 KB' },
  ])('$bytes -> $text', ({ bytes, text }) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
