// Containment: roll a model alias back to the last known-good version, revert a prompt label,
// pin an LLM model version, each recorded as a reversible action of the incident; and the undo.
// the engine, severity overrides, containment (alias rollback to the last known-good version)
// and its undo, postmortem drafts and response statistics. A refused operation throws an
// AppError (4xx) before anything is written.
import { lastKnownGood, type ServedInterval } from '@vigil/engine';
import {
  type ContainmentAction,
  MAX_QUERY_LIMIT,
  type Store,
  type StoredIncident,
} from '@vigil/store';
import { AppError } from '../errors.js';
import { lookupsFor } from '../gateway/lookups.js';

import { requireIncident } from './service.js';

/**
 * findKnownGood reads the alias history and the model's incidents and returns the last
 * known-good version behind `alias` (engine lastKnownGood), or null with the reason.
 */
export async function findKnownGood(
  store: Store,
  projectId: string,
  model: string,
  alias: string,
  now: number,
): Promise<{ interval: ServedInterval | null; reason: string }> {
  const history = await store.registry.aliasHistory(projectId, model, {
    alias,
    limit: MAX_QUERY_LIMIT,
  });
  const incidents = await store.incidents.list(projectId, { model, limit: MAX_QUERY_LIMIT });
  const r = lastKnownGood(
    history.map((h) => ({
      timeMs: h.timeMs,
      version: h.toVersion === null ? null : String(h.toVersion),
    })),
    incidents.map((i) => ({ openedMs: i.createdMs })),
    now,
  );
  return r.ok ? { interval: r.value, reason: '' } : { interval: null, reason: r.error.message };
}

/**
 * containIncident rolls the model's policy alias (default `production`) back to `toVersion`, or
 * to the last known-good version. Refused (409, nothing changed) for a resolved incident, a model
 * without that alias, no known-good version, or a target equal to the current version.
 */
export async function containIncident(
  store: Store,
  projectId: string,
  id: string,
  options: { actor: string; now: number; toVersion?: number; reason?: string },
): Promise<ContainmentAction> {
  const inc = await requireOpen(store, projectId, id);
  const policy = await store.incidents.getPolicy(projectId, inc.model);
  const current = await store.registry.getAlias(projectId, inc.model, policy.alias);
  if (current === null) {
    throw new AppError({
      code: 'CONFLICT',
      message: `model "${inc.model}" has no "${policy.alias}" alias to roll back`,
    });
  }
  let target = options.toVersion;
  if (target === undefined) {
    const good = await findKnownGood(store, projectId, inc.model, policy.alias, options.now);
    if (good.interval === null) throw new AppError({ code: 'CONFLICT', message: good.reason });
    target = Number(good.interval.version);
  }
  if (target === current.version) {
    throw new AppError({
      code: 'CONFLICT',
      message: `${inc.model}@${policy.alias} already points at version ${target}`,
    });
  }
  return store.incidents.rollbackAlias(projectId, id, {
    model: inc.model,
    alias: policy.alias,
    toVersion: target,
    expectedFrom: current.version,
    actor: options.actor,
    reason: options.reason ?? `containment of incident ${id}`,
  });
}

async function requireOpen(store: Store, projectId: string, id: string): Promise<StoredIncident> {
  const inc = await requireIncident(store, projectId, id);
  if (inc.status === 'resolved') {
    throw new AppError({
      code: 'CONFLICT',
      message: 'the incident is resolved: reopen it before containing',
    });
  }
  return inc;
}

/**
 * revertPromptLabel contains an LLM incident by moving a prompt label back one step (the prompt
 * registry's revert), recorded as a `prompt_revert` action. 409 when the label has no earlier
 * version; 404 when the prompt or label does not exist.
 */
