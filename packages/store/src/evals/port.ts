// Stored regression runs: every run of `vigil regress run --report-to`, as a series per target and
// version, with the accepted baseline per target. The store keeps the run document opaque (its
// format belongs to @vigil/regress) and indexes its headline.
import type { TimeRange } from '../errors.js';

/** NewEvalRun is a run to store: its headline and the whole run document. */
export interface NewEvalRun {
  /** id of the run (the runner's UUID); unique per project. */
  readonly id: string;
  readonly target: string;
  readonly targetKind: string;
  /** targetVersion is the model version or prompt version under test. */
  readonly targetVersion: string;
  readonly setName: string;
  readonly setVersion: string;
  readonly setHash: string;
  /** passRate in [0, 1]. */
  readonly passRate: number;
  readonly passed: number;
  readonly counted: number;
  readonly flaky: number;
  readonly gatePassed: boolean;
  readonly startedMs: number;
  /** run is the full run document (cases, repeats, gate), stored as JSON. */
  readonly run: unknown;
}

/** EvalRun is a stored run's headline. */
export interface EvalRun extends Omit<NewEvalRun, 'run'> {
  readonly accepted: boolean;
  readonly acceptedMs: number | null;
  readonly acceptedBy: string | null;
  readonly createdMs: number;
}

/** EvalRunDetail is a stored run with its document. */
export interface EvalRunDetail extends EvalRun {
  readonly run: unknown;
}

/** EvalSeriesQuery selects a target's runs created in a window, oldest first. */
export interface EvalSeriesQuery {
  readonly target: string;
  readonly range: TimeRange;
  readonly targetVersion?: string;
  readonly limit?: number;
}

/** EvalStore records regression runs and answers the gate's and the incident guard's questions. */
export interface EvalStore {
  /** record stores a run; CONFLICT when the project already has a run with this id. */
  record(projectId: string, run: NewEvalRun): Promise<EvalRun>;
  get(projectId: string, id: string): Promise<EvalRunDetail | null>;
  /** series lists a target's runs in a window, oldest first (the pass-rate history). */
  series(projectId: string, query: EvalSeriesQuery): Promise<EvalRun[]>;
  /**
   * accept marks a run as its target's baseline (the newest accepted run is the baseline), with an
   * audit entry in the same transaction; null when the project has no such run.
   */
  accept(projectId: string, id: string, actor: string): Promise<EvalRun | null>;
  /** baseline is the target's most recently accepted run, or null. */
  baseline(projectId: string, target: string): Promise<EvalRunDetail | null>;
  /** hasPassingRun tells whether `version` of `model` (a target) has a run that passed the gate. */
  hasPassingRun(projectId: string, model: string, version: string): Promise<boolean>;
}
