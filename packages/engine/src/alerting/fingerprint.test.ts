import { describe, expect, it } from 'vitest';
import { fnv1a64, hex64 } from '../hash.js';
import { alertLabels, fingerprint } from './fingerprint.js';

describe('fnv1a64', () => {
  // Reference values: the FNV-1a 64 test vectors (Noll), recomputed with Python.
  const cases = [
    { name: 'empty', input: '', expected: 'cbf29ce484222325' },
    { name: 'a', input: 'a', expected: 'af63dc4c8601ec8c' },
    { name: 'foobar', input: 'foobar', expected: '85944171f73967e8' },
  ];
  it.each(cases)('$name', ({ input, expected }) => {
    expect(hex64(fnv1a64(input))).toBe(expected);
  });
});

describe('fingerprint', () => {
  // Stable IDs are API: these values are stored and sent as PagerDuty dedup keys. They were
  // computed independently in Python (same length-prefixed, U+00FF-separated encoding).
  type Case = { name: string; id: string; labels: Record<string, string>; expected: string };
  const cases: Case[] = [
    { name: 'no labels', id: 'm1', labels: {}, expected: '28a82d4f3e8eb254' },
    {
      name: 'two labels',
      id: 'fraud-psi',
      labels: { model: 'fraud', severity: 'warning' },
      expected: '0cc3a6de67711241',
    },
    {
      name: 'label order does not matter',
      id: 'fraud-psi',
      labels: { severity: 'warning', model: 'fraud' },
      expected: '0cc3a6de67711241',
    },
    {
      name: 'a label less',
      id: 'fraud-psi',
      labels: { model: 'fraud' },
      expected: 'e993b106d0e512f3',
    },
    { name: 'length prefix splits b=c', id: 'a', labels: { b: 'c' }, expected: '4ead0d4313cac901' },
    { name: 'length prefix splits bc=', id: 'a', labels: { bc: '' }, expected: 'fe1bb64b33b11e45' },
    {
      name: 'monitorId wins over a monitor label',
      id: 'm1',
      labels: { monitor: 'other' },
      expected: '28a82d4f3e8eb254',
    },
    {
      name: 'non-ASCII hashed as UTF-8',
      id: 'm',
      labels: { k: 'é✓' },
      expected: '00ccdd90f232e32f',
    },
  ];
  it.each(cases)('$name', ({ id, labels, expected }) => {
    expect(fingerprint(id, labels)).toBe(expected);
  });

  it('alertLabels sorts keys and adds monitor', () => {
    expect(Object.keys(alertLabels('x', { z: '1', a: '2' }))).toEqual(['a', 'monitor', 'z']);
  });
});
