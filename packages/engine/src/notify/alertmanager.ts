// Alertmanager API v2 (`POST /api/v2/alerts`) body: a list of postable alerts.
import { formatValue, isoTime } from './format.js';
import type { NotificationMessage } from './types.js';

/** AlertmanagerAlert is one postable alert of the Alertmanager v2 API. */
export interface AlertmanagerAlert {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly generatorURL?: string;
}

/** AlertmanagerOptions sets how long a firing alert stays valid without a refresh. */
export interface AlertmanagerOptions {
  /** The monitor's evaluation interval; default 1 min. */
  readonly evaluationIntervalMs?: number;
}

const MIN_RESEND_MS = 60_000;

/**
 * alertmanagerAlerts builds the `POST /api/v2/alerts` body for one notification. Labels: the
 * alert's labels plus alertname = monitor name and severity. Annotations: summary, description,
 * value, threshold. A firing alert gets endsAt = at + 4·max(evaluationInterval, 1 min), as
 * Prometheus does, so Alertmanager resolves it on its own if Vigil stops refreshing it; a resolved
 * one gets endsAt = the resolve time. Example: see testdata/alertmanager.golden.json.
 */
export function alertmanagerAlerts(
  m: NotificationMessage,
  options: AlertmanagerOptions = {},
): AlertmanagerAlert[] {
  const { alert: a, context: c } = m;
  const validMs = 4 * Math.max(options.evaluationIntervalMs ?? MIN_RESEND_MS, MIN_RESEND_MS);
  const annotations: Record<string, string> = {
    summary: c.summary,
    value: formatValue(a.value),
    threshold: formatValue(c.threshold),
  };
  if (c.description !== undefined) annotations.description = c.description;
  const alert: AlertmanagerAlert = {
    labels: { ...a.labels, alertname: c.monitorName, severity: c.severity },
    annotations,
    startsAt: isoTime(a.startsAt),
    endsAt: isoTime(a.endsAt ?? a.at + validMs),
    ...(c.url === undefined ? {} : { generatorURL: c.url }),
  };
  return [alert];
}