export async function revertPromptLabel(
  store: Store,
  projectId: string,
  id: string,
  options: { prompt: string; label: string; actor: string; reason?: string },
): Promise<ContainmentAction> {
  await requireOpen(store, projectId, id);
  const current = await store.prompts.getByLabel(projectId, options.prompt, options.label);
  if (current === null) {
    throw new AppError({
      code: 'NOT_FOUND',
      message: `no label "${options.label}" on prompt "${options.prompt}"`,
    });
  }
  const moved = await store.prompts.revertLabel(projectId, {
    name: options.prompt,
    label: options.label,
    actor: options.actor,
  });
  // The gateway caches labels and pins for 2 s: containment must take effect at once.
  lookupsFor(store).forget(projectId);
  return store.incidents.recordAction(projectId, id, {
    kind: 'prompt_revert',
    target: `${options.prompt}@${options.label}`,
    from: String(current.version),
    to: String(moved.version),
    actor: options.actor,
    reason: options.reason ?? `containment of incident ${id}`,
  });
}

/**
 * pinLlmModel contains an LLM incident by pinning a service's model to a fixed version, recorded
 * as a `model_pin` action (from the previous pin, '' when there was none). 409 when that pin is
 * already in place.
 */
export async function pinLlmModel(
  store: Store,
  projectId: string,
  id: string,
  options: { service: string; model: string; pinned: string; actor: string; reason?: string },
): Promise<ContainmentAction> {
  await requireOpen(store, projectId, id);
  const pins = await store.prompts.listPins(projectId);
  const before =
    pins.find((p) => p.service === options.service && p.model === options.model)?.pinned ?? '';
  if (before === options.pinned) {
    throw new AppError({
      code: 'CONFLICT',
      message: `${options.service}/${options.model} is already pinned to ${options.pinned}`,
    });
  }
  await store.prompts.upsertPin(projectId, {
    service: options.service,
    model: options.model,
    pinned: options.pinned,
    actor: options.actor,
  });
  lookupsFor(store).forget(projectId);
  return store.incidents.recordAction(projectId, id, {
    kind: 'model_pin',
    target: `${options.service}/${options.model}`,
    from: before,
    to: options.pinned,
    actor: options.actor,
    reason: options.reason ?? `containment of incident ${id}`,
  });
}

const splitAt = (s: string, sep: string): [string, string] => {
  const i = s.lastIndexOf(sep);
  return [s.slice(0, i), s.slice(i + 1)];
};

/**
 * undoContainment reverses a containment action of the incident: an alias rollback moves the
 * alias back (atomically, in the store); a prompt revert moves the label back to the version it
 * had; a model pin restores the previous pin (or removes it). 409, nothing changed, when it is
 * already undone or its target moved since the action.
 */
export async function undoContainment(
  store: Store,
  projectId: string,
  id: string,
  actionId: string,
  actor: string,
): Promise<ContainmentAction> {
  await requireIncident(store, projectId, id);
  const a = await store.incidents.getAction(projectId, actionId);
  if (a === null || a.incidentId !== id) {
    throw new AppError({ code: 'NOT_FOUND', message: `no action "${actionId}" on this incident` });
  }
  if (a.undoneMs !== null) {
    throw new AppError({ code: 'CONFLICT', message: `action ${actionId} is already undone` });
  }
  const moved = (what: string) =>
    new AppError({ code: 'CONFLICT', message: `${what} moved since the action: not undone` });
  if (a.kind === 'alias_rollback') return store.incidents.undoAction(projectId, actionId, actor);
  if (a.kind === 'prompt_revert') {
    const [name, label] = splitAt(a.target, '@');
    const now = await store.prompts.getByLabel(projectId, name, label);
    if (now === null || String(now.version) !== a.to) throw moved(a.target);
    await store.prompts.moveLabel(projectId, { name, label, version: Number(a.from), actor });
  } else if (a.kind === 'model_pin') {
    const [service, model] = splitAt(a.target, '/');
    const pins = await store.prompts.listPins(projectId);
    const now = pins.find((p) => p.service === service && p.model === model)?.pinned ?? '';
    if (now !== a.to) throw moved(a.target);
    if (a.from === '') await store.prompts.deletePin(projectId, { service, model, actor });
    else await store.prompts.upsertPin(projectId, { service, model, pinned: a.from, actor });
  } else {
    throw new AppError({ code: 'BAD_REQUEST', message: `undo of ${a.kind} is not supported` });
  }
  lookupsFor(store).forget(projectId);
  return store.incidents.markUndone(projectId, actionId, actor);
}
