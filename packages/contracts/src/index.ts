// @vigil/contracts: schemas for everything that crosses a boundary, types derived from them.

export type {
  BatchErrorCode,
  BatchValidation,
  IngestBatchInput,
  ItemResult,
} from './batch.js';
export { ingestBatchSchema, validateIngestBatch } from './batch.js';
export type {
  ChannelDefinition,
  ChannelDefinitionInput,
  ChannelSpec,
  ChannelType,
} from './channel.js';
export {
  CHANNEL_TYPES,
  channelDefinitionSchema,
  channelSpecSchema,
  DEFAULT_CHANNEL,
} from './channel.js';
export type {
  CanaryKind,
  CanaryPolicy,
  CanaryState,
  CreateCanary,
  CreateCanaryInput,
  CreatePromptCanary,
  ExperimentConfig,
  GuardMetric,
} from './experiment.js';
export {
  CANARY_KINDS,
  CANARY_STATES,
  canaryPolicySchema,
  canaryVariantSchema,
  createAnyCanarySchema,
  createCanarySchema,
  createCanarySchemaFor,
  createPromptCanarySchema,
  DEFAULT_CANARY_POLICY,
  DEFAULT_GUARDS,
  DEFAULT_PROMPT_GUARDS,
  experimentConfigSchema,
  experimentKeySchema,
  experimentVariantSchema,
  GUARD_METRICS,
  guardMetricSchema,
  PROMPT_GUARD_OUTCOMES,
  promptCanaryPolicySchema,
  promptCanaryVariantSchema,
  promptGuardMetricSchema,
  VARIANT_ROLES,
  variantNameSchema,
} from './experiment.js';
export type { ExperimentWeight } from './experiment-assign.js';
export { assignmentPoint, assignVariant, murmur3x86_32 } from './experiment-assign.js';
export type {
  EventType,
  FeatureValue,
  InfraEvent,
  IngestEvent,
  IngestEventInput,
  LabelEvent,
  OutcomeEvent,
  PredictionEvent,
} from './ingest.js';
export {
  EVENT_TYPES,
  eventIdSchema,
  eventVariantSchema,
  featureValueSchema,
  infraEventSchema,
  ingestEventSchema,
  labelEventSchema,
  modelNameSchema,
  outcomeEventSchema,
  predictionEventSchema,
} from './ingest.js';
export type { ContractIssue } from './issues.js';
export { formatPath, zodIssues } from './issues.js';
export { LIMITS, NAME_PATTERN } from './limits.js';
export type { BudgetDocument, BudgetFileIssue, BudgetFileResult } from './llm-budget.js';
export {
  BUDGET_SCOPES,
  budgetDocumentSchema,
  budgetSpecSchema,
  formatBudgetFileIssue,
  parseBudgetFile,
  priceEntrySchema,
  priceTableSchema,
} from './llm-budget.js';
export type {
  BaselineMeta,
  BaselineSource,
  FeatureKind,
  FeatureSpec,
  ModelSpec,
} from './model.js';
export {
  baselineMetaSchema,
  baselineSourceSchema,
  FEATURE_KINDS,
  featureSpecSchema,
  modelSpecSchema,
} from './model.js';
export type {
  AlertSpec,
  Condition,
  MonitorDefinition,
  MonitorDefinitionInput,
  MonitorSpec,
  MonitorType,
  MonitorWindow,
  Threshold,
} from './monitor.js';
export {
  alertSchema,
  conditionSchema,
  DEFAULT_ALERT,
  DEFAULT_DATA_QUALITY,
  DEFAULT_DRIFT_THRESHOLDS,
  DEFAULT_LEARNED_THRESHOLD,
  DEFAULT_MONITOR,
  DEFAULT_PERFORMANCE,
  DEFAULT_PREDICTION_DRIFT,
  featureSelectionSchema,
  MONITOR_API_VERSION,
  MONITOR_TYPES,
  monitorDefinitionSchema,
  monitorMetadataSchema,
  monitorSpecSchema,
  thresholdSchema,
  windowSchema,
} from './monitor.js';
export type {
  MonitorFileIssue,
  MonitorFileResult,
  ParseMonitorFileOptions,
} from './monitor-file.js';
export { formatMonitorFileIssue, parseMonitorFile } from './monitor-file.js';
export type { LlmEmbeddings, LlmFilter, LlmQualityMetric, LlmReference } from './monitor-llm.js';
export {
  DEFAULT_LLM_QUALITY,
  LLM_QUALITY_METRICS,
  LLM_QUALITY_STATISTICS,
  LLM_REFERENCE_METRICS,
  llmEmbeddingsSchema,
  llmFilterSchema,
  llmReferenceSchema,
} from './monitor-llm.js';
export type { ApiKeyInfo, CreateApiKey, CreateProject, Project } from './project.js';
export {
  API_KEY_PATTERN,
  API_KEY_PREFIX,
  API_KEY_SECRET_LENGTH,
  apiKeyInfoSchema,
  createApiKeySchema,
  createProjectSchema,
  PROJECT_ID_PATTERN,
  parseApiKey,
  projectIdSchema,
  projectSchema,
} from './project.js';
export type { CreatePrompt, PromptContent, PromptMessage, PromptModelConfig } from './prompt.js';
export {
  createPromptSchema,
  LATEST_LABEL,
  PROMPT_LABEL_PATTERN,
  PROMPT_VARIABLE_RE,
  placeholders,
  promptContentOf,
  promptLabelSchema,
  promptMessageSchema,
  promptModelConfigSchema,
  promptNameSchema,
} from './prompt.js';
export type { PromptFileIssue, PromptFileResult } from './prompt-file.js';
export { formatPromptFileIssue, parsePromptFile } from './prompt-file.js';
export type {
  Resource,
  ResourceFileResult,
  ResourceKind,
} from './resource-file.js';
export { parseResourceFile, RESOURCE_KINDS } from './resource-file.js';
export type {
  SilenceDefinition,
  SilenceMatcherValue,
  SilenceSpec,
  SilenceSpecInput,
} from './silence.js';
export {
  DEFAULT_SILENCE,
  LABEL_NAME_PATTERN,
  parseMatcherText,
  silenceDefinitionSchema,
  silenceMatcherSchema,
  silenceSpan,
  silenceSpecSchema,
} from './silence.js';
export { durationSchema, MAX_TIME_MS, parseDurationMs, timeSchema } from './time.js';
