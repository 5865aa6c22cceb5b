// Reports from incidents: the postmortem draft from an incident's record, and MTTD/MTTA/MTTR.
// the engine, severity overrides, containment (alias rollback to the last known-good version)
// and its undo, postmortem drafts and response statistics. A refused operation throws an
// AppError (4xx) before anything is written.
import {
  draftPostmortem,
  incidentStats,
  type Postmortem,
  type SeverityStats,
  type Triage,
} from '@vigil/engine';
import {
  MAX_QUERY_LIMIT,
  type Store,
  type StoredIncident,
  type StoredPostmortem,
} from '@vigil/store';

import { type StoredDiagnosis, type StoredImpact, SYSTEM_ACTOR } from './records.js';

/** buildPostmortem drafts the incident's postmortem from its stored record (engine draftPostmortem). */
export async function buildPostmortem(
  store: Store,
  projectId: string,
  inc: StoredIncident,
): Promise<Postmortem> {
  const [alerts, timeline, actions] = await Promise.all([
    store.incidents.listAlerts(projectId, inc.id),
    store.incidents.timeline(projectId, inc.id),
    store.incidents.listActions(projectId, inc.id),
  ]);
  const diagnosis = inc.diagnosis as StoredDiagnosis | null;
  const impact = inc.impact as StoredImpact | null;
  return draftPostmortem({
    incident: {
      id: inc.id,
      title: inc.title,
      model: inc.model,
      failureMode: inc.failureMode as 'data',
      severity: inc.severity,
      severityReason: inc.severityReason,
      status: inc.status,
      assignee: inc.assignee,
      openedMs: inc.createdMs,
      firstAlertMs: inc.firstAlertMs,
      acknowledgedMs: inc.acknowledgedMs,
      resolvedMs: inc.resolvedMs,
    },
    impact: {
      wrongShare: impact?.wrongShare ?? null,
      performanceDrop: impact?.performanceDrop ?? null,
      labelledRows: impact?.labelledRows ?? 0,
    },
    triage: (inc.triage as Triage | null) ?? null,
    onset:
      diagnosis?.onset ??
      (inc.onsetMs === null
        ? null
        : {
            onsetMs: inc.onsetMs,
            kind: 'unknown',
            endMs: inc.onsetMs,
            before: null,
            after: null,
            confidence: 0,
            method: 'first-breach',
          }),
    driftedFeatures: diagnosis?.driftedFeatures ?? [],
    segments: diagnosis?.segments ?? [],
    alerts: alerts.map((a) => ({ monitor: a.monitor, attachedMs: a.attachedMs })),
    timeline: timeline.map((e) => ({ timeMs: e.timeMs, actor: e.actor, message: e.message })),
    actions: actions.map((a) => ({
      timeMs: a.timeMs,
      actor: a.actor,
      kind: a.kind,
      target: a.target,
      from: a.from,
      to: a.to,
      undoneMs: a.undoneMs,
    })),
  });
}

/** refreshDraft stores a fresh draft unless a person edited the postmortem. */
export async function refreshDraft(
  store: Store,
  projectId: string,
  inc: StoredIncident,
): Promise<StoredPostmortem | null> {
  const cur = await store.incidents.getPostmortem(projectId, inc.id);
  if (cur?.edited === true) return cur;
  const draft = await buildPostmortem(store, projectId, inc);
  if (cur?.markdown === draft.markdown) return cur;
  return store.incidents.putPostmortem(projectId, inc.id, draft.markdown, {
    actor: SYSTEM_ACTOR,
    edited: false,
  });
}

/** projectStats computes MTTD/MTTA/MTTR per severity over the project's incidents. */
export async function projectStats(
  store: Store,
  projectId: string,
  range?: { fromMs: number; toMs: number },
): Promise<SeverityStats[]> {
  const incidents = await store.incidents.list(projectId, {
    limit: MAX_QUERY_LIMIT,
    ...(range === undefined ? {} : { range }),
  });
  return incidentStats(
    incidents.map((i) => ({
      severity: i.severity,
      onsetMs: i.onsetMs,
      firstAlertMs: i.firstAlertMs,
      acknowledgedMs: i.acknowledgedMs,
      resolvedMs: i.resolvedMs,
    })),
  );
}
