// @vigil/sdk: log what models see and do to a Vigil server, without ever throwing into the host.

export type { BackoffOptions } from './backoff.js';
export { backoffDelayMs, parseRetryAfterMs } from './backoff.js';
export { MAX_TIME_MS, SDK_LIMITS } from './check.js';
export type { VigilClientStats } from './client.js';
export { VigilClient } from './client.js';
export type { EnvReadOptions, EnvSource, EnvWarn } from './env.js';
export { getEnvString, getEnvUrl } from './env.js';
export type {
  ErrorHandler,
  VigilSdkErrorCode,
  VigilSdkErrorInit,
  VigilSdkIssue,
} from './errors.js';
export { createDefaultErrorHandler, VigilConfigError, VigilSdkError } from './errors.js';
export type {
  FeatureInput,
  InfraInput,
  LabelInput,
  OutcomeInput,
  PredictionInput,
  TimeInput,
  WireEvent,
} from './events.js';
export type { FetchLike, VigilClientOptions } from './options.js';
export { DEFAULT_ENDPOINT } from './options.js';
export type {
  GetPromptOptions,
  Prompt,
  PromptCacheOptions,
  PromptFallback,
  PromptMessage,
  PromptSource,
} from './prompts.js';
export { compilePrompt, PromptCache } from './prompts.js';
export type { ModelResolverOptions, ResolvedModel, ResolveFailure } from './resolve.js';
export { ModelResolver } from './resolve.js';
export type {
  ExperimentCacheOptions,
  ExperimentSnapshot,
  ExperimentVariant,
  VariantAssignment,
} from './variants.js';
export { assignmentFrom, ExperimentCache } from './variants.js';
