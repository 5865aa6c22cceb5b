// The incident guard on promotions: while a P0 or P1 is open on a model, a version created after
// the incident opened cannot become `production` unless it has a passing regression run and a
// finished canary. Never retrain and deploy in the incident's own pipeline run (DESIGN.md).
import { MAX_QUERY_LIMIT, type Store } from '@vigil/store';
import {
  type PromotionCheck,
  type PromotionContext,
  registerPromotionCheck,
} from '../registry/guard.js';

/**
 * ValidationEvidence answers whether a model version was validated: a passing regression run
 * (the regression gate) and a finished canary. The regression and canary stores provide it.
 */
export interface ValidationEvidence {
  hasPassingRegression(projectId: string, model: string, version: number): Promise<boolean>;
  hasFinishedCanary(projectId: string, model: string, version: number): Promise<boolean>;
}

/** NO_EVIDENCE knows of no regression run or canary: the guard refuses (fails closed). */
export const NO_EVIDENCE: ValidationEvidence = {
  hasPassingRegression: async () => false,
  hasFinishedCanary: async () => false,
};

/**
 * storeEvidence reads the evidence from the store: a regression run of the model (as the run's
 * target, the registry version number as its version) that passed the gate, and a canary of the
 * version that ended passed or promoted. This is what `buildApp` uses unless told otherwise.
 */
export function storeEvidence(store: Store): ValidationEvidence {
  return {
    hasPassingRegression: (projectId, model, version) =>
      store.evals.hasPassingRun(projectId, model, String(version)),
    hasFinishedCanary: (projectId, model, version) =>
      store.canaries.hasFinishedCanary(projectId, model, version),
  };
}

/** INCIDENT_GUARD is the name the incident check registers under. */
export const INCIDENT_GUARD = 'incidents.open-p0-p1';

/** GUARDED_ALIAS is the alias the guard protects. */
export const GUARDED_ALIAS = 'production';

/**
 * incidentPromotionCheck builds the check: moves to other aliases pass, as do versions created
 * before the earliest open P0/P1 incident of the model opened (rolling back is containment, not a
 * new deployment); a newer version passes only with both kinds of evidence.
 */
export function incidentPromotionCheck(evidence: ValidationEvidence = NO_EVIDENCE): PromotionCheck {
  return async (ctx: PromotionContext) => {
    if (ctx.alias !== GUARDED_ALIAS) return null;
    const first = await guardingIncident(
      ctx.store,
      ctx.projectId,
      ctx.model,
      ctx.version.createdMs,
    );
    if (first === null) return null;
    const v = ctx.version.version;
    const [regression, canary] = await Promise.all([
      evidence.hasPassingRegression(ctx.projectId, ctx.model, v),
      evidence.hasFinishedCanary(ctx.projectId, ctx.model, v),
    ]);
    if (regression && canary) return null;
    const missing = [
      ...(regression ? [] : ['a passing regression run']),
      ...(canary ? [] : ['a finished canary']),
    ].join(' and ');
    return (
      `${first.severity} incident ${first.id} is open on ${ctx.model}: version ${v} was created ` +
      `after it opened and has no ${missing}`
    );
  };
}

/**
 * guardingIncident returns the earliest open P0/P1 incident of `model` that opened before a
 * version created at `createdMs` (so the guard applies to it), or null.
 */
export async function guardingIncident(
  store: Store,
  projectId: string,
  model: string,
  createdMs: number,
): Promise<{ id: string; severity: string; createdMs: number } | null> {
  const open = (
    await store.incidents.list(projectId, { model, open: true, limit: MAX_QUERY_LIMIT })
  ).filter((i) => i.severity === 'P0' || i.severity === 'P1');
  if (open.length === 0) return null;
  const first = open.reduce((a, b) => (b.createdMs < a.createdMs ? b : a));
  return createdMs < first.createdMs ? null : first;
}

/**
 * canaryPromotionRefusal is the guard for a canary's own promotion (which is the canary
 * finishing, so only the regression run is asked for): a reason while an open P0/P1 guards the
 * candidate version and it has no passing regression run, else null.
 */
export async function canaryPromotionRefusal(
  store: Store,
  projectId: string,
  model: string,
  version: number,
): Promise<string | null> {
  const v = await store.registry.getVersion(projectId, model, version);
  if (v === null) return null;
  const first = await guardingIncident(store, projectId, model, v.createdMs);
  if (first === null) return null;
  if (await storeEvidence(store).hasPassingRegression(projectId, model, version)) return null;
  return (
    `${first.severity} incident ${first.id} is open on ${model}: version ${version} was created ` +
    'after it opened and has no passing regression run'
  );
}

/**
 * registerIncidentGuard registers the check in the promotion guard (replacing an earlier
 * registration) and returns the function that removes it.
 */
export function registerIncidentGuard(evidence: ValidationEvidence = NO_EVIDENCE): () => void {
  return registerPromotionCheck(INCIDENT_GUARD, incidentPromotionCheck(evidence));
}
