// Incident notices: what people receive when an incident opens, when its severity rises and when
// its response target is missed (escalation). Built as a NotificationMessage, so every channel
// payload builder (webhook, Slack, Alertmanager, PagerDuty, e-mail) sends it unchanged.
import type { IncidentNoticeContext, NotificationMessage, Severity } from '../notify/types.js';
import { formatDuration } from './postmortem.js';
import { RESPONSE_TARGET_MS, responseDueAt } from './targets.js';
import type { IncidentSeverity, IncidentStatus } from './types.js';

/** IncidentNoticeEvent is why a notice goes out. */
export type IncidentNoticeEvent = 'opened' | 'severity_raised' | 'escalation';

/** IncidentNoticeInput is the incident as the notice describes it, at `at`. */
export interface IncidentNoticeInput {
  readonly event: IncidentNoticeEvent;
  readonly id: string;
  readonly title: string;
  readonly model: string;
  readonly severity: IncidentSeverity;
  /** The severity announced before (severity_raised only). */
  readonly previousSeverity?: IncidentSeverity;
  readonly status: IncidentStatus;
  /** When the current episode opened (epoch ms). */
  readonly openedMs: number;
  /** When the notice is made (epoch ms). */
  readonly at: number;
  /** The escalation level (escalation only). */
  readonly level?: number;
}

/** INCIDENT_NOTICE_SEVERITY maps an incident severity to the channels' alert severity. */
export const INCIDENT_NOTICE_SEVERITY: Readonly<Record<IncidentSeverity, Severity>> = {
  P0: 'critical',
  P1: 'critical',
  P2: 'warning',
  P3: 'info',
};

/** incidentPath is the API path of an incident. Example: incidentPath('i-1') → '/v1/incidents/i-1'. */
export function incidentPath(id: string): string {
  return `/v1/incidents/${encodeURIComponent(id)}`;
}

/** incidentFingerprint is the notices' dedup key (one per incident, e.g. PagerDuty's dedup_key). */
export function incidentFingerprint(id: string): string {
  return `incident:${id}`;
}

/**
 * responseTargetText names a severity's response target: '15 min', '1 h', '4 h', or 'next
 * business day' for P3.
 */
export function responseTargetText(severity: IncidentSeverity): string {
  return severity === 'P3' ? 'next business day' : formatDuration(RESPONSE_TARGET_MS[severity]);
}

/**
 * incidentNotice builds the notification of an incident event. Labels (what silences match):
 * model, severity (P0-P3) and incident (the id). The summary names the incident, its severity, how
 * long it has been unacknowledged, the target and (escalation) the level, and ends with the link
 * path. Example: P1 'drift on m' opened at 0, escalation level 1 at 1 h →
 * 'P1 incident "drift on m" (model m) unacknowledged for 1 h: response target 1 h missed,
 * escalation level 1. /v1/incidents/<id>'.
 */
export function incidentNotice(n: IncidentNoticeInput): NotificationMessage {
  const path = incidentPath(n.id);
  const unacknowledgedMs = n.status === 'triggered' ? Math.max(0, n.at - n.openedMs) : null;
  const target = responseTargetText(n.severity);
  const due = responseDueAt(n.severity, n.openedMs);
  const name = `${n.severity} incident "${n.title}" (model ${n.model})`;
  const waited =
    unacknowledgedMs === null
      ? `${n.status}`
      : `unacknowledged for ${unacknowledgedMs < 60_000 ? '0 min' : formatDuration(unacknowledgedMs)}`;
  let what: string;
  switch (n.event) {
    case 'opened':
      what = `${name} opened: acknowledge within ${target}`;
      break;
    case 'severity_raised':
      what = `${name} raised from ${n.previousSeverity ?? 'n/a'} to ${n.severity}, ${waited}: response target ${target}`;
      break;
    case 'escalation':
      what = `${name} ${waited}: response target ${target} missed, escalation level ${n.level ?? 1}`;
      break;
  }
  const incident: IncidentNoticeContext = {
    id: n.id,
    event: n.event,
    severity: n.severity,
    ...(n.previousSeverity === undefined ? {} : { previousSeverity: n.previousSeverity }),
    status: n.status,
    title: n.title,
    unacknowledgedMs,
    responseTarget: target,
    responseDueMs: due,
    level: n.event === 'escalation' ? (n.level ?? 1) : null,
    path,
  };
  return {
    alert: {
      kind: n.event === 'opened' ? 'firing' : 'renotify',
      fingerprint: incidentFingerprint(n.id),
      monitorId: incidentFingerprint(n.id),
      labels: { model: n.model, severity: n.severity, incident: n.id },
      startsAt: n.openedMs,
      endsAt: null,
      at: n.at,
      value: null,
    },
    context: {
      monitorName: `incident ${n.id}`,
      severity: INCIDENT_NOTICE_SEVERITY[n.severity],
      summary: `${what}. ${path}`,
      model: n.model,
      monitorType: 'incident',
      threshold: null,
      url: path,
      incident,
    },
  };
}
