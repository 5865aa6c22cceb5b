// The canary worker: on the shared poll loop, looks at every running or paused canary once per
// interval and acts on the policy's decision. Promote moves the `production` alias to the
// candidate (a prompt canary: its prompt label) in the transaction that records the decision,
// rollback sends all traffic to the baseline; every look is stored, and every change of state goes
// to the audit log. Any number of workers may run: each decision is a compare-and-set on the
// canary's revision, so one wins. A change to a prompt canary drops the gateway's cached copy.
import type { Canary, Store } from '@vigil/store';
import { CANARY_ACTOR, StoreError } from '@vigil/store';
import { lookupsFor } from '../gateway/lookups.js';
import { canaryPromotionRefusal } from '../incidents/guard.js';
import { type Logger, NOOP_LOGGER } from '../logger.js';
import { createPollLoop } from '../runtime/poll-loop.js';
import { type CanaryLook, lookAtCanary, lookEvidence, stateAfter } from './look.js';

/** PRODUCTION_ALIAS is the alias a promoted canary moves. */
export const PRODUCTION_ALIAS = 'production';

/** CanaryWorkerOptions are the worker's collaborators and clock. */
export interface CanaryWorkerOptions {
  readonly store: Store;
  readonly logger?: Logger;
  /** Clock in epoch ms; default Date.now (tests inject simulated days). */
  readonly now?: () => number;
  /** How often the loop wakes up, ms; default 60 000. */
  readonly pollMs?: number;
  /** Least time between two looks at one canary, ms; default one hour. */
  readonly intervalMs?: number;
}

/** CanaryTickResult is what one look did to one canary. */
export interface CanaryTickResult {
  readonly projectId: string;
  readonly canary: string;
  readonly action: string;
  readonly state: string;
  readonly reasons: readonly string[];
  /** False when another worker acted first (nothing was written by this one). */
  readonly applied: boolean;
}

/** CanaryWorker evaluates canaries on tick(); start() runs tick() every pollMs. */
export interface CanaryWorker {
  /** tick looks at every due canary once at now(); concurrent calls run one after another. */
  tick(): Promise<CanaryTickResult[]>;
  start(): void;
  /** stop ends the loop and waits for a running tick. */
  stop(): Promise<void>;
}

/** createCanaryWorker builds the worker (not started). */
export function createCanaryWorker(options: CanaryWorkerOptions): CanaryWorker {
  const { store } = options;
  const logger = options.logger ?? NOOP_LOGGER;
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? 3_600_000;
  let chain: Promise<unknown> = Promise.resolve();

  async function act(c: Canary, look: CanaryLook, at: number): Promise<CanaryTickResult> {
    const d = look.decision;
    let action: string = d.action;
    let state = stateAfter(d.action, c.policy.auto_promote);
    let reasons = [...d.reasons];
    let promote: { alias: string; expectedFrom: number | null } | undefined;
    if (state === 'promoted') {
      const alias = c.promptLabel ?? PRODUCTION_ALIAS;
      const current =
        c.kind === 'prompt'
          ? ((await store.prompts.getByLabel(c.projectId, c.model, alias))?.version ?? null)
          : ((await store.registry.getAlias(c.projectId, c.model, PRODUCTION_ALIAS))?.version ??
            null);
      const refusal =
        c.kind === 'prompt'
          ? null
          : await canaryPromotionRefusal(store, c.projectId, c.model, c.candidate.version);
      if (refusal !== null) {
        // An open P0/P1 guards versions created after it: the canary alone is not enough.
        action = 'pause';
        state = 'paused';
        reasons = [refusal, ...reasons];
      } else if (current === null || current === c.baseline.version) {
        promote = { alias, expectedFrom: current };
      } else if (current !== c.candidate.version) {
        // Someone moved production (the label) during the canary: do not overwrite their choice.
        action = 'pause';
        state = 'paused';
        reasons = [
          `${alias} points at version ${current}, not the baseline version ${c.baseline.version}: promotion left to a person`,
          ...reasons,
        ];
      }
    }
    const final = state !== 'running' && state !== 'paused';
    try {
      await store.canaries.recordDecision(c.projectId, c.name, {
        expectedRevision: c.revision,
        actor: CANARY_ACTOR,
        action,
        state,
        reasons,
        evidence: lookEvidence(look),
        sequential: d.sequential,
        ...(state === 'rolled_back' ? { weights: { baseline: 1, candidate: 0 } } : {}),
        ...(state === 'promoted' ? { weights: { baseline: 0, candidate: 1 } } : {}),
        ...(promote === undefined ? {} : { promote }),
        // A repeated continue (or pause) is the same decision again: stored, audited once.
        audit: c.lastEvaluatedMs === null || state !== c.state || final,
      });
    } catch (e) {
      if (e instanceof StoreError && e.code === 'CONFLICT') {
        logger.info('canary changed meanwhile; look skipped', {
          project: c.projectId,
          canary: c.name,
          reason: e.message,
        });
        return { projectId: c.projectId, canary: c.name, action, state, reasons, applied: false };
      }
      throw e;
    }
    // The gateway of this process serves the new weights (or label) from its next call on.
    if (c.kind === 'prompt') lookupsFor(store).forget(c.projectId);
    if (final || state !== c.state) {
      logger.info(`canary ${action}`, {
        project: c.projectId,
        canary: c.name,
        model: c.model,
        state,
        reason: reasons[0],
        at,
      });
    }
    return { projectId: c.projectId, canary: c.name, action, state, reasons, applied: true };
  }

  async function runTick(): Promise<CanaryTickResult[]> {
    const at = now();
    const results: CanaryTickResult[] = [];
    for (const c of await store.canaries.listActive()) {
      if (c.lastEvaluatedMs !== null && at - c.lastEvaluatedMs < intervalMs) continue;
      try {
        results.push(await act(c, await lookAtCanary(store, c, at), at));
      } catch (e) {
        // One broken canary must not stop the others from being looked at.
        logger.error('canary look failed', {
          project: c.projectId,
          canary: c.name,
          error: (e as Error).message,
        });
      }
    }
    return results;
  }

  const tick = (): Promise<CanaryTickResult[]> => {
    const next = chain.then(runTick, runTick);
    chain = next.catch(() => undefined);
    return next;
  };
  const loop = createPollLoop({
    name: 'canary tick',
    pollMs: options.pollMs ?? 60_000,
    logger,
    run: tick,
  });
  return {
    tick,
    start: () => loop.start(),
    async stop() {
      loop.stop();
      await chain;
    },
  };
}
