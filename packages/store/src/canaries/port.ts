// The canaries store's port: canaries (a model's or a prompt's baseline and candidate variants,
// their weights, the policy and the state), every decision taken at a look, and per-variant
// statistics computed over the canary's window from the stored events (model canaries) or the
// generations the gateway recorded (prompt canaries).
import type { CanaryKind, CanaryPolicy, CanaryState } from '@vigil/contracts';
import type { TimeRange } from '../errors.js';

/** CanaryVariant is one side of a canary: the variant name on events, the version, the share. */
export interface CanaryVariant {
  readonly variant: string;
  readonly version: number;
  /** Traffic share in [0, 1]; the two sum to 1. */
  readonly weight: number;
}

/** NewCanary is a canary to create (validated by contracts' createCanarySchema first). */
export interface NewCanary {
  readonly name: string;
  /** The model's name; for a prompt canary, the prompt's name. */
  readonly model: string;
  /**
   * Set for a prompt canary: the label whose traffic is split (its version is the baseline's,
   * checked when the canary is created); the versions are prompt versions of `model`.
   */
  readonly promptLabel?: string;
  readonly baseline: CanaryVariant;
  readonly candidate: CanaryVariant;
  readonly policy: CanaryPolicy;
  /** `key:<id>`, `system:<component>` or a person's name. */
  readonly createdBy: string;
}

/** Canary is a stored canary. */
export interface Canary {
  readonly projectId: string;
  readonly name: string;
  /** `model`: versions of a registered model; `prompt`: versions of a prompt, for one label. */
  readonly kind: CanaryKind;
  /** The model's name; for a prompt canary, the prompt's name. */
  readonly model: string;
  /** The prompt label a prompt canary splits and, when promoted, moves; null for model canaries. */
  readonly promptLabel: string | null;
  readonly baseline: CanaryVariant;
  readonly candidate: CanaryVariant;
  /**
   * The candidate's share while the canary ran (`candidate.weight` changes when it ends: 0 after
   * a rollback or stop, 1 after a promotion); the sample-ratio check uses this one.
   */
  readonly startCandidateWeight: number;
  readonly policy: CanaryPolicy;
  readonly state: CanaryState;
  readonly startMs: number;
  /** When it reached a final state (promoted, passed, rolled back, stopped); null while active. */
  readonly endMs: number | null;
  readonly createdBy: string;
  readonly createdMs: number;
  readonly updatedMs: number;
  /** Bumped by every change: the compare-and-set token of recordDecision. */
  readonly revision: number;
  readonly lastEvaluatedMs: number | null;
  /** The sequential tests' running states by guard key (opaque JSON for the store). */
  readonly sequential: Readonly<Record<string, unknown>>;
}

/** CanaryDecisionRecord is one stored look: what was decided, why, and the state after it. */
export interface CanaryDecisionRecord {
  /** 1, 2, 3, ... per canary. */
  readonly seq: number;
  readonly timeMs: number;
  readonly actor: string;
  /** `continue`, `promote`, `rollback`, `pause`, `stop`, `create`. */
  readonly action: string;
  readonly state: CanaryState;
  readonly reasons: readonly string[];
  /** Per-variant stats, guard results, SRM (small JSON). */
  readonly evidence: Readonly<Record<string, unknown>>;
}

/** CanaryDecisionInput records one look (and the state change it makes, if any). */
export interface CanaryDecisionInput {
  /** The revision read before deciding; CONFLICT (nothing written) if the canary changed since. */
  readonly expectedRevision: number;
  readonly actor: string;
  readonly action: string;
  readonly state: CanaryState;
  readonly reasons: readonly string[];
  readonly evidence: Readonly<Record<string, unknown>>;
  readonly sequential?: Readonly<Record<string, unknown>>;
  /** New traffic shares (a rollback sends everything to the baseline). */
  readonly weights?: { readonly baseline: number; readonly candidate: number };
  /**
   * Promote: move `alias` (a prompt canary: the prompt label) to the candidate's version in the
   * same transaction (alias or label history and audit included); CONFLICT, and nothing written,
   * unless it points at `expectedFrom` now.
   */
  readonly promote?: { readonly alias: string; readonly expectedFrom: number | null };
  /** Also append the decision to the audit log (in the same transaction). */
  readonly audit: boolean;
}

/** CanaryListQuery filters list(). */
export interface CanaryListQuery {
  readonly model?: string;
  readonly state?: CanaryState;
  readonly limit?: number;
}

/** CanaryRunningSum is a count with the sum and the sum of squares of its values. */
export interface CanaryRunningSum {
  readonly count: number;
  readonly sum: number;
  readonly sumSquares: number;
}

/**
 * CanaryVariantStats are one variant's counts from the events (the engine's VariantStats):
 * predictions of the canary's model recorded with the variant in the window, their errors and
 * latencies, their labels (joined by prediction id, whatever the label's time), and the outcomes
 * joined by prediction id, by name, summed per prediction. For a prompt canary they come from the
 * generations instead (see promptVariantStats): calls, failed calls, latency, review verdicts as
 * labels, and the outcomes of PROMPT_GUARD_OUTCOMES.
 */
export interface CanaryVariantStats {
  readonly variant: string;
  readonly predictions: number;
  readonly errors: number;
  readonly latencyMs: CanaryRunningSum;
  readonly labelled: number;
  readonly correct: number;
  readonly outcomes: Readonly<Record<string, CanaryRunningSum>>;
}

/** ACTIVE_CANARY_STATES are the states a worker evaluates. */
export const ACTIVE_CANARY_STATES: readonly CanaryState[] = ['running', 'paused'];

/** CanaryStore keeps canaries and their decisions. Names are unique per project, for good. */
export interface CanaryStore {
  /**
   * create stores a running canary starting now and audits it. NOT_FOUND for an unknown model,
   * prompt or version; CONFLICT when the name is taken, the model (prompt) already has an active
   * canary, or a prompt label no longer points at the baseline version.
   */
  create(projectId: string, input: NewCanary): Promise<Canary>;
  get(projectId: string, name: string): Promise<Canary | null>;
  /** list returns the project's canaries, newest first. */
  list(projectId: string, query?: CanaryListQuery): Promise<Canary[]>;
  /** listActive returns every running or paused canary of every project (the worker's list). */
  listActive(): Promise<Canary[]>;
  /** activePromptCanaries returns the project's running or paused prompt canaries (the gateway's). */
  activePromptCanaries(projectId: string): Promise<Canary[]>;
  /**
   * recordDecision appends a look and applies its state, weights and sequential state in one
   * transaction (with the audit entry when asked). CONFLICT if the revision moved.
   */
  recordDecision(projectId: string, name: string, input: CanaryDecisionInput): Promise<Canary>;
  /** decisions returns the canary's looks, oldest first (default limit 1000). */
  decisions(
    projectId: string,
    name: string,
    query?: { limit?: number },
  ): Promise<CanaryDecisionRecord[]>;
  /** variantStats computes both variants' stats from the events in `range` (predictions' time). */
  variantStats(
    projectId: string,
    canary: Canary,
    range: TimeRange,
  ): Promise<{ baseline: CanaryVariantStats; candidate: CanaryVariantStats }>;
  /**
   * hasFinishedCanary tells whether a model canary of `model` with `version` as its candidate ended
   * passed or promoted: the evidence the promotion guard asks for.
   */
  hasFinishedCanary(projectId: string, model: string, version: number): Promise<boolean>;
}
