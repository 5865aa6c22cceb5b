// Shapes of the alert state machine. Every instant is epoch milliseconds, every duration is
// milliseconds; nothing here reads the clock.
import type { Condition } from '@vigil/contracts';

/**
 * ALERT_STATES lists the states of one alert (one monitor × one label set), in the order of
 * STYLE.md §6 plus the RESOLVED:
 * - UNKNOWN: never evaluated (the initial state);
 * - OK: last evaluation clean;
 * - PENDING: breaching, but not yet for the `for` hold duration;
 * - FIRING: breaching for at least `for`; notifications go out;
 * - RESOLVED: was FIRING and the resolve condition held for `keepFiringFor`; becomes OK on the
 *   next clean evaluation, so "resolved" is visible for one evaluation interval;
 * - NO_DATA: the window held too little data to judge (never raises an alert);
 * - PAUSED: set by a user; evaluations are ignored until resumed.
 */
export const ALERT_STATES = [
  'UNKNOWN',
  'OK',
  'PENDING',
  'FIRING',
  'RESOLVED',
  'NO_DATA',
  'PAUSED',
] as const;

/** AlertStatus is one of ALERT_STATES. */
export type AlertStatus = (typeof ALERT_STATES)[number];

/** EVALUATION_STATUSES lists what one monitor evaluation can conclude. */
export const EVALUATION_STATUSES = ['OK', 'BREACH', 'NO_DATA', 'ERROR'] as const;

/**
 * EvaluationStatus is the outcome of one evaluation: OK (no breach), BREACH, NO_DATA (minimum
 * sample size not met) or ERROR (the evaluation could not be computed, e.g. incompatible profiles).
 */
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

/** AlertInput is what the state machine needs from one evaluation. */
export interface AlertInput {
  readonly status: EvaluationStatus;
  /** The evaluation's headline value, tested against `resolveWhen`; null when there is none. */
  readonly value: number | null;
}

/**
 * AlertState is the persisted state of one alert. The step function never mutates it; it returns
 * a new object. All times are epoch ms, null when not applicable.
 */
export interface AlertState {
  readonly status: AlertStatus;
  /** When the current status was entered. */
  readonly since: number | null;
  /** First breaching evaluation of the current episode (PENDING or FIRING); null otherwise. */
  readonly activeAt: number | null;
  /** When the alert went FIRING (the `startsAt` of notifications); kept on RESOLVED. */
  readonly firingAt: number | null;
  /** First clean evaluation while FIRING (counts towards `keepFiringFor`); null while breaching. */
  readonly cleanSince: number | null;
  /** When a firing/renotify notification was last sent for this episode; null if none was. */
  readonly lastNotifiedAt: number | null;
  /** When the last episode resolved. */
  readonly resolvedAt: number | null;
  /** Time of the last evaluation applied (stale evaluations, older than this, are ignored). */
  readonly lastEvaluatedAt: number | null;
  /** Headline value of the last evaluation. */
  readonly lastValue: number | null;
  /** Status of the last evaluation (an ERROR does not change `status`, it is recorded here). */
  readonly lastEvaluation: EvaluationStatus | null;
  /** The status to return to on resume, while PAUSED. */
  readonly pausedFrom: AlertStatus | null;
}

/** SilenceMatcher matches one label, as an Alertmanager v2 matcher (`=`, `!=`, `=~`, `!~`). */
export interface SilenceMatcher {
  readonly name: string;
  readonly value: string;
  /** The value is a regular expression, anchored at both ends as in Alertmanager. */
  readonly isRegex: boolean;
  /** true: the label must match; false: it must not. Default true. */
  readonly isEqual?: boolean;
}

/** Silence mutes the notifications of matching alerts from startsAt (inclusive) to endsAt (exclusive). */
export interface Silence {
  readonly id: string;
  readonly matchers: readonly SilenceMatcher[];
  readonly startsAt: number;
  readonly endsAt: number;
  readonly createdBy: string;
  readonly comment: string;
}

/** AlertConfig is everything `step` needs besides the state and the evaluation. */
export interface AlertConfig {
  readonly monitorId: string;
  /** Labels of this alert (model, severity, segment…); `monitor` is added from monitorId. */
  readonly labels: Readonly<Record<string, string>>;
  /** Hold duration: breaching for this long before FIRING (0: fire on the first breach). */
  readonly forMs: number;
  /** Stay FIRING until the resolve condition has held this long (0: resolve at once). */
  readonly keepFiringForMs: number;
  /** Repeat the firing notification this often while FIRING (0: never repeat). */
  readonly renotifyEveryMs: number;
  /** Separate resolve condition on the value (hysteresis); absent: resolve when not breaching. */
  readonly resolveWhen?: Condition;
  /** Silences in force (expired ones are ignored by time). */
  readonly silences?: readonly Silence[];
}

/** NotificationKind says why a notification is sent. */
export type NotificationKind = 'firing' | 'renotify' | 'resolved';

/** AlertNotification is one message for the channels, channel-neutral. */
export interface AlertNotification {
  readonly kind: NotificationKind;
  /** Stable dedup key: fingerprint(monitorId, labels). */
  readonly fingerprint: string;
  readonly monitorId: string;
  /** The alert's labels including `monitor`. */
  readonly labels: Readonly<Record<string, string>>;
  /** When the episode started FIRING. */
  readonly startsAt: number;
  /** When it resolved (kind 'resolved'); null while firing. */
  readonly endsAt: number | null;
  /** The evaluation time that produced this notification. */
  readonly at: number;
  readonly value: number | null;
}

/** StepResult is the next state plus the notifications to send now. */
export interface StepResult {
  readonly state: AlertState;
  readonly notifications: readonly AlertNotification[];
  /** Ids of silences that muted a notification in this step (for the delivery log). */
  readonly silencedBy: readonly string[];
}
