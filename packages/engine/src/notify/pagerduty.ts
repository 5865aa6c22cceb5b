// PagerDuty Events API v2 (`POST /v2/enqueue`) body, sent to a configurable URL.
import { formatValue, headline, isoTime } from './format.js';
import type { NotificationMessage } from './types.js';

/** PagerDutyAction is an Events v2 event_action. */
export type PagerDutyAction = 'trigger' | 'acknowledge' | 'resolve';

/** PagerDutyEvent is an Events v2 body; `payload` is only sent with trigger. */
export interface PagerDutyEvent {
  readonly routing_key: string;
  readonly event_action: PagerDutyAction;
  readonly dedup_key: string;
  readonly payload?: {
    readonly summary: string;
    readonly source: string;
    readonly severity: 'critical' | 'error' | 'warning' | 'info';
    readonly timestamp: string;
    readonly component?: string;
    readonly group?: string;
    readonly class?: string;
    readonly custom_details: Readonly<Record<string, unknown>>;
  };
  readonly client?: string;
  readonly client_url?: string;
  readonly links?: ReadonlyArray<{ readonly href: string; readonly text: string }>;
}

/** PagerDutyOptions carries the integration's routing key and an optional forced action. */
export interface PagerDutyOptions {
  readonly routingKey: string;
  /** Override the action (e.g. 'acknowledge' from the UI); default from the notification kind. */
  readonly action?: PagerDutyAction;
  /** payload.source; default 'vigil'. */
  readonly source?: string;
}

// PagerDuty rejects summaries longer than 1024 characters.
const MAX_SUMMARY = 1024;

/**
 * pagerDutyEvent builds an Events v2 body: firing and renotify → trigger (PagerDuty dedups on
 * dedup_key = the alert fingerprint, so a renotify updates the same incident), resolved → resolve.
 * acknowledge/resolve carry no payload, as the API requires. Example: see
 * testdata/pagerduty-trigger.golden.json.
 */
export function pagerDutyEvent(m: NotificationMessage, options: PagerDutyOptions): PagerDutyEvent {
  const { alert: a, context: c } = m;
  const action = options.action ?? (a.kind === 'resolved' ? 'resolve' : 'trigger');
  const base = { routing_key: options.routingKey, event_action: action, dedup_key: a.fingerprint };
  if (action !== 'trigger') return base;
  const summary = headline(m);
  return {
    ...base,
    payload: {
      summary: summary.length > MAX_SUMMARY ? `${summary.slice(0, MAX_SUMMARY - 1)}…` : summary,
      source: options.source ?? 'vigil',
      severity: c.severity,
      timestamp: isoTime(a.at),
      ...(c.model === undefined ? {} : { component: c.model }),
      group: c.monitorName,
      ...(c.monitorType === undefined ? {} : { class: c.monitorType }),
      custom_details: {
        summary: c.summary,
        value: formatValue(a.value),
        threshold: formatValue(c.threshold),
        labels: a.labels,
        startsAt: isoTime(a.startsAt),
      },
    },
    client: 'Vigil',
    ...(c.url === undefined
      ? {}
      : { client_url: c.url, links: [{ href: c.url, text: 'Open in Vigil' }] }),
  };
}
