// The alert state machine: one pure function from (state, evaluation, now, config) to the next
// state and the notifications to send. The runtime stores the state and delivers the messages.
import { conditionHolds } from '../condition.js';
import { alertLabels, fingerprint } from './fingerprint.js';
import { activeSilences } from './silence.js';
import type {
  AlertConfig,
  AlertInput,
  AlertNotification,
  AlertState,
  AlertStatus,
  StepResult,
} from './types.js';

/**
 * INITIAL_ALERT_STATE is the state of an alert that was never evaluated (UNKNOWN, all times null).
 */
export const INITIAL_ALERT_STATE: AlertState = {
  status: 'UNKNOWN',
  since: null,
  activeAt: null,
  firingAt: null,
  cleanSince: null,
  lastNotifiedAt: null,
  resolvedAt: null,
  lastEvaluatedAt: null,
  lastValue: null,
  lastEvaluation: null,
  pausedFrom: null,
};

interface Ctx {
  readonly now: number;
  readonly config: AlertConfig;
  readonly input: AlertInput;
}

function moveTo(s: AlertState, status: AlertStatus, now: number): AlertState {
  return s.status === status ? s : { ...s, status, since: now };
}

function notification(
  s: AlertState,
  kind: AlertNotification['kind'],
  ctx: Ctx,
  endsAt: number | null,
): AlertNotification {
  const { monitorId, labels } = ctx.config;
  return {
    kind,
    fingerprint: fingerprint(monitorId, labels),
    monitorId,
    labels: alertLabels(monitorId, labels),
    startsAt: s.firingAt ?? ctx.now,
    endsAt,
    at: ctx.now,
    value: ctx.input.value,
  };
}

/** While FIRING: send the first notification, or repeat it every renotifyEveryMs, unless silenced. */
function notifyFiring(s: AlertState, ctx: Ctx): StepResult {
  const { now, config } = ctx;
  const due =
    s.lastNotifiedAt === null ||
    (config.renotifyEveryMs > 0 && now - s.lastNotifiedAt >= config.renotifyEveryMs);
  if (!due) return { state: s, notifications: [], silencedBy: [] };
  const silencedBy = activeSilences(
    config.silences ?? [],
    alertLabels(config.monitorId, config.labels),
    now,
  );
  // A muted notification stays due, so it goes out as soon as the silence ends.
  if (silencedBy.length > 0) return { state: s, notifications: [], silencedBy };
  const kind = s.lastNotifiedAt === null ? 'firing' : 'renotify';
  return {
    state: { ...s, lastNotifiedAt: now },
    notifications: [notification(s, kind, ctx, null)],
    silencedBy: [],
  };
}

function fire(s: AlertState, ctx: Ctx): StepResult {
  const firing: AlertState = {
    ...moveTo(s, 'FIRING', ctx.now),
    activeAt: s.activeAt ?? ctx.now,
    firingAt: ctx.now,
    cleanSince: null,
    lastNotifiedAt: null,
  };
  return notifyFiring(firing, ctx);
}

/** A breach from a non-firing state: start the hold, or fire at once when `for` is 0. */
function breach(s: AlertState, ctx: Ctx): StepResult {
  const activeAt = s.status === 'PENDING' && s.activeAt !== null ? s.activeAt : ctx.now;
  if (ctx.now - activeAt >= ctx.config.forMs) return fire({ ...s, activeAt }, ctx);
  return {
    state: { ...moveTo(s, 'PENDING', ctx.now), activeAt },
    notifications: [],
    silencedBy: [],
  };
}

/** Leave any episode (PENDING or idle) for an idle status: OK or NO_DATA. */
function idle(s: AlertState, status: 'OK' | 'NO_DATA', now: number): StepResult {
  const next: AlertState = { ...moveTo(s, status, now), activeAt: null, cleanSince: null };
  return { state: next, notifications: [], silencedBy: [] };
}

function resolve(s: AlertState, ctx: Ctx): StepResult {
  const { now } = ctx;
  // Receivers that were told "firing" are always told "resolved", even under a silence, so no
  // incident is left open downstream; an episode that never notified resolves quietly.
  const notifications = s.lastNotifiedAt === null ? [] : [notification(s, 'resolved', ctx, now)];
  const next: AlertState = {
    ...moveTo(s, 'RESOLVED', now),
    activeAt: null,
    cleanSince: null,
    lastNotifiedAt: null,
    resolvedAt: now,
  };
  return { state: next, notifications, silencedBy: [] };
}

