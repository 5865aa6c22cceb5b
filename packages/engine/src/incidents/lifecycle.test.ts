import { describe, expect, it } from 'vitest';
import { type LifecycleAction, type LifecycleState, transition } from './lifecycle.js';

const T = Date.UTC(2024, 0, 10);
const triggered: LifecycleState = {
  status: 'triggered',
  openedMs: T,
  acknowledgedMs: null,
  resolvedMs: null,
};

describe('transition', () => {
  it('walks triggered -> acknowledged -> resolved -> reopened', () => {
    const a = transition(triggered, 'acknowledge', T + 1);
    expect(a).toEqual({
      ok: true,
      value: { ...triggered, status: 'acknowledged', acknowledgedMs: T + 1 },
    });
    if (!a.ok) return;
    const r = transition(a.value, 'resolve', T + 2);
    expect(r.ok && r.value).toMatchObject({
      status: 'resolved',
      acknowledgedMs: T + 1,
      resolvedMs: T + 2,
    });
    if (!r.ok) return;
    const o = transition(r.value, 'reopen', T + 3);
    expect(o.ok && o.value).toEqual({
      status: 'triggered',
      openedMs: T + 3,
      acknowledgedMs: null,
      resolvedMs: null,
    });
  });

  it('resolves straight from triggered', () => {
    const r = transition(triggered, 'resolve', T + 5);
    expect(r.ok && r.value.status).toBe('resolved');
  });

  type Bad = { from: LifecycleState['status']; action: LifecycleAction; message: RegExp };
  const bad: Bad[] = [
    { from: 'resolved', action: 'acknowledge', message: /cannot acknowledge a resolved incident/ },
    { from: 'acknowledged', action: 'acknowledge', message: /already acknowledged/ },
    { from: 'resolved', action: 'resolve', message: /already resolved/ },
    { from: 'triggered', action: 'reopen', message: /only a resolved incident/ },
    { from: 'acknowledged', action: 'reopen', message: /only a resolved incident/ },
  ];
  it.each(bad)('refuses $action on $from', ({ from, action, message }) => {
    const r = transition({ ...triggered, status: from }, action, T);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_TRANSITION');
      expect(r.error.message).toMatch(message);
    }
  });
});
