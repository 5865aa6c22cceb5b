// The storage port: everything the server, scheduler and notifier persist. Every tenant method
// takes the project id first and every query a time window. Writes resolve only after their
// transaction commits, so an acknowledged write survives a crash of the process.
import type {
  ApiKeyInfo,
  BaselineMeta,
  CreateProject,
  EventType,
  IngestEvent,
  ModelSpec,
  MonitorDefinition,
  Project,
} from '@vigil/contracts';
import type { ColumnProfile } from '@vigil/core';
import type { AuditStore } from './audit/port.js';
import type { CanaryStore } from './canaries/port.js';
import type { TimeRange } from './errors.js';
import type { EvalStore } from './evals/port.js';
import type { FeedbackStore } from './feedback/port.js';
import type { IncidentStore } from './incidents/port.js';
import type { LlmStore } from './llm/port.js';
import type { MonitorDataStore } from './monitor-data/port.js';
import type { PromptStore } from './prompts/port.js';
import type { RegistryStore } from './registry/port.js';
import type { NotifyStore } from './silences/port.js';

/** ColumnRole says what a profiled column holds: a feature, the prediction, or the latency. */
export type ColumnRole = 'feature' | 'prediction' | 'latency';

/** WindowKind is the granularity of stored window profiles. */
export type WindowKind = 'hour' | 'day';

/** StoredModel is a model with its declared schema and active baseline. */
export interface StoredModel {
  readonly projectId: string;
  readonly spec: ModelSpec;
  readonly activeBaselineId: string | null;
  readonly createdMs: number;
  readonly updatedMs: number;
}

/** StoredBaseline is a baseline's metadata (its profiles are read with getBaselineProfiles). */
export interface StoredBaseline {
  readonly id: string;
  readonly projectId: string;
  readonly meta: BaselineMeta;
  readonly createdMs: number;
}

/** BaselineColumn is one profiled column of a baseline. */
export interface BaselineColumn {
  readonly role: ColumnRole;
  readonly name: string;
  readonly profile: ColumnProfile;
}

/** AppendResult reports an append: how many events were new and which ids were duplicates. */
export interface AppendResult {
  readonly inserted: number;
  /** Event ids already stored (or repeated within the batch): accepted, not stored twice. */
  readonly duplicates: readonly string[];
}

/** StoredEvent is an event as read back, with the time the store received it. */
export interface StoredEvent {
  readonly event: IngestEvent;
  readonly receivedMs: number;
}

/** EventQuery selects events of one type (and optionally one model) in a time window. */
export interface EventQuery {
  readonly type: EventType;
  readonly model?: string;
  readonly range: TimeRange;
  readonly limit?: number;
}

/** WindowProfile is the merged profile of one column over one window. */
export interface WindowProfile {
  readonly model: string;
  readonly layout: string;
  readonly role: ColumnRole;
  readonly column: string;
  readonly windowKind: WindowKind;
  readonly windowStartMs: number;
  readonly rowCount: number;
  readonly profile: ColumnProfile;
}

/** WindowProfileQuery selects window profiles of one model whose window starts in `range`. */
export interface WindowProfileQuery {
  readonly model: string;
  readonly range: TimeRange;
  readonly windowKind?: WindowKind;
  readonly role?: ColumnRole;
  readonly column?: string;
  /** Baseline id the profiles were laid out for; '' for the defaults. Omitted: every layout. */
  readonly layout?: string;
}

/** StoredMonitor is a monitor definition with its bookkeeping. */
export interface StoredMonitor {
  readonly projectId: string;
  readonly definition: MonitorDefinition;
  readonly enabled: boolean;
  readonly createdMs: number;
  readonly updatedMs: number;
  /** The scheduler slot this monitor was last evaluated for; null if never. */
  readonly lastSlotMs: number | null;
}

/** EvaluationStatus is the outcome of one evaluation. */
export type EvaluationStatus = 'ok' | 'triggered' | 'no_data' | 'error';

/** EvaluationPoint is one point of a monitor's time series (one per series per evaluation). */
export interface EvaluationPoint {
  readonly monitor: string;
  /** Sub-series, e.g. the feature name for a per-feature drift monitor; '' for the monitor. */
  readonly series: string;
  readonly timeMs: number;
  readonly windowStartMs: number;
  readonly windowEndMs: number;
  readonly status: EvaluationStatus;
  readonly value: number | null;
  readonly threshold: number | null;
  readonly sampleSize: number;
  readonly details?: Record<string, unknown>;
}

