// What the scheduler reads to evaluate monitors beyond window profiles: the raw events of a window
// chosen by time, by arrival order (every N events) or by ingested batch; labels joined to
// predictions by id; business outcomes joined to the predictions they are about; request counts.
import type { IngestEvent } from '@vigil/contracts';
import type { TimeRange } from '../errors.js';

/**
 * EventSelection picks a model's events: by event time in [fromMs, toMs); by arrival ordinal in
 * [first, end) (events ordered by the time the store received them, then event id: a late event
 * never shifts a window already evaluated); or one ingested batch (the events received together
 * at `receivedMs`).
 */
export type EventSelection =
  | { readonly kind: 'time'; readonly range: TimeRange }
  | { readonly kind: 'arrival'; readonly first: number; readonly end: number }
  | { readonly kind: 'batch'; readonly receivedMs: number };

/** ModelEventQuery selects one model's prediction or infra events. */
export interface ModelEventQuery {
  readonly type: 'prediction' | 'infra';
  readonly model: string;
  readonly select: EventSelection;
  /** At most this many events are returned (default 200,000); callers treat more as too many. */
  readonly maxRows?: number;
}

/** ModelEventRow is a stored event with the time the store received it. */
export interface ModelEventRow {
  readonly event: IngestEvent;
  readonly receivedMs: number;
}

/** LabelValue is a label as ingested: a number, a string or a boolean. */
export type LabelValue = number | string | boolean;

/** JoinedOutcome is one outcome joined to its prediction (by prediction id). */
export interface JoinedOutcome {
  readonly value: number;
  readonly timeMs: number;
  readonly predictionId: string;
  readonly modelVersion: string | null;
  /** The prediction's tags overlaid with the outcome's own tags. */
  readonly tags: Readonly<Record<string, string>>;
}

/** KeyedOutcome is one outcome sent with a free `key` instead of a prediction id. */
export interface KeyedOutcome {
  readonly value: number;
  readonly timeMs: number;
  readonly key: string;
  /** The outcome's own tags. */
  readonly tags: Readonly<Record<string, string>>;
  readonly variant: string | null;
}

/** RequestCounts are a model's predictions in a time window and how many carried an error. */
export interface RequestCounts {
  readonly requests: number;
  readonly errors: number;
}

/** MonitorDataStore is the read side of monitor evaluation over raw events. */
export interface MonitorDataStore {
  /** queryModelEvents returns the selected events, oldest first (time or arrival order). */
  queryModelEvents(projectId: string, query: ModelEventQuery): Promise<ModelEventRow[]>;
  /** countArrived counts a model's events of `type` received at or before `atMs`. */
  countArrived(
    projectId: string,
    query: { type: 'prediction' | 'infra'; model: string; atMs: number },
  ): Promise<number>;
  /** lastBatchAt is the receive time of the model's last batch at or before `atMs`, or null. */
  lastBatchAt(
    projectId: string,
    query: { type: 'prediction' | 'infra'; model: string; atMs: number },
  ): Promise<number | null>;
  /**
   * labelsFor returns the label of each prediction id that has one; of several labels for one
   * prediction the latest (by time, then event id) wins, so a corrected label replaces the first.
   */
  labelsFor(projectId: string, predictionIds: readonly string[]): Promise<Map<string, LabelValue>>;
  /**
   * joinedOutcomes returns the outcomes named `name` whose time is in `range` and whose
   * prediction id is a prediction of `model`. Outcomes joined by `key` are not attributed to a
   * model and are not returned.
   */
  joinedOutcomes(
    projectId: string,
    query: { name: string; model: string; range: TimeRange },
  ): Promise<JoinedOutcome[]>;
  /**
   * keyedOutcomes returns the outcomes named `name` that were sent with a `key` (no prediction
   * id) and whose time is in `range`, oldest first, at most `maxRows` (default 200,000; callers
   * ask for one more than they accept to tell "too many").
   */
  keyedOutcomes(
    projectId: string,
    query: { name: string; range: TimeRange; maxRows?: number },
  ): Promise<KeyedOutcome[]>;
  /** requestCounts counts a model's predictions in `range` and those with an error. */
  requestCounts(
    projectId: string,
    query: { model: string; range: TimeRange },
  ): Promise<RequestCounts>;
}
