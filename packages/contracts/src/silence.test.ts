import { describe, expect, it } from 'vitest';
import {
  parseMatcherText,
  silenceDefinitionSchema,
  silenceSpan,
  silenceSpecSchema,
} from './silence.js';

describe('parseMatcherText', () => {
  it.each([
    {
      text: 'model="fraud"',
      want: { name: 'model', value: 'fraud', isRegex: false, isEqual: true },
    },
    { text: 'model=fraud', want: { name: 'model', value: 'fraud', isRegex: false, isEqual: true } },
    { text: 'sev!="info"', want: { name: 'sev', value: 'info', isRegex: false, isEqual: false } },
    {
      text: 'model=~"fraud.*"',
      want: { name: 'model', value: 'fraud.*', isRegex: true, isEqual: true },
    },
    {
      text: ' env !~ "dev|test" ',
      want: { name: 'env', value: 'dev|test', isRegex: true, isEqual: false },
    },
    { text: 'q="a \\"b\\""', want: { name: 'q', value: 'a "b"', isRegex: false, isEqual: true } },
    { text: 'empty=""', want: { name: 'empty', value: '', isRegex: false, isEqual: true } },
  ])('$text', ({ text, want }) => {
    expect(parseMatcherText(text)).toEqual(want);
  });

  it.each(['model', '="x"', '1abc="x"', 'a=="x"'.replace('==', '<>')])('refuses %s', (text) => {
    expect(parseMatcherText(text)).toBeNull();
  });
});

describe('silenceSpecSchema', () => {
  const ok = { matchers: ['model="m"'], comment: 'why' };
  it('fills matcher defaults and keeps times as epoch ms', () => {
    const r = silenceSpecSchema.parse({
      matchers: [{ name: 'monitor', value: 'drift' }],
      comment: 'deploy',
      startsAt: '2026-05-27T12:00:00Z',
      duration: '1h30m',
      createdBy: 'alice',
    });
    expect(r).toEqual({
      matchers: [{ name: 'monitor', value: 'drift', isRegex: false, isEqual: true }],
      comment: 'deploy',
      startsAt: Date.UTC(2026, 4, 27, 12),
      duration: 5_400_000,
      createdBy: 'alice',
    });
  });

  it.each([
    { name: 'no matcher', input: { ...ok, matchers: [] }, path: 'matchers' },
    { name: 'no comment', input: { matchers: ok.matchers }, path: 'comment' },
    { name: 'empty comment', input: { ...ok, comment: '' }, path: 'comment' },
    { name: 'bad matcher text', input: { ...ok, matchers: ['model'] }, path: 'matchers.0' },
    {
      name: 'bad label name',
      input: { ...ok, matchers: [{ name: '1x', value: 'a' }] },
      path: 'matchers.0.name',
    },
    { name: 'bad regex', input: { ...ok, matchers: ['m=~"("'] }, path: 'matchers.0' },
    { name: 'matches everything', input: { ...ok, matchers: ['m=~".*"'] }, path: 'matchers' },
    { name: 'matches the empty value', input: { ...ok, matchers: ['m=""'] }, path: 'matchers' },
    { name: 'end and duration', input: { ...ok, endsAt: 10, duration: '1h' }, path: 'duration' },
    { name: 'zero duration', input: { ...ok, duration: '0s' }, path: 'duration' },
    { name: 'end before start', input: { ...ok, startsAt: 10, endsAt: 5 }, path: 'endsAt' },
    { name: 'unknown key', input: { ...ok, author: 'x' }, path: '' },
  ])('refuses $name', ({ input, path }) => {
    const r = silenceSpecSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('accepts a negative matcher beside one that excludes the empty value', () => {
    expect(
      silenceSpecSchema.safeParse({ ...ok, matchers: ['sev!="info"', 'model=~"f.+"'] }).success,
    ).toBe(true);
  });
});

describe('silenceSpan', () => {
  const spec = (s: Record<string, unknown>) =>
    silenceSpecSchema.parse({ matchers: ['a="b"'], comment: 'c', ...s });
  it.each([
    { name: 'defaults: now for 2h', s: {}, want: { startsAtMs: 1000, endsAtMs: 1000 + 7_200_000 } },
    {
      name: 'duration from now',
      s: { duration: '15m' },
      want: { startsAtMs: 1000, endsAtMs: 901_000 },
    },
    {
      name: 'explicit span',
      s: { startsAt: 5000, endsAt: 9000 },
      want: { startsAtMs: 5000, endsAtMs: 9000 },
    },
    {
      name: 'duration from start',
      s: { startsAt: 5000, duration: '1s' },
      want: { startsAtMs: 5000, endsAtMs: 6000 },
    },
  ])('$name', ({ s, want }) => {
    expect(silenceSpan(spec(s), 1000)).toEqual(want);
  });
});

describe('silenceDefinitionSchema', () => {
  it('reads a kind: Silence document', () => {
    const r = silenceDefinitionSchema.safeParse({
      apiVersion: 'vigil/v1',
      kind: 'Silence',
      spec: { matchers: ['monitor="x"'], comment: 'c' },
    });
    expect(r.success).toBe(true);
  });
});
