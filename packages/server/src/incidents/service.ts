// The incident operations behind the API, the CLI and the worker: lifecycle moves validated by
// the engine, severity overrides and assignment (containment is in contain.ts, postmortems and
// statistics in report.ts). A refused operation throws an AppError (4xx) before anything is written.
import { type IncidentSeverity, type LifecycleAction, transition } from '@vigil/engine';
import type { IncidentPatch, Store, StoredIncident } from '@vigil/store';
import { AppError } from '../errors.js';
import { refreshDraft } from './report.js';

/** requireIncident reads an incident of the project or throws NOT_FOUND. */
export async function requireIncident(
  store: Store,
  projectId: string,
  id: string,
): Promise<StoredIncident> {
  const inc = await store.incidents.get(projectId, id);
  if (inc === null) throw new AppError({ code: 'NOT_FOUND', message: `no incident "${id}"` });
  return inc;
}

const PAST: Readonly<Record<LifecycleAction, string>> = {
  acknowledge: 'acknowledged',
  resolve: 'resolved',
  reopen: 'reopened',
};

/**
 * moveIncident applies a lifecycle action: the engine validates it (acknowledging a resolved
 * incident is CONFLICT), the store applies it only if the status did not change meanwhile.
 * Resolving writes a postmortem draft unless a person already edited one.
 */
export async function moveIncident(
  store: Store,
  projectId: string,
  id: string,
  action: LifecycleAction,
  options: { actor: string; now: number; note?: string },
): Promise<StoredIncident> {
  const inc = await requireIncident(store, projectId, id);
  const next = transition(inc, action, options.now);
  if (!next.ok) throw new AppError({ code: 'CONFLICT', message: next.error.message });
  const patch: IncidentPatch = {
    status: next.value.status,
    openedMs: next.value.openedMs,
    acknowledgedMs: next.value.acknowledgedMs,
    resolvedMs: next.value.resolvedMs,
    ...(action === 'reopen' ? { reopenCount: inc.reopenCount + 1, escalationLevel: 0 } : {}),
  };
  const note = options.note === undefined || options.note === '' ? '' : `: ${options.note}`;
  const updated = await store.incidents.update(
    projectId,
    id,
    patch,
    { actor: options.actor, kind: `incident.${action}`, message: `${PAST[action]}${note}` },
    { expectStatus: inc.status },
  );
  if (action === 'resolve') await refreshDraft(store, projectId, updated);
  return updated;
}

/** setSeverityOverride pins the severity (null clears the override and shows the assessed one). */
export async function setSeverityOverride(
  store: Store,
  projectId: string,
  id: string,
  severity: IncidentSeverity | null,
  options: { actor: string; reason?: string },
): Promise<StoredIncident> {
  const inc = await requireIncident(store, projectId, id);
  const why = options.reason ? ` (${options.reason})` : '';
  const message =
    severity === null
      ? `severity override cleared: back to assessed ${inc.assessedSeverity}${why}`
      : `severity set to ${severity} by hand (was ${inc.severity})${why}`;
  return store.incidents.update(
    projectId,
    id,
    { severityOverride: severity },
    {
      actor: options.actor,
      kind: 'incident.severity',
      message,
      details: { from: inc.severity, override: severity },
    },
  );
}

/** assignIncident sets (or with null clears) the assignee. */
export async function assignIncident(
  store: Store,
  projectId: string,
  id: string,
  assignee: string | null,
  actor: string,
): Promise<StoredIncident> {
  const inc = await requireIncident(store, projectId, id);
  return store.incidents.update(
    projectId,
    id,
    { assignee },
    {
      actor,
      kind: 'incident.assign',
      message: assignee === null ? 'unassigned' : `assigned to ${assignee}`,
      details: { from: inc.assignee, to: assignee },
    },
  );
}
