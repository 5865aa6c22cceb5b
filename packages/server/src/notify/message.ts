// What a notification says about its monitor: the job carries the alert, the stored monitor adds
// its name, severity, model, type and description (the monitor may be gone by delivery time).
import type { MonitorDefinition } from '@vigil/contracts';
import type { NotificationMessage, Severity } from '@vigil/engine';
import type { NotifyJobPayload } from './worker.js';

const SEVERITIES: ReadonlySet<string> = new Set(['info', 'warning', 'critical']);

/**
 * notificationMessage joins a notify job's alert with its monitor's context. Without the monitor
 * (deleted since), the name is the alert's monitorId and the severity its `severity` label
 * (default warning). The threshold is the monitor's fixed numeric `threshold`, else null.
 */
export function notificationMessage(
  payload: NotifyJobPayload,
  def: MonitorDefinition | null,
): NotificationMessage {
  const a = payload.notification;
  const label = a.labels.severity ?? '';
  const severity: Severity =
    def?.spec.alert.severity ?? (SEVERITIES.has(label) ? (label as Severity) : 'warning');
  const threshold = (def?.spec as { threshold?: unknown } | undefined)?.threshold;
  const summary = payload.summary ?? `${def?.metadata.name ?? a.monitorId} is ${a.kind}`;
  return {
    alert: a,
    context: {
      monitorName: def?.metadata.name ?? a.monitorId,
      severity,
      summary,
      threshold: typeof threshold === 'number' ? threshold : null,
      ...(def?.metadata.description === undefined ? {} : { description: def.metadata.description }),
      ...(def === null ? {} : { model: def.spec.model, monitorType: def.spec.type }),
    },
  };
}
