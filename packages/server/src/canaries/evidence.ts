// Canary evidence for the promotion guard: a version is validated by a canary when a canary of
// its model, with that version as the candidate, ended passed or promoted. The lead wires this
// into the guard's ValidationEvidence (packages/server/src/incidents/guard.ts).
import type { Store } from '@vigil/store';

/**
 * hasFinishedCanary tells whether `version` of `model` went through a canary that passed (state
 * `passed` or `promoted`) in `projectId`. Example: after a canary of churn@4 is promoted,
 * hasFinishedCanary(store, 'p', 'churn', 4) is true; for a rolled-back one it stays false.
 */
export function hasFinishedCanary(
  store: Store,
  projectId: string,
  model: string,
  version: number,
): Promise<boolean> {
  return store.canaries.hasFinishedCanary(projectId, model, version);
}

/** canaryEvidence binds hasFinishedCanary to a store, in the (project, model, version) shape. */
export function canaryEvidence(store: Store): {
  hasFinishedCanary(projectId: string, model: string, version: number): Promise<boolean>;
} {
  return {
    hasFinishedCanary: (projectId, model, version) =>
      hasFinishedCanary(store, projectId, model, version),
  };
}
