// The promotion guard: checks every alias move must pass. Other modules register their checks
// (incidents: an open P0/P1 blocks unvalidated versions; canaries: evidence required) and every
// move through promoteVersion runs them all. A refusal is a 409 with the reason; nothing changes.
import {
  aliasNameProblem,
  type AliasMoveResult,
  type ModelVersion,
  type Store,
  StoreError,
} from '@vigil/store';
import { AppError } from '../errors.js';

/** PromotionContext is what a check is given: the move it may refuse, the store, and the time. */
export interface PromotionContext {
  readonly projectId: string;
  readonly model: string;
  /** The version the alias would point at. */
  readonly version: ModelVersion;
  readonly alias: string;
  /** The version the alias points at now; null when it is unset. */
  readonly current: number | null;
  readonly store: Store;
  /** Epoch ms of the attempt. */
  readonly now: number;
}

/**
 * PromotionCheck decides whether a move may happen: a one-line reason to refuse it, or null to
 * let it pass. A check that throws refuses the move (the guard fails closed).
 */
export type PromotionCheck = (ctx: PromotionContext) => Promise<string | null> | string | null;

/** NamedPromotionCheck is a registered check with the name reported with its refusals. */
export interface NamedPromotionCheck {
  readonly name: string;
  readonly check: PromotionCheck;
}

/** PROMOTION_CHECKS is the list promoteVersion runs, in registration order. */
export const PROMOTION_CHECKS: NamedPromotionCheck[] = [];

/**
 * registerPromotionCheck adds a check (replacing one of the same name, so registering twice is
 * harmless) and returns a function that removes it again.
 */
export function registerPromotionCheck(name: string, check: PromotionCheck): () => void {
  const entry: NamedPromotionCheck = { name, check };
  const at = PROMOTION_CHECKS.findIndex((c) => c.name === name);
  if (at >= 0) PROMOTION_CHECKS[at] = entry;
  else PROMOTION_CHECKS.push(entry);
  return () => {
    const i = PROMOTION_CHECKS.indexOf(entry);
    if (i >= 0) PROMOTION_CHECKS.splice(i, 1);
  };
}

/** PromotionRefusal is one check's refusal. */
export interface PromotionRefusal {
  readonly check: string;
  readonly reason: string;
}

/** runPromotionChecks runs every check (all of them, in order) and returns their refusals. */
export async function runPromotionChecks(
  ctx: PromotionContext,
  checks: readonly NamedPromotionCheck[] = PROMOTION_CHECKS,
): Promise<PromotionRefusal[]> {
  const refusals: PromotionRefusal[] = [];
  for (const { name, check } of [...checks]) {
    try {
      const reason = await check(ctx);
      if (reason !== null) refusals.push({ check: name, reason });
    } catch (e) {
      refusals.push({ check: name, reason: `check failed to run: ${(e as Error).message}` });
    }
  }
  return refusals;
}

/** PROTECTED_ALIASES can never be moved with `force`. */
export const PROTECTED_ALIASES: readonly string[] = ['production'];

/** PromoteRequest is one alias move asked for by a caller. */
export interface PromoteRequest {
  readonly model: string;
  readonly alias: string;
  readonly version: number;
  readonly actor: string;
  readonly reason: string;
  /** Move even if checks refuse (the refusals go into the audit entry); never for `production`. */
  readonly force?: boolean;
  /** Epoch ms; default Date.now(). */
  readonly now?: number;
}

/** PromoteResult is the move made: from and to, and the refusals a forced move overrode. */
export interface PromoteResult extends AliasMoveResult {
  readonly overridden: readonly PromotionRefusal[];
}

/**
 * promoteVersion moves an alias after every promotion check passes. Unknown model or version:
 * NOT_FOUND; bad alias or `force` on a protected alias: BAD_REQUEST; a refusal, or the alias
 * moving meanwhile: CONFLICT. In every error case nothing is changed.
 */
export async function promoteVersion(
  store: Store,
  projectId: string,
  req: PromoteRequest,
  checks: readonly NamedPromotionCheck[] = PROMOTION_CHECKS,
): Promise<PromoteResult> {
  const problem = aliasNameProblem(req.alias);
  if (problem !== null) throw new AppError({ code: 'BAD_REQUEST', message: problem });
  if (req.force === true && PROTECTED_ALIASES.includes(req.alias)) {
    throw new AppError({
      code: 'BAD_REQUEST',
      message: `force is not allowed for "${req.alias}": its promotion checks always apply`,
    });
  }
  const version = await store.registry.getVersion(projectId, req.model, req.version);
  if (version === null) {
    if ((await store.getModel(projectId, req.model)) === null) {
      throw new AppError({ code: 'NOT_FOUND', message: `no model "${req.model}"` });
    }
    throw new AppError({
      code: 'NOT_FOUND',
      message: `no version ${req.version} of model "${req.model}"`,
    });
  }
  const current = (await store.registry.getAlias(projectId, req.model, req.alias))?.version ?? null;
  const now = req.now ?? Date.now();
  const refusals = await runPromotionChecks(
    { projectId, model: req.model, version, alias: req.alias, current, store, now },
    checks,
  );
  if (refusals.length > 0 && req.force !== true) {
    throw new AppError({
      code: 'CONFLICT',
      message: `promotion of ${req.model}@${req.version} to ${req.alias} refused: ${refusals
        .map((r) => r.reason)
        .join('; ')}`,
      issues: refusals.map((r) => ({ field: `check.${r.check}`, reason: r.reason })),
    });
  }
  try {
    const moved = await store.registry.setAlias(projectId, req.model, req.alias, req.version, {
      actor: req.actor,
      reason: req.reason,
      // The checks judged a move from `current`: if the alias moved since, judge again.
      expectedFrom: current,
      ...(refusals.length > 0 ? { auditDetails: { forced: true, overridden: refusals } } : {}),
    });
    return { ...moved, overridden: refusals };
  } catch (e) {
    if (e instanceof StoreError && e.code === 'CONFLICT') {
      throw new AppError({
        code: 'CONFLICT',
        message: `alias ${req.model}@${req.alias} moved while the promotion was checked; try again`,
        cause: e,
      });
    }
    throw e;
  }
}
