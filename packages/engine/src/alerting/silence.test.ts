import { describe, expect, it } from 'vitest';
import { activeSilences, silenceActive, silenceMatches } from './silence.js';
import type { Silence, SilenceMatcher } from './types.js';

const t0 = Date.parse('2026-05-27T12:00:00Z');
const labels = { model: 'fraud-v2', severity: 'critical', monitor: 'psi' };

function silence(matchers: SilenceMatcher[], startsAt = t0, endsAt = t0 + 3_600_000): Silence {
  return { id: 's', matchers, startsAt, endsAt, createdBy: 'ana', comment: 'retraining' };
}

describe('silenceMatches', () => {
  type Case = { name: string; matchers: SilenceMatcher[]; expected: boolean };
  const cases: Case[] = [
    {
      name: 'equal',
      matchers: [{ name: 'model', value: 'fraud-v2', isRegex: false }],
      expected: true,
    },
    {
      name: 'equal, other value',
      matchers: [{ name: 'model', value: 'fraud', isRegex: false }],
      expected: false,
    },
    {
      name: 'regex anchored: fraud matches fraud.*',
      matchers: [{ name: 'model', value: 'fraud.*', isRegex: true }],
      expected: true,
    },
    {
      name: 'regex anchored: v2 alone does not match fraud-v2',
      matchers: [{ name: 'model', value: 'v2', isRegex: true }],
      expected: false,
    },
    {
      name: 'not equal',
      matchers: [{ name: 'severity', value: 'info', isRegex: false, isEqual: false }],
      expected: true,
    },
    {
      name: 'not regex',
      matchers: [{ name: 'severity', value: 'crit.*', isRegex: true, isEqual: false }],
      expected: false,
    },
    {
      name: 'missing label reads as empty',
      matchers: [{ name: 'team', value: '', isRegex: false }],
      expected: true,
    },
    {
      name: 'all matchers must match',
      matchers: [
        { name: 'model', value: 'fraud-v2', isRegex: false },
        { name: 'severity', value: 'info', isRegex: false },
      ],
      expected: false,
    },
    { name: 'no matchers match nothing', matchers: [], expected: false },
    {
      name: 'invalid regex matches nothing',
      matchers: [{ name: 'model', value: '(', isRegex: true }],
      expected: false,
    },
  ];
  it.each(cases)('$name', ({ matchers, expected }) => {
    expect(silenceMatches(silence(matchers), labels)).toBe(expected);
  });
});

describe('silenceActive', () => {
  const s = silence([{ name: 'model', value: 'fraud-v2', isRegex: false }]);
  const cases = [
    { name: 'before start', now: t0 - 1, expected: false },
    { name: 'at start (inclusive)', now: t0, expected: true },
    { name: 'inside', now: t0 + 1000, expected: true },
    { name: 'at end (exclusive)', now: t0 + 3_600_000, expected: false },
  ];
  it.each(cases)('$name', ({ now, expected }) => {
    expect(silenceActive(s, now)).toBe(expected);
    expect(activeSilences([s], labels, now)).toEqual(expected ? ['s'] : []);
  });
});