function stepFiring(s: AlertState, ctx: Ctx): StepResult {
  const { input, config, now } = ctx;
  if (input.status === 'BREACH') return notifyFiring({ ...s, cleanSince: null }, ctx);
  // NO_DATA is no evidence that the problem is gone: keep firing, and restart the resolve count
  // so keepFiringFor needs an unbroken run of clean evaluations.
  if (input.status === 'NO_DATA') return notifyFiring({ ...s, cleanSince: null }, ctx);
  const resolveMet =
    config.resolveWhen === undefined ||
    (input.value !== null && conditionHolds(config.resolveWhen, input.value));
  // In the hysteresis band (not breaching, resolve condition not met) the alert keeps firing.
  if (!resolveMet) return notifyFiring({ ...s, cleanSince: null }, ctx);
  const cleanSince = s.cleanSince ?? now;
  if (now - cleanSince >= config.keepFiringForMs) return resolve(s, ctx);
  return notifyFiring({ ...s, cleanSince }, ctx);
}

/**
 * step applies one evaluation at `now` to an alert and returns the next state and the
 * notifications to send. Pure: same arguments, same result; `state` is not mutated.
 *
 * Transitions (B = BREACH, C = OK with the resolve condition met, K = OK with `resolveWhen` not
 * met, N = NO_DATA, E = ERROR):
 * - UNKNOWN, OK, RESOLVED, NO_DATA: B → PENDING (FIRING at once when forMs = 0); C, K → OK;
 *   N → NO_DATA.
 * - PENDING: B → FIRING once now − activeAt >= forMs, else PENDING; C, K → OK; N → NO_DATA (the
 *   hold restarts: too little data never raises an alert).
 * - FIRING: B, K, N → FIRING (N keeps the last state: missing data is no evidence of recovery);
 *   C → RESOLVED once the resolve condition has held keepFiringForMs over an unbroken run of C
 *   (B, K and N restart the run), else FIRING.
 * - PAUSED: ignores every evaluation (a user's pause is not overwritten by the worker).
 * - E (the evaluation failed) only records the evaluation; the status is unchanged.
 * An evaluation older than the last one applied (now < lastEvaluatedAt) is ignored.
 *
 * Notifications: 'firing' on entering FIRING, 'renotify' every renotifyEveryMs while FIRING
 * (never when 0), 'resolved' on FIRING → RESOLVED if a firing notification went out. An active
 * matching silence mutes firing/renotify (the notification stays due and is sent when the silence
 * ends); it never mutes 'resolved' of an episode receivers were told about.
 * Example: forMs 5 min, breaches at t0 and t0 + 5 min → PENDING, then FIRING with one 'firing'.
 */
export function step(
  state: AlertState,
  input: AlertInput,
  now: number,
  config: AlertConfig,
): StepResult {
  const unchanged: StepResult = { state, notifications: [], silencedBy: [] };
  if (state.status === 'PAUSED') return unchanged;
  if (state.lastEvaluatedAt !== null && now < state.lastEvaluatedAt) return unchanged;
  const s: AlertState = {
    ...state,
    lastEvaluatedAt: now,
    lastValue: input.value,
    lastEvaluation: input.status,
  };
  if (input.status === 'ERROR') return { state: s, notifications: [], silencedBy: [] };
  const ctx: Ctx = { now, config, input };
  switch (s.status) {
    case 'PAUSED':
      return unchanged; // unreachable: handled above, listed for exhaustiveness
    case 'FIRING':
      return stepFiring(s, ctx);
    case 'PENDING':
    case 'UNKNOWN':
    case 'OK':
    case 'RESOLVED':
    case 'NO_DATA':
      if (input.status === 'BREACH') return breach(s, ctx);
      return idle(s, input.status === 'NO_DATA' ? 'NO_DATA' : 'OK', now);
  }
}

/**
 * pauseAlert puts an alert in PAUSED, remembering its status; pausing a paused alert changes
 * nothing. Nothing is sent: a firing episode resumes where it was. Example: FIRING → PAUSED.
 */
export function pauseAlert(state: AlertState, now: number): AlertState {
  if (state.status === 'PAUSED') return state;
  return { ...state, status: 'PAUSED', since: now, pausedFrom: state.status };
}

/**
 * resumeAlert returns a PAUSED alert to the status it had when paused (UNKNOWN if none was
 * recorded); the next evaluation continues from there. Other states are returned unchanged.
 * Example: PAUSED (from FIRING) → FIRING; the next clean evaluation resolves it.
 */
export function resumeAlert(state: AlertState, now: number): AlertState {
  if (state.status !== 'PAUSED') return state;
  return { ...state, status: state.pausedFrom ?? 'UNKNOWN', since: now, pausedFrom: null };
}
