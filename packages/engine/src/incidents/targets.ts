// Response-time targets per severity (DESIGN.md: 15 min, 1 h, 4 h, next business day) and the
// escalation notices due when an incident stays unacknowledged past its target.
import type { IncidentSeverity } from './types.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** RESPONSE_TARGET_MS is the time to acknowledge per severity; P3's is computed (next business day). */
export const RESPONSE_TARGET_MS: Readonly<Record<Exclude<IncidentSeverity, 'P3'>, number>> = {
  P0: 15 * MINUTE,
  P1: HOUR,
  P2: 4 * HOUR,
};

/**
 * nextBusinessDayEnd returns the end (24:00 UTC) of the first Monday-Friday day after the day
 * holding `ms`. Business days are read in UTC: a server has no one office time zone.
 * Example: Friday 2024-01-05 10:00Z → Monday 2024-01-08 24:00Z (= 2024-01-09T00:00Z).
 */
export function nextBusinessDayEnd(ms: number): number {
  let day = Math.floor(ms / DAY) * DAY + DAY;
  // getUTCDay: 0 Sunday … 6 Saturday.
  while ([0, 6].includes(new Date(day).getUTCDay())) day += DAY;
  return day + DAY;
}

/**
 * responseDueAt is when an incident of `severity` whose episode began at `openedMs` must be
 * acknowledged: openedMs + 15 min / 1 h / 4 h for P0-P2, the end of the next business day for P3.
 */
export function responseDueAt(severity: IncidentSeverity, openedMs: number): number {
  return severity === 'P3' ? nextBusinessDayEnd(openedMs) : openedMs + RESPONSE_TARGET_MS[severity];
}

/** EscalationNotice is one missed response target to announce. */
export interface EscalationNotice {
  /** 1 for the first miss; each further target interval without acknowledgement adds one. */
  readonly level: number;
  /** When this level fell due (epoch ms). */
  readonly dueMs: number;
  readonly message: string;
}

/** MAX_ESCALATION_LEVEL caps repeated notices for one episode. */
export const MAX_ESCALATION_LEVEL = 3;

/**
 * escalationsDue lists the notices due at `now` and not yet sent (levels above `sentLevel`) for an
 * unacknowledged incident: level 1 at the response target, level k at target + (k-1) x the
 * target interval (P3: one more business day each), up to MAX_ESCALATION_LEVEL. An acknowledged
 * or resolved incident escalates no further.
 * Example: P1 opened at 0, now 2 h 10 min, sentLevel 0 → levels 1 (due 1 h) and 2 (due 2 h).
 */
export function escalationsDue(
  incident: {
    readonly severity: IncidentSeverity;
    readonly status: 'triggered' | 'acknowledged' | 'resolved';
    readonly openedMs: number;
  },
  sentLevel: number,
  now: number,
): EscalationNotice[] {
  if (incident.status !== 'triggered') return [];
  const out: EscalationNotice[] = [];
  let due = responseDueAt(incident.severity, incident.openedMs);
  for (let level = 1; level <= MAX_ESCALATION_LEVEL && due <= now; level++) {
    if (level > sentLevel) {
      const late = Math.round((now - incident.openedMs) / MINUTE);
      out.push({
        level,
        dueMs: due,
        message: `${incident.severity} unacknowledged after ${late} min (response target missed, escalation level ${level})`,
      });
    }
    due =
      incident.severity === 'P3'
        ? nextBusinessDayEnd(due - 1)
        : due + RESPONSE_TARGET_MS[incident.severity];
  }
  return out;
}
