import { describe, expect, it } from 'vitest';
import { nextDueAt, planTick, scheduleOffsetMs, slotAtOrBefore } from './schedule.js';

const t0 = Date.parse('2026-05-27T12:00:00Z');
const S = 1000;
const MIN = 60 * S;
const HOUR = 60 * MIN;

describe('scheduleOffsetMs', () => {
  // fnv1a64(id) mod interval, computed independently in Python.
  const cases = [
    { name: 'm1 hourly', id: 'm1', interval: HOUR, expected: 2_115_051 },
    { name: 'm1 per minute', id: 'm1', interval: MIN, expected: 15_051 },
    { name: 'fraud-psi hourly', id: 'fraud-psi', interval: HOUR, expected: 2_040_860 },
    { name: 'a daily', id: 'a', interval: 24 * HOUR, expected: 21_241_996 },
    { name: 'b daily', id: 'b', interval: 24 * HOUR, expected: 63_326_629 },
  ];
  it.each(cases)('$name', ({ id, interval, expected }) => {
    expect(scheduleOffsetMs(id, interval)).toBe(expected);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects interval %s', (interval) => {
    expect(() => scheduleOffsetMs('m', interval)).toThrow(RangeError);
  });
});

describe('slotAtOrBefore / nextDueAt', () => {
  const cases = [
    { name: 'between slots', t: t0 + 5 * S, slot: t0 - MIN + 7 * S, next: t0 + 7 * S },
    { name: 'exactly on a slot', t: t0 + 7 * S, slot: t0 + 7 * S, next: t0 + MIN + 7 * S },
    { name: 'just before a slot', t: t0 + 7 * S - 1, slot: t0 - MIN + 7 * S, next: t0 + 7 * S },
  ];
  it.each(cases)('$name', ({ t, slot, next }) => {
    expect(slotAtOrBefore(t, MIN, 7 * S)).toBe(slot);
    expect(nextDueAt(t, MIN, 7 * S)).toBe(next);
  });
});

describe('planTick', () => {
  type Case = {
    name: string;
    now: number;
    last: number | null;
    offset?: number;
    due: boolean;
    slot: number;
    missed: number;
    next: number;
  };
  const cases: Case[] = [
    {
      name: 'first run: latest slot, nothing missed',
      now: t0 + 30 * MIN,
      last: null,
      due: true,
      slot: t0,
      missed: 0,
      next: t0 + HOUR,
    },
    {
      name: 'on time',
      now: t0 + HOUR + 2 * S,
      last: t0,
      due: true,
      slot: t0 + HOUR,
      missed: 0,
      next: t0 + 2 * HOUR,
    },
    {
      name: 'same slot again: not due',
      now: t0 + 50 * MIN,
      last: t0,
      due: false,
      slot: t0,
      missed: 0,
      next: t0 + HOUR,
    },
    {
      name: 'late by 3.5 h: one run, 2 missed',
      now: t0 + 3 * HOUR + 30 * MIN,
      last: t0,
      due: true,
      slot: t0 + 3 * HOUR,
      missed: 2,
      next: t0 + 4 * HOUR,
    },
    {
      name: 'late by a day: one run, 23 missed',
      now: t0 + 24 * HOUR,
      last: t0,
      due: true,
      slot: t0 + 24 * HOUR,
      missed: 23,
      next: t0 + 25 * HOUR,
    },
    {
      name: 'with an offset of 35 min',
      now: t0 + 40 * MIN,
      last: t0 - 25 * MIN,
      offset: 35 * MIN,
      due: true,
      slot: t0 + 35 * MIN,
      missed: 0,
      next: t0 + 95 * MIN,
    },
    {
      name: 'clock went back: not due',
      now: t0 - 2 * HOUR,
      last: t0,
      due: false,
      slot: t0 - 2 * HOUR,
      missed: 0,
      next: t0 - HOUR,
    },
    {
      name: 'last slot off the grid (cadence changed)',
      now: t0 + 2 * HOUR,
      last: t0 + 30 * MIN,
      due: true,
      slot: t0 + 2 * HOUR,
      missed: 1,
      next: t0 + 3 * HOUR,
    },
  ];
  it.each(cases)('$name', (c) => {
    const p = planTick({
      now: c.now,
      lastSlotAt: c.last,
      intervalMs: HOUR,
      offsetMs: c.offset ?? 0,
    });
    expect(p).toEqual({ due: c.due, slotAt: c.slot, missed: c.missed, nextAt: c.next });
  });
});
