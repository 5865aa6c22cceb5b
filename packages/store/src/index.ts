// @vigil/store: the storage port and its SQLite and PostgreSQL adapters.

export type {
  AuditEntry,
  AuditQuery,
  AuditStore,
  AuditTargetKind,
  NewAuditEntry,
} from './audit/port.js';
export { SqlAuditStore, writeAudit } from './audit/sql.js';
export type { BaselineFromWindow, BaselineFromWindowOptions } from './baseline-from-window.js';
export { createBaselineFromWindow } from './baseline-from-window.js';
export type {
  Canary,
  CanaryDecisionInput,
  CanaryDecisionRecord,
  CanaryListQuery,
  CanaryRunningSum,
  CanaryStore,
  CanaryVariant,
  CanaryVariantStats,
  NewCanary,
} from './canaries/port.js';
export { ACTIVE_CANARY_STATES } from './canaries/port.js';
export type { PromptCallAggregate } from './canaries/prompt-stats.js';
export { PROMPT_STATS_SQL, promptVariantStats } from './canaries/prompt-stats.js';
export { CANARY_ACTOR, SqlCanaryStore } from './canaries/sql.js';
export type { StoreErrorCode, TimeRange } from './errors.js';
export { MAX_QUERY_LIMIT, StoreError } from './errors.js';
export type {
  EvalRun,
  EvalRunDetail,
  EvalSeriesQuery,
  EvalStore,
  NewEvalRun,
} from './evals/port.js';
export { SqlEvalStore } from './evals/sql.js';
export type {
  Feedback,
  FeedbackKind,
  FeedbackStore,
  KnowledgeRow,
  KnowledgeTable,
  LlmQualitySettings,
  NewFeedback,
  NewReviewItem,
  RateBucket,
  ReferenceCheck,
  ReviewItem,
  ReviewVerdict,
  StoredQualitySettings,
} from './feedback/port.js';
export { SqlFeedbackStore } from './feedback/sql.js';
export type {
  AliasRollback,
  ContainmentAction,
  IncidentAlert,
  IncidentEvent,
  IncidentEventInput,
  IncidentPatch,
  IncidentPolicy,
  IncidentQuery,
  IncidentSeverity,
  IncidentStatus,
  IncidentStore,
  NewContainmentAction,
  NewIncident,
  StoredIncident,
  StoredPostmortem,
} from './incidents/port.js';
export { SqlIncidentStore } from './incidents/sql.js';
export { displayApiKey, generateApiKey, hashApiKey } from './keys.js';
export {
  globToRegExp,
  matchesGlob,
  NANOS_PER_USD,
  periodEnd,
  periodStart,
  usdToNanos,
} from './llm/match.js';
export type {
  BudgetCrossing,
  BudgetPeriod,
  BudgetScope,
  BudgetSpec,
  BudgetUsage,
  CallCounts,
  CostSource,
  Generation,
  GenerationFlag,
  GenerationQuery,
  GenerationStatus,
  GenerationTotals,
  LlmStore,
  NewGeneration,
  PriceEntry,
  PriceMatchKind,
  PriceTableSpec,
  RateDimension,
  RecordItemResult,
  RecordResult,
  StoredBudget,
  StoredPriceTable,
  TokenCounts,
} from './llm/port.js';
export { budgetSubject, checkBudgetSpec, SqlLlmStore } from './llm/sql.js';
export type {
  EventSelection,
  JoinedOutcome,
  KeyedOutcome,
  LabelValue,
  ModelEventQuery,
  ModelEventRow,
  MonitorDataStore,
  RequestCounts,
} from './monitor-data/port.js';
export { DEFAULT_MAX_EVENT_ROWS, SqlMonitorDataStore } from './monitor-data/sql.js';
export type { OpenStoreOptions } from './open-store.js';
export {
  DEFAULT_SQLITE_PATH,
  openPostgresStore,
  openSqliteStore,
  openStore,
} from './open-store.js';
export type {
  AlertRecord,
  AlertState,
  AppendResult,
  BaselineColumn,
  ClaimOptions,
  ColumnRole,
  DeliveryOutcome,
  DeliveryQuery,
  DeliveryRecord,
  EvaluationPoint,
  EvaluationStatus,
  EventQuery,
  Job,
  KeyIdentity,
  NewApiKey,
  NewJob,
  Store,
  StoredBaseline,
  StoredEvent,
  StoredModel,
  StoredMonitor,
  WindowKind,
  WindowProfile,
  WindowProfileQuery,
} from './port.js';
export type {
  CreateVersionResult,
  LabelAction,
  LabelHistoryEntry,
  ModelDeprecation,
  ModelPin,
  ModelUsage,
  ModelUsageIncrement,
  PromptStore,
  PromptSummary,
  PromptVersion,
} from './prompts/port.js';
export {
  canonicalJson,
  movePromptLabelIn,
  promptContentHash,
  SqlPromptStore,
  setLabelIn,
} from './prompts/sql.js';
export type {
  AliasChange,
  AliasHistoryQuery,
  AliasMove,
  AliasMoveResult,
  ModelAlias,
  ModelVersion,
  NewModelVersion,
  ParsedRef,
  RegistryStore,
  ResolvedRef,
} from './registry/port.js';
export { ALIAS_PATTERN, MAX_REGISTRY_METRICS, RESERVED_ALIASES } from './registry/port.js';
export {
  aliasNameProblem,
  checkAliasName,
  checkModelName,
  checkVersionNumber,
  parseModelRef,
} from './registry/ref.js';
export { moveAliasIn, SqlRegistryStore } from './registry/sql.js';
export type {
  ChangeKind,
  ChannelPut,
  NewSilence,
  NotifyStore,
  SilenceQuery,
  SilenceState,
  StoredChannel,
  StoredSilence,
} from './silences/port.js';
export { SqlNotifyStore, silenceState } from './silences/sql.js';
export type { Dialect } from './sql/driver.js';
export type { Migration } from './sql/migrations.js';
export { MIGRATIONS, renderMigration } from './sql/migrations.js';
export type { PostgresOptions } from './sql/postgres-driver.js';
export type { SqliteOptions } from './sql/sqlite-driver.js';
export type { SqlStoreOptions } from './sql-store.js';
export { SqlStore } from './sql-store.js';
export {
  LATENCY_COLUMN,
  PREDICTION_COLUMN,
  profileEvents,
  WINDOW_MS,
  windowStart,
} from './window-profiles.js';