/** AlertState is the alert lifecycle state (DESIGN: OK, PENDING, FIRING, RESOLVED, NO_DATA). */
export type AlertState = 'ok' | 'pending' | 'firing' | 'resolved' | 'no_data';

/** AlertRecord is the current state of one alert, deduplicated by fingerprint. */
export interface AlertRecord {
  readonly fingerprint: string;
  readonly monitor: string;
  readonly state: AlertState;
  readonly severity: string;
  readonly startedMs: number;
  readonly updatedMs: number;
  readonly resolvedMs: number | null;
  readonly lastNotifiedMs: number | null;
  readonly value: number | null;
  readonly labels: Record<string, string>;
  readonly summary: string;
  /** The engine's full alert state (opaque JSON for the store); absent when not recorded. */
  readonly machine?: unknown;
}

/** Job is a unit of background work (an evaluation, a delivery), claimed by one worker. */
export interface Job {
  readonly id: string;
  readonly projectId: string;
  readonly kind: string;
  readonly payload: unknown;
  readonly runAtMs: number;
  readonly attempts: number;
}

/** NewJob is a job to enqueue. */
export interface NewJob {
  readonly kind: string;
  readonly payload: unknown;
  readonly runAtMs: number;
}

/** ClaimOptions identifies the worker and how long it may hold claimed jobs. */
export interface ClaimOptions {
  readonly worker: string;
  readonly limit: number;
  readonly leaseMs: number;
  /** Claim only jobs of this kind (a notifier leaves evaluation jobs alone); default any. */
  readonly kind?: string;
}

/**
 * DeliveryOutcome is how one delivery attempt ended: delivered, to be retried, given up, or not
 * sent because an active silence matched the alert.
 */
export type DeliveryOutcome = 'success' | 'retry' | 'failed' | 'silenced';

/** DeliveryRecord is one attempt to deliver a notification to one channel (the delivery log). */
export interface DeliveryRecord {
  readonly id: string;
  /** When the attempt started, epoch ms. */
  readonly timeMs: number;
  readonly channel: string;
  readonly channelType: string;
  readonly fingerprint: string;
  readonly monitor: string;
  /** The notification kind: firing, renotify or resolved. */
  readonly kind: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly outcome: DeliveryOutcome;
  /** The receiver's HTTP status (or SMTP reply code); null when none came back. */
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

/** DeliveryQuery selects delivery attempts that started in `range`, oldest first. */
export interface DeliveryQuery {
  readonly range: TimeRange;
  readonly channel?: string;
  readonly limit?: number;
}

/** NewApiKey is a freshly created key: `key` is shown once and never stored. */
export interface NewApiKey {
  readonly key: string;
  readonly info: ApiKeyInfo;
}

/** KeyIdentity is what an API key authenticates as. */
export interface KeyIdentity {
  readonly projectId: string;
  readonly keyId: string;
}

/** Store is the storage port; SQLite and PostgreSQL adapters implement it and pass one suite. */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  // One sub-store per concern (audit, registry, incidents, LLM, evals, silences), sharing the
  // driver: new features add a property here rather than more methods to this list.
  /** audit is the append-only audit log. */
  readonly audit: AuditStore;
  /** evals holds regression runs: pass-rate series per target and version, accepted baselines. */
  readonly evals: EvalStore;
  /** canaries are canary experiments, their decisions and per-variant statistics. */
  readonly canaries: CanaryStore;
  /** feedback holds LLM user feedback, the review queue and knowledge-table reference checks. */
  readonly feedback: FeedbackStore;
  /** prompts holds prompt versions and labels, model pins, deprecations and model usage. */
  readonly prompts: PromptStore;
  /** notify holds the notification channels and silences. */
  readonly notify: NotifyStore;
  /** llm holds generations and traces, price tables and budgets. */
  readonly llm: LlmStore;
  /** registry is the model registry: versions, aliases and their history. */
  readonly registry: RegistryStore;
  /** incidents holds incidents, their timeline, containment actions, postmortems and policies. */
  readonly incidents: IncidentStore;
  /** monitorData reads raw events, labels and outcomes for monitor evaluation. */
  readonly monitorData: MonitorDataStore;
  /** migrate applies pending migrations (idempotent) and returns the ids it applied. */
  migrate(): Promise<number[]>;
  close(): Promise<void>;

