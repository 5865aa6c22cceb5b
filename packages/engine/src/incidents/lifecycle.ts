// The incident lifecycle: triggered -> acknowledged -> resolved, with reopen. A pure transition
// function that refuses what makes no sense (acknowledging a resolved incident) instead of
// silently doing it, so the API can answer 4xx and change nothing.
import { ok, type Result } from '@vigil/core';
import type { IncidentError, IncidentStatus } from './types.js';

/** LifecycleAction is a person's (or the system's) move on an incident. */
export type LifecycleAction = 'acknowledge' | 'resolve' | 'reopen';

/** LifecycleState is the part of an incident the lifecycle reads and writes. */
export interface LifecycleState {
  readonly status: IncidentStatus;
  /** First acknowledgement of the current episode (cleared by reopen). */
  readonly acknowledgedMs: number | null;
  readonly resolvedMs: number | null;
  /** When the current episode began: the opening, or the last reopen. */
  readonly openedMs: number;
}

const NEXT: Readonly<Record<LifecycleAction, Partial<Record<IncidentStatus, IncidentStatus>>>> = {
  acknowledge: { triggered: 'acknowledged' },
  resolve: { triggered: 'resolved', acknowledged: 'resolved' },
  reopen: { resolved: 'triggered' },
};

const WHY: Readonly<Record<LifecycleAction, Partial<Record<IncidentStatus, string>>>> = {
  acknowledge: {
    acknowledged: 'the incident is already acknowledged',
    resolved: 'cannot acknowledge a resolved incident (reopen it first)',
  },
  resolve: { resolved: 'the incident is already resolved' },
  reopen: {
    triggered: 'only a resolved incident can be reopened',
    acknowledged: 'only a resolved incident can be reopened',
  },
};

/**
 * transition applies `action` at `now`: acknowledge (triggered only) stamps acknowledgedMs;
 * resolve (triggered or acknowledged) stamps resolvedMs; reopen (resolved only) starts a new
 * episode: status triggered, openedMs = now, acknowledgement and resolution cleared. Anything
 * else is INVALID_TRANSITION with a one-line reason.
 * Example: transition({ status: 'resolved', … }, 'acknowledge', t) → INVALID_TRANSITION.
 */
export function transition(
  state: LifecycleState,
  action: LifecycleAction,
  now: number,
): Result<LifecycleState, IncidentError> {
  const to = NEXT[action][state.status];
  if (to === undefined) {
    return {
      ok: false,
      error: {
        code: 'INVALID_TRANSITION',
        message: WHY[action][state.status] ?? `cannot ${action} a ${state.status} incident`,
      },
    };
  }
  switch (action) {
    case 'acknowledge':
      return ok({ ...state, status: to, acknowledgedMs: now });
    case 'resolve':
      return ok({ ...state, status: to, resolvedMs: now });
    case 'reopen':
      return ok({ status: to, openedMs: now, acknowledgedMs: null, resolvedMs: null });
  }
}
