// Raising LLM alerts (budget thresholds, runaway traffic) through the same path as monitors:
// the alert's state goes to the store with upsertAlert and, when it has channels, a `notify` job
// is enqueued for the delivery worker, exactly as the scheduler hands over its notifications.
import { type AlertNotification, fingerprint } from '@vigil/engine';
import type { Store } from '@vigil/store';

/** LlmAlert is one firing LLM alert to record and notify. */
export interface LlmAlert {
  /** The alert's source, e.g. `budget:daily-bot` or `runaway:session`. */
  readonly monitorId: string;
  /** Labels that identify this alert (with the monitorId they make its fingerprint). */
  readonly labels: Readonly<Record<string, string>>;
  readonly severity: 'info' | 'warning' | 'critical';
  readonly summary: string;
  readonly value: number | null;
  readonly channels: readonly string[];
}

/** raiseLlmAlert stores `alert` as firing at `now` and enqueues its notification; returns its fingerprint. */
export async function raiseLlmAlert(
  store: Store,
  projectId: string,
  alert: LlmAlert,
  now: number,
): Promise<string> {
  const labels = { ...alert.labels, project: projectId, severity: alert.severity };
  const fp = fingerprint(alert.monitorId, labels);
  const notify = alert.channels.length > 0;
  await store.upsertAlert(projectId, {
    fingerprint: fp,
    monitor: alert.monitorId,
    state: 'firing',
    severity: alert.severity,
    startedMs: now,
    updatedMs: now,
    resolvedMs: null,
    lastNotifiedMs: notify ? now : null,
    value: alert.value,
    labels: { ...labels, monitor: alert.monitorId },
    summary: alert.summary,
  });
  if (notify) {
    const notification: AlertNotification = {
      kind: 'firing',
      fingerprint: fp,
      monitorId: alert.monitorId,
      labels: { ...labels, monitor: alert.monitorId },
      startsAt: now,
      endsAt: null,
      at: now,
      value: alert.value,
    };
    await store.enqueueJob(projectId, {
      kind: 'notify',
      payload: { notification, channels: alert.channels, summary: alert.summary },
      runAtMs: now,
    });
  }
  return fp;
}
