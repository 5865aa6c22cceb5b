// One look at a canary: its per-variant statistics from the stored events over [start, asOf), and
// the policy's decision given the sequential state of its previous look. Shared by the worker
// (which then acts and stores the look) and GET /v1/canaries/:name (which only shows it).
import type { CanaryState } from '@vigil/contracts';
import type { MixtureSprtState } from '@vigil/core';
import { type CanaryDecision, decideCanary } from '@vigil/engine';
import type { Canary, CanaryVariantStats, Store } from '@vigil/store';

/** CanaryLook is a decision with the statistics it was made from. */
export interface CanaryLook {
  readonly asOfMs: number;
  readonly stats: { readonly baseline: CanaryVariantStats; readonly candidate: CanaryVariantStats };
  readonly decision: CanaryDecision;
}

/** lookAtCanary computes the canary's statistics up to `asOfMs` and runs the policy on them. */
export async function lookAtCanary(store: Store, c: Canary, asOfMs: number): Promise<CanaryLook> {
  const toMs = Math.max(asOfMs, c.startMs + 1);
  const stats = await store.canaries.variantStats(c.projectId, c, { fromMs: c.startMs, toMs });
  const decision = decideCanary({
    policy: c.policy,
    startMs: c.startMs,
    nowMs: toMs,
    weights: { baseline: 1 - c.startCandidateWeight, candidate: c.startCandidateWeight },
    baseline: stats.baseline,
    candidate: stats.candidate,
    previous: c.sequential as Readonly<Record<string, MixtureSprtState>>,
  });
  return { asOfMs: toMs, stats, decision };
}

/** lookEvidence is the small JSON stored with a decision: stats, guards and the SRM check. */
export function lookEvidence(look: CanaryLook): Record<string, unknown> {
  const d = look.decision;
  return {
    as_of: look.asOfMs,
    elapsed_ms: d.elapsedMs,
    stats: look.stats,
    srm: d.srm,
    guards: d.guards.map((g) => ({
      key: g.key,
      status: g.status,
      difference: g.difference,
      tolerance: g.tolerance,
      p_value: g.pValue,
      confidence_sequence: g.confidenceSequence,
    })),
  };
}

/** stateAfter is the state a decision leads to when the canary acts on it. */
export function stateAfter(action: CanaryDecision['action'], autoPromote: boolean): CanaryState {
  switch (action) {
    case 'continue':
      return 'running';
    case 'pause':
      return 'paused';
    case 'rollback':
      return 'rolled_back';
    case 'promote':
      return autoPromote ? 'promoted' : 'passed';
  }
}
