// What every notification builder reads: the state machine's notification plus the monitor's
// context (names, severity, links). Builders are pure: same input, same bytes.
import type { AlertNotification } from '../alerting/types.js';

/** Severity is a monitor's alert severity (contracts: info, warning, critical). */
export type Severity = 'info' | 'warning' | 'critical';

/** NotificationContext is what a message says about the monitor besides the alert itself. */
export interface NotificationContext {
  /** Monitor name as shown to people (metadata.name). */
  readonly monitorName: string;
  readonly severity: Severity;
  /** One line: what breached (MonitorEvaluation.message). */
  readonly summary: string;
  readonly description?: string;
  readonly model?: string;
  readonly monitorType?: string;
  /** Threshold of the headline value, if any. */
  readonly threshold: number | null;
  /** Link to the monitor in Vigil (Alertmanager's generatorURL, PagerDuty's client_url). */
  readonly url?: string;
  /** Set when the message is an incident notice (opened, severity raised, escalation). */
  readonly incident?: IncidentNoticeContext;
}

/** IncidentNoticeContext is what an incident notice says about its incident. */
export interface IncidentNoticeContext {
  readonly id: string;
  readonly event: 'opened' | 'severity_raised' | 'escalation';
  /** P0-P3. */
  readonly severity: string;
  readonly previousSeverity?: string;
  readonly status: string;
  readonly title: string;
  /** How long it has been unacknowledged at the notice (ms); null once acknowledged. */
  readonly unacknowledgedMs: number | null;
  /** The response target: '15 min', '1 h', '4 h' or 'next business day'. */
  readonly responseTarget: string;
  /** When the first response target falls (epoch ms). */
  readonly responseDueMs: number;
  /** The escalation level (escalation notices), else null. */
  readonly level: number | null;
  /** The incident's API path, `/v1/incidents/<id>`. */
  readonly path: string;
}

/** NotificationMessage is one notification with its context: the input of every builder. */
export interface NotificationMessage {
  readonly alert: AlertNotification;
  readonly context: NotificationContext;
}
