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
export { durationSchema, MAX_TIME_MS, parseDurationMs, timeSchema } from './time.js';
