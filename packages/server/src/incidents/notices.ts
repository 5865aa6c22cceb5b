// Incident notices: who hears about an incident and how. The channels are the model's incident
// policy `notifyChannels`, else the channels of the monitors whose alerts are attached to the
// incident. A notice is a `notify` job for the notifier (retries, delivery log and silences as for
// alerts: silences match its labels model, severity and incident). Each notice is recorded on the
// timeline (kind `incident.notify`, with the severity announced), which is how the worker knows an
// incident was announced and at what severity.
import type { MonitorDefinition } from '@vigil/contracts';
import { type IncidentNoticeInput, type IncidentSeverity, incidentNotice } from '@vigil/engine';
import type { IncidentEvent, Store, StoredIncident } from '@vigil/store';
import { NOTIFY_JOB_KIND, type NotifyJobPayload } from '../notify/worker.js';

/** NOTICE_EVENT_KIND is the timeline kind of an incident notice (opened, severity raised). */
export const NOTICE_EVENT_KIND = 'incident.notify';

/**
 * noticeChannels lists the channels of an incident's notices: the policy's list when set, else
 * the union of the alert channels of the monitors whose alerts are attached (sorted).
 */
export async function noticeChannels(
  store: Store,
  projectId: string,
  inc: StoredIncident,
  defs: ReadonlyMap<string, MonitorDefinition>,
): Promise<string[]> {
  const policy = await store.incidents.getPolicy(projectId, inc.model);
  if (policy.notifyChannels !== null) return [...policy.notifyChannels];
  const names = new Set<string>();
  for (const a of await store.incidents.listAlerts(projectId, inc.id)) {
    for (const c of defs.get(a.monitor)?.spec.alert.channels ?? []) names.add(c);
  }
  return [...names].sort();
}

/** enqueueNotice queues one notice for `channels` (none: nothing to send). */
export async function enqueueNotice(
  store: Store,
  projectId: string,
  notice: IncidentNoticeInput,
  channels: readonly string[],
): Promise<void> {
  if (channels.length === 0) return;
  const m = incidentNotice(notice);
  const payload: NotifyJobPayload = {
    notification: m.alert,
    channels,
    summary: m.context.summary,
    context: m.context,
  };
  await store.enqueueJob(projectId, { kind: NOTIFY_JOB_KIND, payload, runAtMs: notice.at });
}

/**
 * announcedSeverity is the most urgent severity an incident's notices announced, or null when
 * none was sent yet (the incident has not been announced).
 */
export function announcedSeverity(timeline: readonly IncidentEvent[]): IncidentSeverity | null {
  let best: IncidentSeverity | null = null;
  for (const e of timeline) {
    if (e.kind !== NOTICE_EVENT_KIND) continue;
    const s = e.details.severity;
    if (s !== 'P0' && s !== 'P1' && s !== 'P2' && s !== 'P3') continue;
    if (best === null || s < best) best = s;
  }
  return best;
}
