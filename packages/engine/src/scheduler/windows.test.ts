import { describe, expect, it } from 'vitest';
import { evaluationWindow, eventWindowOf, timeWindowContaining } from './windows.js';

const at = (iso: string) => Date.parse(iso);

describe('timeWindowContaining', () => {
  const cases = [
    {
      name: 'hourly',
      kind: 'hourly' as const,
      t: '2026-05-27T12:34:56Z',
      start: '2026-05-27T12:00:00Z',
      end: '2026-05-27T13:00:00Z',
    },
    {
      name: 'hourly, on the boundary',
      kind: 'hourly' as const,
      t: '2026-05-27T13:00:00Z',
      start: '2026-05-27T13:00:00Z',
      end: '2026-05-27T14:00:00Z',
    },
    {
      name: 'daily (UTC)',
      kind: 'daily' as const,
      t: '2026-05-27T23:59:59.999Z',
      start: '2026-05-27T00:00:00Z',
      end: '2026-05-28T00:00:00Z',
    },
  ];
  it.each(cases)('$name', (c) => {
    expect(timeWindowContaining(c.kind, at(c.t))).toEqual({
      kind: 'time',
      startMs: at(c.start),
      endMs: at(c.end),
    });
  });
});

describe('eventWindowOf', () => {
  const cases = [
    { name: 'first event', ordinal: 0, index: 0, first: 0, end: 1000 },
    { name: 'last event of window 0', ordinal: 999, index: 0, first: 0, end: 1000 },
    { name: 'event 2500', ordinal: 2500, index: 2, first: 2000, end: 3000 },
  ];
  it.each(cases)('$name', (c) => {
    expect(eventWindowOf(1000, c.ordinal)).toEqual({
      kind: 'events',
      index: c.index,
      first: c.first,
      end: c.end,
    });
  });
});

describe('evaluationWindow', () => {
  type Case = {
    name: string;
    window: Parameters<typeof evaluationWindow>[0];
    slot: string;
    events?: number;
    expected: ReturnType<typeof evaluationWindow>;
  };
  const cases: Case[] = [
    {
      name: 'hourly at 12:07 → [11:00, 12:00)',
      window: { kind: 'hourly' },
      slot: '2026-05-27T12:07:13Z',
      expected: {
        kind: 'time',
        startMs: at('2026-05-27T11:00:00Z'),
        endMs: at('2026-05-27T12:00:00Z'),
      },
    },
    {
      name: 'hourly exactly at 12:00 → [11:00, 12:00)',
      window: { kind: 'hourly' },
      slot: '2026-05-27T12:00:00Z',
      expected: {
        kind: 'time',
        startMs: at('2026-05-27T11:00:00Z'),
        endMs: at('2026-05-27T12:00:00Z'),
      },
    },
    {
      name: 'daily at 05:52 → the previous UTC day',
      window: { kind: 'daily' },
      slot: '2026-05-27T05:52:00Z',
      expected: {
        kind: 'time',
        startMs: at('2026-05-26T00:00:00Z'),
        endMs: at('2026-05-27T00:00:00Z'),
      },
    },
    {
      name: 'events: 2500 seen, N = 1000 → [1000, 2000)',
      window: { kind: 'events', size: 1000 },
      slot: '2026-05-27T12:00:00Z',
      events: 2500,
      expected: { kind: 'events', index: 1, first: 1000, end: 2000 },
    },
    {
      name: 'events: exactly 2000 → [1000, 2000)',
      window: { kind: 'events', size: 1000 },
      slot: '2026-05-27T12:00:00Z',
      events: 2000,
      expected: { kind: 'events', index: 1, first: 1000, end: 2000 },
    },
    {
      name: 'events: fewer than N → none yet',
      window: { kind: 'events', size: 1000 },
      slot: '2026-05-27T12:00:00Z',
      events: 999,
      expected: null,
    },
    {
      name: 'batch → the batch',
      window: { kind: 'batch' },
      slot: '2026-05-27T12:00:00Z',
      expected: { kind: 'batch' },
    },
  ];
  it.each(cases)('$name', (c) => {
    expect(evaluationWindow(c.window, at(c.slot), c.events)).toEqual(c.expected);
  });
});