  createProject(input: CreateProject): Promise<Project>;
  getProject(projectId: string): Promise<Project | null>;
  createApiKey(projectId: string, name: string): Promise<NewApiKey>;
  listApiKeys(projectId: string): Promise<ApiKeyInfo[]>;
  revokeApiKey(projectId: string, keyId: string): Promise<boolean>;
  /** authenticate returns the key's project, or null for an unknown, revoked or malformed key. */
  authenticate(key: string): Promise<KeyIdentity | null>;

  /** upsertModel creates or replaces a model's spec and writes an audit entry (`actor`, default `system`). */
  upsertModel(
    projectId: string,
    spec: ModelSpec,
    options?: { actor?: string },
  ): Promise<StoredModel>;
  getModel(projectId: string, model: string): Promise<StoredModel | null>;
  listModels(projectId: string): Promise<StoredModel[]>;

  createBaseline(
    projectId: string,
    meta: BaselineMeta,
    columns: readonly BaselineColumn[],
    options?: { activate?: boolean },
  ): Promise<StoredBaseline>;
  getBaseline(projectId: string, baselineId: string): Promise<StoredBaseline | null>;
  getBaselineProfiles(projectId: string, baselineId: string): Promise<BaselineColumn[]>;

  /** appendEvents stores new events, skips duplicates and merges them into window profiles. */
  appendEvents(projectId: string, events: readonly IngestEvent[]): Promise<AppendResult>;
  queryEvents(projectId: string, query: EventQuery): Promise<StoredEvent[]>;
  countEvents(projectId: string, query: Omit<EventQuery, 'limit'>): Promise<number>;
  queryWindowProfiles(projectId: string, query: WindowProfileQuery): Promise<WindowProfile[]>;

  /** upsertMonitor creates or replaces a monitor; with `actor`, an audit row commits with it. */
  upsertMonitor(
    projectId: string,
    definition: MonitorDefinition,
    options?: { readonly actor?: string },
  ): Promise<StoredMonitor>;
  getMonitor(projectId: string, name: string): Promise<StoredMonitor | null>;
  listMonitors(projectId: string): Promise<StoredMonitor[]>;
  /** deleteMonitor removes a monitor; with `actor`, an audit row commits with it. */
  deleteMonitor(
    projectId: string,
    name: string,
    options?: { readonly actor?: string },
  ): Promise<boolean>;
  /** listAllMonitors returns every enabled monitor of every project (the scheduler's work list). */
  listAllMonitors(): Promise<StoredMonitor[]>;
  /** setMonitorSlot records the slot a monitor was just evaluated for; false if it is gone. */
  setMonitorSlot(projectId: string, name: string, slotMs: number): Promise<boolean>;

  appendEvaluations(projectId: string, points: readonly EvaluationPoint[]): Promise<void>;
  queryEvaluations(
    projectId: string,
    query: { monitor?: string; series?: string; range: TimeRange; limit?: number },
  ): Promise<EvaluationPoint[]>;

  upsertAlert(projectId: string, alert: AlertRecord): Promise<void>;
  getAlert(projectId: string, fingerprint: string): Promise<AlertRecord | null>;
  /** listAlerts returns the current state of the project's alerts, newest update first. */
  listAlerts(
    projectId: string,
    query?: { monitor?: string; state?: AlertState; limit?: number },
  ): Promise<AlertRecord[]>;
  queryAlerts(
    projectId: string,
    query: { range: TimeRange; state?: AlertState; limit?: number },
  ): Promise<AlertRecord[]>;

  enqueueJob(projectId: string, job: NewJob): Promise<string>;
  /** claimJobs takes due jobs (or ones whose lease expired) for one worker, without blocking. */
  claimJobs(options: ClaimOptions): Promise<Job[]>;
  completeJob(jobId: string, worker: string, error?: string): Promise<boolean>;

  /** appendDelivery writes one row of the delivery log. */
  appendDelivery(projectId: string, record: DeliveryRecord): Promise<void>;
  queryDeliveries(projectId: string, query: DeliveryQuery): Promise<DeliveryRecord[]>;

  /** tryAcquireLeadership makes this store the one scheduler leader; false if another holds it. */
  tryAcquireLeadership(): Promise<boolean>;
  releaseLeadership(): Promise<void>;
}
