// Window boundaries: the data window an evaluation at a slot looks at. Time windows are UTC and
// half-open [start, end); event windows are runs of N consecutive events, counted from 0.
import type { MonitorWindow } from '@vigil/contracts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** TimeWindow is a half-open UTC interval [startMs, endMs). */
export interface TimeWindow {
  readonly kind: 'time';
  readonly startMs: number;
  readonly endMs: number;
}

/** EventWindow is events [first, end) of the model's event sequence: window number `index`. */
export interface EventWindow {
  readonly kind: 'events';
  readonly index: number;
  readonly first: number;
  readonly end: number;
}

/** BatchWindow means "the batch just ingested": every batch is its own window. */
export interface BatchWindow {
  readonly kind: 'batch';
}

/** EvaluationWindow is the window one evaluation looks at. */
export type EvaluationWindow = TimeWindow | EventWindow | BatchWindow;

/**
 * timeWindowContaining returns the hourly or daily UTC window holding instant t.
 * Example: hourly, 12:34:56Z → [12:00Z, 13:00Z).
 */
export function timeWindowContaining(kind: 'hourly' | 'daily', t: number): TimeWindow {
  const size = kind === 'hourly' ? HOUR_MS : DAY_MS;
  const startMs = Math.floor(t / size) * size;
  return { kind: 'time', startMs, endMs: startMs + size };
}

/**
 * eventWindowOf returns the event window (of `size` events) holding event number `ordinal`
 * (0-based). Example: size 1000, ordinal 2500 → index 2, events [2000, 3000).
 */
export function eventWindowOf(size: number, ordinal: number): EventWindow {
  const index = Math.floor(ordinal / size);
  return { kind: 'events', index, first: index * size, end: (index + 1) * size };
}

/**
 * evaluationWindow is the last complete window an evaluation at `slotAt` looks at:
 * hourly/daily → the UTC hour/day that ended at or before slotAt (a slot at 12:07 evaluates
 * [11:00, 12:00)); events of size N → the last full run of N among `eventCount` events, or null
 * while fewer than N arrived; batch → the batch itself. Incomplete windows are never evaluated,
 * so a window's value does not change after it was stored.
 * Example: events N = 1000, eventCount 2500 → events [1000, 2000).
 */
export function evaluationWindow(
  window: MonitorWindow,
  slotAt: number,
  eventCount = 0,
): EvaluationWindow | null {
  switch (window.kind) {
    case 'batch':
      return { kind: 'batch' };
    case 'hourly':
    case 'daily': {
      const current = timeWindowContaining(window.kind, slotAt);
      const size = current.endMs - current.startMs;
      return { kind: 'time', startMs: current.startMs - size, endMs: current.startMs };
    }
    case 'events': {
      const complete = Math.floor(eventCount / window.size);
      return complete === 0 ? null : eventWindowOf(window.size, (complete - 1) * window.size);
    }
  }
}
