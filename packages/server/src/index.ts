// @vigil/server: the HTTP server (ingestion, projects and keys, models, reads, health, metrics).

// Resource files for `vigil apply`: the CLI reaches the contracts through the server.
export type {
  CreatePrompt,
  MonitorFileIssue,
  PromptFileIssue,
  PromptFileResult,
  Resource,
  ResourceFileResult,
  ResourceKind,
} from '@vigil/contracts';
export {
  formatMonitorFileIssue,
  formatPromptFileIssue,
  parsePromptFile,
  parseResourceFile,
  RESOURCE_KINDS,
} from '@vigil/contracts';
export type { CanaryTickResult, CanaryWorker, CanaryWorkerOptions } from './canaries/index.js';
export {
  canaryEvidence,
  createCanaryWorker,
  hasFinishedCanary,
  PRODUCTION_ALIAS,
} from './canaries/index.js';
export type { Env } from './env.js';
export { EnvError, EnvSchema, loadEnv } from './env.js';
export type { AppErrorCode, AppIssue } from './errors.js';
export { AppError, toAppError } from './errors.js';
export type { GatewayConfig, GatewayUpstream } from './gateway/config.js';
export {
  GatewayConfigError,
  loadGatewayConfig,
  parseGatewayConfig,
} from './gateway/config.js';
export type {
  DeprecationAlertRaised,
  DeprecationStage,
  DeprecationWatch,
} from './gateway/deprecations.js';
export { createDeprecationWatch, deprecationStage } from './gateway/deprecations.js';
export type { Gateway } from './gateway/gateway.js';
export { isVersionedModel, resolvePin } from './gateway/model-names.js';
export type { GatewayRunOptions } from './gateway/setup.js';
export { APP_ERROR_TO_HTTP } from './http/errors.js';
export type { RouteAuth, RouteSpec } from './http/route.js';
export type {
  IncidentTickReport,
  IncidentWorker,
  IncidentWorkerOptions,
  StoredDiagnosis,
  StoredImpact,
  ValidationEvidence,
} from './incidents/index.js';
export {
  buildPostmortem,
  containIncident,
  createIncidentWorker,
  findKnownGood,
  GUARDED_ALIAS,
  INCIDENT_GUARD,
  incidentPromotionCheck,
  moveIncident,
  NO_EVIDENCE,
  projectStats,
  registerIncidentGuard,
  SYSTEM_ACTOR,
} from './incidents/index.js';
export type {
  BudgetCallScope,
  BudgetDecision,
  BudgetStatus,
  GenerationInput,
  LlmAlert,
  OtlpDecoded,
  OtlpSpan,
  PriceLookup,
  RecordedItem,
  RecorderDeps,
  RecordOutcome,
  RunawayFinding,
  RunawayOptions,
  RunawayVerdict,
  SubjectStatus,
} from './llm/index.js';
export {
  budgetStatus,
  checkBudgets,
  computeCost,
  countTokens,
  DEFAULT_PRICE_ENTRIES,
  DEFAULT_PRICES_AS_OF,
  DEFAULT_RUNAWAY_OPTIONS,
  decodeOtlpJson,
  decodeOtlpProtobuf,
  decodeOtlpResponse,
  encodeOtlpRequest,
  encodeOtlpResponse,
  encodingFor,
  findPrice,
  forecastExhaustion,
  judgeRunaway,
  lookupPrice,
  prepareGeneration,
  raiseLlmAlert,
  recordGenerations,
  spanToGeneration,
  tableAt,
} from './llm/index.js';
export { outputText } from './llm-quality/output-text.js';
export type {
  LlmQualityTickReport,
  LlmQualityWorker,
  LlmQualityWorkerOptions,
} from './llm-quality/worker.js';
export { createLlmQualityWorker } from './llm-quality/worker.js';
export type { LogFields, Logger, LogLevel } from './logger.js';
export { createJsonLogger, NOOP_LOGGER } from './logger.js';
export type { ServerMetrics } from './metrics.js';
export { createServerMetrics } from './metrics.js';
export type {
  ChannelResolver,
  HttpRequest,
  Notifier,
  NotifierOptions,
  NotifyJobPayload,
  NotifyTickReport,
  RetryPolicy,
  SendOptions,
  SendResult,
} from './notify/index.js';
export {
  backoffMs,
  createNotifier,
  DEFAULT_RETRY_POLICY,
  httpRequestFor,
  NOTIFY_JOB_KIND,
  notificationMessage,
  sendToChannel,
} from './notify/index.js';
export { buildOpenApi } from './openapi.js';
export type {
  NamedPromotionCheck,
  PromoteRequest,
  PromoteResult,
  PromotionCheck,
  PromotionContext,
  PromotionRefusal,
} from './registry/guard.js';
export {
  PROMOTION_CHECKS,
  PROTECTED_ALIASES,
  promoteVersion,
  registerPromotionCheck,
  runPromotionChecks,
} from './registry/guard.js';
export type {
  GatheredInput,
  Scheduler,
  SchedulerOptions,
  TickEvaluation,
  TickReport,
} from './scheduler/index.js';
export {
  alertFingerprint,
  createScheduler,
  evaluationPoints,
  gatherInputs,
  SCHEDULED_TYPES,
  STATE_GAUGE,
} from './scheduler/index.js';
export type { Serving } from './serve.js';
export { openStoreFromEnv, serve } from './serve.js';
export type {
  BuildAppOptions,
  BuiltApp,
  NotifierRunOptions,
  RunningServer,
  SchedulerRunOptions,
  StartServerOptions,
} from './server.js';
export { buildApp, SERVER_VERSION, startServer } from './server.js';
