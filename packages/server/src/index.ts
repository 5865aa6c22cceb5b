// @vigil/server: the HTTP server (ingestion, projects and keys, models, reads, health, metrics).

export type { Env } from './env.js';
export { EnvError, EnvSchema, loadEnv } from './env.js';
export type { AppErrorCode, AppIssue } from './errors.js';
export { AppError, toAppError } from './errors.js';
export { APP_ERROR_TO_HTTP } from './http/errors.js';
export type { RouteAuth, RouteSpec } from './http/route.js';
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
